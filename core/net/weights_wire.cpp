#include "core/net/weights_wire.h"

#include <set>
#include <stdexcept>

#include "core/net/wire_tensor.h"

namespace cleave::net {

std::vector<WireTensor> weightsToWire(const Weights& weights, TensorCodec codec) {
  std::vector<WireTensor> out;
  out.reserve(weights.size());
  for (const auto& e : weights)
    out.push_back(encodeTensor(e.name, e.value, codec));
  return out;
}

Weights weightsFromWire(const std::vector<WireTensor>& wire, const Weights& layout) {
  Weights out;
  out.reserve(wire.size());
  std::set<std::string> seen;
  for (const auto& t : wire) {
    const WeightEntry* like = findWeight(layout, t.name);
    if (!like) throw std::invalid_argument("weights: unknown tensor '" + t.name + "'");
    if (!seen.insert(t.name).second) {
      throw std::invalid_argument("weights: tensor '" + t.name + "' sent twice");
    }
    if (t.shape != like->value.shape) {
      throw std::invalid_argument("weights: tensor '" + t.name + "' is " + shapeToString(t.shape) +
                                  ", expected " + shapeToString(like->value.shape));
    }
    out.push_back({like->name, like->layer, decodeTensor(t), like->statistic});
  }
  return out;
}

}  // namespace cleave::net
