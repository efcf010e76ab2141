// Predicted time of one split-training step (edge, uplink, cloud, downlink) and the edge memory it
// needs, for one device at every cut, from prefix sums over a CostTable: O(layers) to build and to
// bind a device, O(1) per cut. Holds the bound device's state: one instance per thread.
//
// Cut convention (used throughout core/plan): cut k = number of trunk layers that run on the edge,
// k in [0, n-1]. The edge runs layers [0, k) and sends the output of layer k-1 (the raw input when
// k == 0, CostTable::input_bytes per sample); the cloud runs [k, n). The cloud always keeps at
// least the last layer, because the loss is computed there.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "core/model/cost_model.h"
#include "core/plan/device_profile.h"

namespace cleave {

// A plan request or profile that cannot be planned; what() names the device and the field.
class PlanError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Milliseconds of one step. up_ms and down_ms each include the one-way latency, so
// total() = edge + 2 x latency + up_bytes/up_rate + down_bytes/down_rate + cloud.
struct PhaseTimes {
  double edge_ms = 0;
  double up_ms = 0;
  double cloud_ms = 0;
  double down_ms = 0;
  double total() const { return edge_ms + up_ms + cloud_ms + down_ms; }
};

// Model of one step:
//  - compute: forward + backward ~ 3 x forward FLOPs (backward computes gradients with respect to
//    both inputs and weights, each about one forward). Unprofiled edge layer time =
//    3 x flops x batch / flops_per_s; a profiled device's layer_ms are scaled by
//    batch / profile_batch instead. Cloud time = 3 x flops x batch / cloud flops_per_s x load.
//  - uplink: batch x activation bytes x wire_bytes_per_value / 4 (activations are fp32 in the
//    cost table) plus 8 bytes of int64 label per sample; downlink: the activation gradient, the
//    same size without labels.
//  - edge memory: parameters of [0, k) x 4 bytes x 3 (weights, gradients, momentum) + batch x
//    activation bytes of every layer in [0, k) (kept for backward) + the input batch.
class StepModel {
 public:
  static constexpr int64_t kLabelBytes = 8;

  // Throws PlanError for an empty table, batch < 1, wire_bytes_per_value <= 0 or a bad cloud.
  StepModel(const CostTable& table, const CloudProfile& cloud, int batch,
            double wire_bytes_per_value);

  int layerCount() const { return m_layers; }
  int cutCount() const { return m_layers; }  // cuts 0 .. n-1

  // Bind a device; O(layers) for a profiled device, O(1) otherwise. Throws PlanError naming the
  // device when its profile cannot be used (no speed, layer_ms of the wrong length, dead link).
  void setDevice(const DeviceProfile& device);

  PhaseTimes phases(int cut) const;
  double stepMs(int cut) const { return phases(cut).total(); }
  int64_t upBytes(int cut) const;
  int64_t downBytes(int cut) const;
  int64_t edgeMemoryBytes(int cut) const { return m_memory[static_cast<size_t>(cut)]; }
  bool fitsMemory(int cut) const;

 private:
  double edgeMs(int cut) const;
  int64_t activationWireBytes(int cut) const;

  int m_layers = 0;
  int m_batch = 1;
  double m_wire_ratio = 1.0;              // wire bytes per fp32 byte
  std::vector<int64_t> m_cut_activation;  // per-sample fp32 bytes crossing cut k
  std::vector<double> m_flops_prefix;     // forward FLOPs of layers [0, k), per sample; size n+1
  std::vector<int64_t> m_memory;          // edge memory of cut k (device independent)
  double m_cloud_ms_per_flop = 0;         // includes x3, x batch and load

  bool m_bound = false;
  bool m_profiled = false;
  double m_edge_ms_per_flop = 0;          // includes x3 and x batch; unprofiled devices
  std::vector<double> m_profiled_prefix;  // profiled devices: ms of layers [0, k); size n+1
  double m_up_bytes_per_ms = 0;
  double m_down_bytes_per_ms = 0;
  double m_latency_ms = 0;
  int64_t m_memory_limit = 0;  // <= 0: unlimited
};

}  // namespace cleave
