#include "core/model/cost_model.h"

#include "core/model/block_expansion.h"
#include "core/model/layer_shape.h"

namespace cleave {
namespace {

struct Work {
  int64_t params = 0;
  int64_t macs = 0;
};

int64_t product(const std::vector<int64_t>& values) {
  int64_t result = 1;
  for (int64_t v : values)
    result *= v;
  return result;
}

Work operator+(Work a, Work b) {
  return {a.params + b.params, a.macs + b.macs};
}

Work layerWork(const LayerSpec& layer, const Shape& input, const Shape& output,
               const std::string& where);

Work sequenceWork(const std::vector<LayerSpec>& layers, Shape& shape, const std::string& where) {
  Work total;
  for (const auto& inner : layers) {
    const std::string inner_where = where + " / " + inner.name;
    Shape next = layerOutputShape(inner, shape, inner_where);
    total = total + layerWork(inner, shape, next, inner_where);
    shape = std::move(next);
  }
  return total;
}

Work blockWork(const LayerSpec& layer, const Shape& input, const std::string& where) {
  const BlockExpansion block = expandBlock(layer, input[0]);
  Shape main_shape = input;
  Shape skip_shape = input;
  return sequenceWork(block.main, main_shape, where) +
         sequenceWork(block.shortcut, skip_shape, where) +
         sequenceWork(block.after_add, main_shape, where);
}

Work layerWork(const LayerSpec& layer, const Shape& input, const Shape& output,
               const std::string& where) {
  switch (layer.type) {
    case LayerType::Conv2d:
    case LayerType::Conv1d: {
      // Each output element is a dot product over (in_channels / groups) x kernel inputs.
      const int64_t fan_in = input[0] / layer.groups * product(layer.kernel);
      return {layer.out_channels * fan_in + (layer.bias ? layer.out_channels : 0),
              numel(output) * fan_in};
    }
    case LayerType::Linear:
      return {input[0] * layer.out_features + (layer.bias ? layer.out_features : 0),
              input[0] * layer.out_features};
    case LayerType::BatchNorm2d:
    case LayerType::BatchNorm1d:
      return {2 * input[0], 0};  // weight + bias; running statistics are buffers, not parameters
    case LayerType::BasicBlock:
    case LayerType::InvertedResidual:
      return blockWork(layer, input, where);
    case LayerType::MaxPool2d:
    case LayerType::AvgPool2d:
    case LayerType::MaxPool1d:
    case LayerType::AvgPool1d:
    case LayerType::AdaptiveAvgPool2d:
    case LayerType::AdaptiveAvgPool1d:
    case LayerType::ReLU:
    case LayerType::ReLU6:
    case LayerType::Dropout:
    case LayerType::Flatten:
      return {};
  }
  return {};
}

}  // namespace

LayerCost layerCost(const LayerSpec& layer, const Shape& input, const std::string& origin) {
  const std::string where =
      origin + ": layer '" + layer.name + "' (" + layerTypeName(layer.type) + ")";
  LayerCost cost;
  cost.name = layer.name;
  cost.type = layerTypeName(layer.type);
  cost.input_shape = input;
  cost.output_shape = layerOutputShape(layer, input, where);
  cost.activation_bytes = numel(cost.output_shape) * static_cast<int64_t>(sizeof(float));
  const Work work = layerWork(layer, input, cost.output_shape, where);
  cost.params = work.params;
  cost.macs = work.macs;
  cost.flops = 2 * work.macs;
  return cost;
}

CostTable computeCosts(const ModelSpec& spec) {
  CostTable table;
  table.model = spec.name;
  table.input_bytes = numel(spec.input_shape) * static_cast<int64_t>(sizeof(float));
  Shape shape = spec.input_shape;
  for (int i = 0; i < spec.layerCount(); ++i) {
    LayerCost cost = layerCost(spec.layers[static_cast<size_t>(i)], shape, spec.name);
    cost.index = i;
    shape = cost.output_shape;
    table.total_params += cost.params;
    table.total_macs += cost.macs;
    table.total_flops += cost.flops;
    table.layers.push_back(std::move(cost));
  }
  for (const auto& exit : spec.exits) {
    ExitCost cost;
    cost.name = exit.name;
    cost.after_index = exit.after_index;
    if (exit.after_index < 0 || exit.after_index >= spec.layerCount()) {
      throw SpecError(spec.name + ": exit '" + exit.name + "' hangs after no trunk layer");
    }
    shape = table.layers[static_cast<size_t>(exit.after_index)].output_shape;
    for (const auto& layer : exit.layers) {
      const LayerCost head = layerCost(layer, shape, spec.name);
      shape = head.output_shape;
      cost.params += head.params;
      cost.macs += head.macs;
    }
    cost.flops = 2 * cost.macs;
    table.exits.push_back(std::move(cost));
  }
  return table;
}

}  // namespace cleave
