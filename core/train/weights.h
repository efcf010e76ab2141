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

  bool operator==(const WeightEntry&) const = default;
};

using Weights = std::vector<WeightEntry>;

// Entry with `name`, or nullptr.
const WeightEntry* findWeight(const Weights& weights, const std::string& name);
// Total number of float values.
int64_t weightValueCount(const Weights& weights);
// All values end to end, in entry order: the dense form update compression works on.
std::vector<float> flattenWeights(const Weights& weights);
// Overwrite the values of `weights` from a flat span of weightValueCount(weights) floats.
// Throws std::invalid_argument on a length mismatch.
void unflattenWeights(std::span<const float> flat, Weights& weights);

}  // namespace cleave
