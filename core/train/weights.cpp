#include "core/train/weights.h"

#include <algorithm>
#include <stdexcept>

namespace cleave {

const WeightEntry* findWeight(const Weights& weights, const std::string& name) {
  auto it = std::find_if(weights.begin(), weights.end(),
                         [&](const WeightEntry& e) { return e.name == name; });
  return it == weights.end() ? nullptr : &*it;
}

namespace {

bool selected(const WeightEntry& e, WeightSelection which) {
  return which == WeightSelection::All || e.statistic == (which == WeightSelection::Statistics);
}

}  // namespace

int64_t weightValueCount(const Weights& weights, WeightSelection which) {
  int64_t n = 0;
  for (const auto& e : weights)
    n += selected(e, which) ? e.value.numel() : 0;
  return n;
}

std::vector<float> flattenWeights(const Weights& weights, WeightSelection which) {
  std::vector<float> flat;
  flat.reserve(static_cast<size_t>(weightValueCount(weights, which)));
  for (const auto& e : weights) {
    if (selected(e, which)) flat.insert(flat.end(), e.value.data.begin(), e.value.data.end());
  }
  return flat;
}

void unflattenWeights(std::span<const float> flat, Weights& weights, WeightSelection which) {
  if (static_cast<int64_t>(flat.size()) != weightValueCount(weights, which)) {
    throw std::invalid_argument("unflattenWeights: " + std::to_string(flat.size()) +
                                " values for weights holding " +
                                std::to_string(weightValueCount(weights, which)));
  }
  auto it = flat.begin();
  for (auto& e : weights) {
    if (!selected(e, which)) continue;
    std::copy(it, it + static_cast<std::ptrdiff_t>(e.value.data.size()), e.value.data.begin());
    it += static_cast<std::ptrdiff_t>(e.value.data.size());
  }
}

}  // namespace cleave
