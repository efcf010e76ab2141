#include "core/train/fedavg.h"

#include <map>
#include <stdexcept>

namespace cleave {

namespace {

double samplesFor(const Replica& r, int layer) {
  if (layer < 0 || static_cast<size_t>(layer) >= r.layer_samples.size()) return 0.0;
  return r.layer_samples[static_cast<size_t>(layer)];
}

struct Holder {
  const WeightEntry* entry;
  double samples;
};

}  // namespace

Weights federatedAverage(const std::vector<Replica>& replicas) {
  // Keep first-seen order so the result lists weights the way the model does.
  std::vector<std::string> order;
  std::map<std::string, std::vector<Holder>> holders;
  for (const auto& r : replicas) {
    if (!r.weights) continue;
    for (const auto& e : *r.weights) {
      auto [it, inserted] = holders.try_emplace(e.name);
      if (inserted) order.push_back(e.name);
      it->second.push_back({&e, samplesFor(r, e.layer)});
    }
  }

  Weights out;
  out.reserve(order.size());
  for (const auto& name : order) {
    const auto& hs = holders[name];
    const WeightEntry& first = *hs.front().entry;
    double total = 0;
    for (const auto& h : hs) {
      if (h.entry->value.shape != first.value.shape) {
        throw std::invalid_argument("federatedAverage: replicas disagree on the shape of '" + name +
                                    "': " + shapeToString(first.value.shape) + " vs " +
                                    shapeToString(h.entry->value.shape));
      }
      total += h.samples;
    }
    WeightEntry avg{name, first.layer, Tensor(first.value.shape), first.statistic};
    std::vector<double> acc(avg.value.data.size(), 0.0);  // double: thousands of replicas
    for (const auto& h : hs) {
      const double w = total > 0 ? h.samples / total : 1.0 / static_cast<double>(hs.size());
      if (w == 0.0) continue;
      const auto& src = h.entry->value.data;
      for (size_t i = 0; i < acc.size(); ++i)
        acc[i] += w * src[i];
    }
    for (size_t i = 0; i < acc.size(); ++i)
      avg.value.data[i] = static_cast<float>(acc[i]);
    out.push_back(std::move(avg));
  }
  return out;
}

}  // namespace cleave
