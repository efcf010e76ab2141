#include "core/plan/step_model.h"

#include <cmath>
#include <string>

namespace cleave {
namespace {

constexpr double kForwardBackwardFactor = 3.0;
constexpr double kBytesPerMsPerMbps = 1e6 / 8.0 / 1e3;  // 1 Mbit/s = 125 bytes per ms
constexpr int64_t kStateCopies = 3;                     // weights, gradients, momentum
constexpr int64_t kFp32Bytes = 4;

std::string deviceLabel(const DeviceProfile& device) {
  return "device '" + device.name + "'";
}

}  // namespace

StepModel::StepModel(const CostTable& table, const CloudProfile& cloud, int batch,
                     double wire_bytes_per_value)
    : m_layers(static_cast<int>(table.layers.size())), m_batch(batch) {
  if (m_layers == 0) throw PlanError("cost table '" + table.model + "' has no layers to split");
  if (batch < 1) throw PlanError("batch must be >= 1, got " + std::to_string(batch));
  if (!(wire_bytes_per_value > 0)) {
    throw PlanError("wire_bytes_per_value must be > 0, got " +
                    std::to_string(wire_bytes_per_value));
  }
  if (!(cloud.flops_per_s > 0)) {
    throw PlanError("cloud flops_per_s must be > 0, got " + std::to_string(cloud.flops_per_s));
  }
  if (!(cloud.load > 0))
    throw PlanError("cloud load must be > 0, got " + std::to_string(cloud.load));
  m_wire_ratio = wire_bytes_per_value / kFp32Bytes;

  const auto n = static_cast<size_t>(m_layers);
  m_cut_activation.resize(n);
  m_flops_prefix.assign(n + 1, 0.0);
  m_memory.resize(n);
  int64_t params = 0;
  int64_t kept_activations = 0;
  for (size_t k = 0; k < n; ++k) {
    const LayerCost& layer = table.layers[k];
    m_cut_activation[k] = k == 0 ? table.input_bytes : table.layers[k - 1].activation_bytes;
    m_memory[k] =
        params * kFp32Bytes * kStateCopies + batch * (kept_activations + table.input_bytes);
    m_flops_prefix[k + 1] = m_flops_prefix[k] + static_cast<double>(layer.flops);
    params += layer.params;
    kept_activations += layer.activation_bytes;
  }
  m_cloud_ms_per_flop = kForwardBackwardFactor * batch / cloud.flops_per_s * 1e3 * cloud.load;
}

void StepModel::setDevice(const DeviceProfile& device) {
  const LinkProfile& link = device.link;
  if (!(link.up_mbps > 0) || !(link.down_mbps > 0)) {
    throw PlanError(deviceLabel(device) + ": link up_mbps and down_mbps must be > 0");
  }
  if (!(link.latency_ms >= 0))
    throw PlanError(deviceLabel(device) + ": link latency_ms must be >= 0");
  m_profiled = !device.layer_ms.empty();
  if (m_profiled) {
    if (device.layer_ms.size() != static_cast<size_t>(m_layers)) {
      throw PlanError(deviceLabel(device) + ": layer_ms has " +
                      std::to_string(device.layer_ms.size()) + " entries but the model has " +
                      std::to_string(m_layers) + " layers");
    }
    if (device.profile_batch < 1) {
      throw PlanError(deviceLabel(device) + ": profile_batch must be >= 1, got " +
                      std::to_string(device.profile_batch));
    }
    // Compute time scales linearly with the batch over the sizes agents profile at.
    const double scale = static_cast<double>(m_batch) / device.profile_batch;
    m_profiled_prefix.resize(static_cast<size_t>(m_layers) + 1);
    m_profiled_prefix[0] = 0;
    for (size_t i = 0; i < device.layer_ms.size(); ++i) {
      m_profiled_prefix[i + 1] = m_profiled_prefix[i] + device.layer_ms[i] * scale;
    }
  } else {
    if (!(device.flops_per_s > 0)) {
      throw PlanError(deviceLabel(device) +
                      ": flops_per_s must be > 0 until the device is profiled");
    }
    m_edge_ms_per_flop = kForwardBackwardFactor * m_batch / device.flops_per_s * 1e3;
  }
  m_up_bytes_per_ms = link.up_mbps * kBytesPerMsPerMbps;
  m_down_bytes_per_ms = link.down_mbps * kBytesPerMsPerMbps;
  m_latency_ms = link.latency_ms;
  m_memory_limit = device.memory_bytes;
  m_bound = true;
}

double StepModel::edgeMs(int cut) const {
  const auto k = static_cast<size_t>(cut);
  return m_profiled ? m_profiled_prefix[k] : m_flops_prefix[k] * m_edge_ms_per_flop;
}

int64_t StepModel::activationWireBytes(int cut) const {
  const double bytes = static_cast<double>(m_cut_activation[static_cast<size_t>(cut)]) * m_batch;
  return std::llround(bytes * m_wire_ratio);
}

int64_t StepModel::upBytes(int cut) const {
  return activationWireBytes(cut) + kLabelBytes * m_batch;
}

int64_t StepModel::downBytes(int cut) const {
  return activationWireBytes(cut);
}

PhaseTimes StepModel::phases(int cut) const {
  if (!m_bound) throw PlanError("StepModel::phases called before setDevice");
  const auto k = static_cast<size_t>(cut);
  PhaseTimes t;
  t.edge_ms = edgeMs(cut);
  t.up_ms = m_latency_ms + static_cast<double>(upBytes(cut)) / m_up_bytes_per_ms;
  t.cloud_ms =
      (m_flops_prefix[static_cast<size_t>(m_layers)] - m_flops_prefix[k]) * m_cloud_ms_per_flop;
  t.down_ms = m_latency_ms + static_cast<double>(downBytes(cut)) / m_down_bytes_per_ms;
  return t;
}

bool StepModel::fitsMemory(int cut) const {
  return m_memory_limit <= 0 || edgeMemoryBytes(cut) <= m_memory_limit;
}

}  // namespace cleave
