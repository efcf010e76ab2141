// The split planner: for every edge device, which cut to train at and how many steps to run in a
// round, from the cost table, the device and cloud profiles and the operator's request. A pure
// function of its inputs: call it from any thread (the cloud re-plans every round on a worker).
//
// Cuts follow the convention in step_model.h: cut k puts layers [0, k) on the edge, k in [0, n-1].
// Predicted step time T_d(k) = edge_d(0..k) + 2 x latency_d + up_bytes/up_rate_d
//                              + down_bytes/down_rate_d + cloud(k..n) x load.
// A cut whose edge memory exceeds the device's memory is never chosen by fastest or in-step.
//
// Modes
//  - Manual: the operator's cut, request.device_cuts[name] if given, else request.global_cut.
//    A cut that does not fit memory is reported with feasible = false and the reason.
//  - Fastest: per device, argmin_k T_d(k) over the cuts that fit (ties: the shallower cut).
//  - InStep (the IETF draft's "consistent training delay"): every device gets a cut and a step
//    count so that all devices finish the round together under one deadline D.
//      D = request.deadline_ms if > 0, else steps x max_d min_k T_d(k): the slowest device runs
//      the requested steps at its fastest cut, the others fit as many steps as D allows.
//      Per device choose the cut maximising s_d(k) = floor(D / T_d(k)); ties go to the smaller
//      idle time D - s_d(k) T_d(k) (the device that fills the window finishes nearest the
//      others), then to the shallower cut. Every finish time s_d T_d lies in (D - T_d, D], so
//      finishes differ by less than one step. A device that cannot finish one step at any cut
//      (only possible with an explicit deadline) is a straggler: steps = 1 at its fastest cut,
//      feasible = false.
//  Devices whose memory fits no cut at all get feasible = false in every mode.
//  Plan::round_ms and spread_ms (max - min finish time) are over feasible devices only.
// Cost: O(devices x layers) time, O(layers) extra memory (O(devices x layers) with curves).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/cost_model.h"
#include "core/plan/device_profile.h"
#include "core/plan/step_model.h"

namespace cleave {

enum class PlanMode { Manual, Fastest, InStep };

// "manual", "fastest", "in-step" (also accepted: "in_step", "instep"); nullopt for anything else.
std::string planModeName(PlanMode mode);
std::optional<PlanMode> planModeFromName(std::string_view name);

// The operator's split choice as typed: "fastest", "in-step", or a cut number (manual).
struct SplitChoice {
  PlanMode mode = PlanMode::Fastest;
  int cut = -1;  // manual only
};
// Throws PlanError ("--split 'x': expected a cut number, 'fastest' or 'in-step'"); with
// layer_count > 0 also for a cut outside [0, layer_count - 1].
SplitChoice parseSplitChoice(const std::string& text, int layer_count = 0);

struct PlanRequest {
  PlanMode mode = PlanMode::Fastest;
  int global_cut = -1;                     // manual: the cut for devices without an override
  std::map<std::string, int> device_cuts;  // manual: per-device overrides, by device name
  int batch = 32;                          // samples per step
  int steps = 1;                           // steps per round (in-step: the slowest device's)
  double deadline_ms = 0;                  // in-step: round deadline; <= 0 derives it from steps
  double wire_bytes_per_value = 4;         // codec on the wire: 4 fp32, 2 fp16, ~1 int8
  bool keep_curves = false;                // fill Plan::step_ms_by_cut (the studio's plot)
};

struct DevicePlan {
  std::string device;
  int cut = 0;
  int steps = 0;
  PhaseTimes step;      // predicted times of one step at `cut`
  double round_ms = 0;  // steps x step.total()
  int64_t up_bytes_per_step = 0;
  int64_t down_bytes_per_step = 0;
  int64_t edge_memory_bytes = 0;
  bool feasible = true;
  std::string reason;  // why not feasible; empty when feasible
};

struct Plan {
  PlanMode mode = PlanMode::Fastest;
  int batch = 0;
  double deadline_ms = 0;           // in-step: the deadline used; 0 in other modes
  std::vector<DevicePlan> devices;  // in fleet order
  double round_ms = 0;              // latest finish over feasible devices
  double spread_ms = 0;             // latest minus earliest finish over feasible devices
  // Optional (PlanRequest::keep_curves): per device, T_d(k) for every cut k, memory-fitting or
  // not; the curve the studio plots.
  std::vector<std::vector<double>> step_ms_by_cut;
};

// Throws PlanError for an invalid request (steps < 1, manual cut out of range or missing, an
// override naming no device) or an unusable profile (see StepModel).
Plan planSplit(const CostTable& table, const Fleet& fleet, const PlanRequest& request);

// T_d(k) for k = 0 .. n-1 for one device (uses request.batch and wire_bytes_per_value).
std::vector<double> stepTimeByCut(const CostTable& table, const DeviceProfile& device,
                                  const CloudProfile& cloud, const PlanRequest& request);

}  // namespace cleave
