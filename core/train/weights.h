// Named model weights as plain data: what FedAvg averages, checkpoints store and the network ships.
// Each entry knows which trunk layer it belongs to (exit heads belong to the layer they hang on),
// so replicas holding different cuts can be averaged layer by layer. A value type.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/tensor/tensor.h"

namespace cleave {

struct WeightEntry {
  std::string name;  // "L3.weight", "L5.conv1.weight", "exit.local.2.bias", "L1.running_mean"
  int layer = 0;     // trunk layer index it belongs to
  Tensor value;
  bool statistic = false;  // a running statistic (batchnorm mean/var), not a trained parameter

  bool operator==(const WeightEntry&) const = default;
};

using Weights = std::vector<WeightEntry>;

// Entry with `name`, or nullptr.
const WeightEntry* findWeight(const Weights& weights, const std::string& name);
// Which entries a flat view covers. Update compression takes parameters only: a sparsified,
// quantised running variance can turn negative, so statistics travel dense.
enum class WeightSelection { All, Parameters, Statistics };

// Number of float values in the selected entries.
int64_t weightValueCount(const Weights& weights, WeightSelection which = WeightSelection::All);
// The selected entries' values end to end, in entry order.
std::vector<float> flattenWeights(const Weights& weights,
                                  WeightSelection which = WeightSelection::All);
// Overwrite the selected entries' values from a flat span as flattenWeights lays them out.
// Throws std::invalid_argument on a length mismatch.
void unflattenWeights(std::span<const float> flat, Weights& weights,
                      WeightSelection which = WeightSelection::All);

}  // namespace cleave
