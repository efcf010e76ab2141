// Named model weights as plain data: what FedAvg averages, checkpoints store and the network ships.
// Each entry knows which trunk layer it belongs to (exit heads belong to the layer they hang on),
// so replicas holding different cuts can be averaged layer by layer. A value type.
#pragma once

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

}  // namespace cleave
