#include "core/train/weights.h"

#include <algorithm>

namespace cleave {

const WeightEntry* findWeight(const Weights& weights, const std::string& name) {
  auto it = std::find_if(weights.begin(), weights.end(),
                         [&](const WeightEntry& e) { return e.name == name; });
  return it == weights.end() ? nullptr : &*it;
}

int64_t weightValueCount(const Weights& weights) {
  int64_t n = 0;
  for (const auto& e : weights)
    n += e.value.numel();
  return n;
}

}  // namespace cleave
