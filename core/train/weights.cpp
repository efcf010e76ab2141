#include "core/train/weights.h"

#include <algorithm>
#include <stdexcept>

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

std::vector<float> flattenWeights(const Weights& weights) {
  std::vector<float> flat;
  flat.reserve(static_cast<size_t>(weightValueCount(weights)));
  for (const auto& e : weights)
    flat.insert(flat.end(), e.value.data.begin(), e.value.data.end());
  return flat;
}

void unflattenWeights(std::span<const float> flat, Weights& weights) {
  if (static_cast<int64_t>(flat.size()) != weightValueCount(weights)) {
    throw std::invalid_argument("unflattenWeights: " + std::to_string(flat.size()) +
                                " values for weights holding " +
                                std::to_string(weightValueCount(weights)));
  }
  auto it = flat.begin();
  for (auto& e : weights) {
    std::copy(it, it + static_cast<std::ptrdiff_t>(e.value.data.size()), e.value.data.begin());
    it += static_cast<std::ptrdiff_t>(e.value.data.size());
  }
}

}  // namespace cleave
