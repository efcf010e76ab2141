#include "core/model/layer_shape.h"

#include "core/model/block_expansion.h"

namespace cleave {
namespace {

// Beyond this a single sample's activation would not fit any device (64 GiB of fp32).
constexpr int64_t kMaxElements = int64_t{1} << 34;

[[noreturn]] void fail(const std::string& where, const std::string& problem) {
  throw SpecError(where + ": " + problem);
}

size_t spatialRank(LayerType type) {
  switch (type) {
    case LayerType::Conv1d:
    case LayerType::MaxPool1d:
    case LayerType::AvgPool1d:
    case LayerType::AdaptiveAvgPool1d:
      return 1;
    default:
      return 2;
  }
}

std::string expectedInput(size_t spatial_rank) {
  return spatial_rank == 1 ? "[channels, length]" : "[channels, height, width]";
}

void requireRank(const Shape& input, size_t rank, const std::string& expected,
                 const std::string& where) {
  if (input.size() != rank) {
    fail(where, "expects input " + expected + " (rank " + std::to_string(rank) + "), got " +
                    shapeToString(input));
  }
}

// Hand-built specs skip the parser; check what it would have guaranteed.
void requireEntries(const std::vector<int64_t>& values, size_t rank, int64_t min, const char* field,
                    const std::string& where) {
  if (values.size() != rank) {
    fail(where, std::string("'") + field + "' has " + std::to_string(values.size()) +
                    " entries, needs " + std::to_string(rank));
  }
  for (int64_t v : values) {
    if (v < min) {
      fail(where, std::string("'") + field + "' must be >= " + std::to_string(min) + ", got " +
                      std::to_string(v));
    }
  }
}

// Sliding-window output sizes: floor((in + 2p - k) / s) + 1 per spatial dimension.
Shape windowed(const LayerSpec& layer, const Shape& input, int64_t channels,
               const std::string& where) {
  const size_t rank = input.size() - 1;
  requireEntries(layer.kernel, rank, 1, "kernel", where);
  requireEntries(layer.stride, rank, 1, "stride", where);
  requireEntries(layer.padding, rank, 0, "padding", where);
  Shape output{channels};
  for (size_t d = 0; d < rank; ++d) {
    const int64_t padded = input[d + 1] + 2 * layer.padding[d];
    if (padded < layer.kernel[d]) {
      fail(where, "kernel " + std::to_string(layer.kernel[d]) + " does not fit input " +
                      shapeToString(input) + ": spatial dimension " + std::to_string(d) +
                      " is only " + std::to_string(padded) + " after padding");
    }
    output.push_back((padded - layer.kernel[d]) / layer.stride[d] + 1);
  }
  return output;
}

Shape convShape(const LayerSpec& layer, const Shape& input, const std::string& where) {
  const size_t rank = spatialRank(layer.type);
  requireRank(input, rank + 1, expectedInput(rank), where);
  if (layer.out_channels < 1) fail(where, "'out_channels' must be >= 1");
  if (layer.groups < 1 || input[0] % layer.groups != 0 || layer.out_channels % layer.groups != 0) {
    fail(where, "groups " + std::to_string(layer.groups) +
                    " must divide both the input channels (" + std::to_string(input[0]) +
                    ") and out_channels (" + std::to_string(layer.out_channels) + ")");
  }
  return windowed(layer, input, layer.out_channels, where);
}

Shape poolShape(const LayerSpec& layer, const Shape& input, const std::string& where) {
  const size_t rank = spatialRank(layer.type);
  requireRank(input, rank + 1, expectedInput(rank), where);
  requireEntries(layer.kernel, rank, 1, "kernel", where);
  requireEntries(layer.padding, rank, 0, "padding", where);
  for (size_t d = 0; d < rank; ++d) {
    // PyTorch refuses larger padding; catch it here rather than when the network is built.
    if (2 * layer.padding[d] > layer.kernel[d]) {
      fail(where, "padding " + std::to_string(layer.padding[d]) +
                      " must be at most half of kernel " + std::to_string(layer.kernel[d]));
    }
  }
  return windowed(layer, input, input[0], where);
}

Shape adaptiveShape(const LayerSpec& layer, const Shape& input, const std::string& where) {
  const size_t rank = spatialRank(layer.type);
  requireRank(input, rank + 1, expectedInput(rank), where);
  requireEntries(layer.output_size, rank, 1, "output_size", where);
  Shape output{input[0]};
  output.insert(output.end(), layer.output_size.begin(), layer.output_size.end());
  return output;
}

Shape sequenceShape(const std::vector<LayerSpec>& layers, Shape shape, const std::string& where) {
  for (const auto& inner : layers) {
    shape = layerOutputShape(inner, shape, where + " / " + inner.name);
  }
  return shape;
}

Shape blockShape(const LayerSpec& layer, const Shape& input, const std::string& where) {
  requireRank(input, 3, expectedInput(2), where);
  if (layer.out_channels < 1) fail(where, "'out_channels' must be >= 1");
  if (layer.type == LayerType::InvertedResidual && layer.expand_ratio < 1) {
    fail(where, "'expand_ratio' must be >= 1");
  }
  requireEntries(layer.stride, 2, 1, "stride", where);
  const BlockExpansion block = expandBlock(layer, input[0]);
  const Shape output = sequenceShape(block.main, input, where);
  const Shape skip = block.shortcut.empty() ? input : sequenceShape(block.shortcut, input, where);
  if (block.residual && skip != output) {
    fail(where, "residual shapes differ: " + shapeToString(output) + " vs " + shapeToString(skip));
  }
  return sequenceShape(block.after_add, output, where);
}

Shape unchecked(const LayerSpec& layer, const Shape& input, const std::string& where) {
  switch (layer.type) {
    case LayerType::Conv2d:
    case LayerType::Conv1d:
      return convShape(layer, input, where);
    case LayerType::MaxPool2d:
    case LayerType::AvgPool2d:
    case LayerType::MaxPool1d:
    case LayerType::AvgPool1d:
      return poolShape(layer, input, where);
    case LayerType::AdaptiveAvgPool2d:
    case LayerType::AdaptiveAvgPool1d:
      return adaptiveShape(layer, input, where);
    case LayerType::Linear:
      if (input.size() != 1) {
        fail(where, "expects a flat input [features], got " + shapeToString(input) +
                        "; add a flatten layer before it");
      }
      if (layer.out_features < 1) fail(where, "'out_features' must be >= 1");
      return {layer.out_features};
    case LayerType::BatchNorm2d:
      requireRank(input, 3, expectedInput(2), where);
      return input;
    case LayerType::BatchNorm1d:
      if (input.size() != 1 && input.size() != 2) {
        fail(where, "expects input [features] or [channels, length], got " + shapeToString(input));
      }
      return input;
    case LayerType::Flatten:
      return {numel(input)};
    case LayerType::ReLU:
    case LayerType::ReLU6:
    case LayerType::Dropout:
      return input;
    case LayerType::BasicBlock:
    case LayerType::InvertedResidual:
      return blockShape(layer, input, where);
  }
  fail(where, "unknown layer type");
}

}  // namespace

Shape layerOutputShape(const LayerSpec& layer, const Shape& input, const std::string& where) {
  if (input.empty()) fail(where, "has an empty input shape");
  const Shape output = unchecked(layer, input, where);
  for (int64_t size : output) {
    if (size < 1) fail(where, "output shape " + shapeToString(output) + " has an empty dimension");
  }
  if (numel(output) > kMaxElements) {
    fail(where, "output " + shapeToString(output) + " is too large for one sample");
  }
  return output;
}

Shape inferLayerShape(const LayerSpec& layer, const Shape& input, const std::string& origin) {
  return layerOutputShape(
      layer, input, origin + ": layer '" + layer.name + "' (" + layerTypeName(layer.type) + ")");
}

std::vector<Shape> inferTrunkShapes(const ModelSpec& spec) {
  std::vector<Shape> shapes;
  Shape shape = spec.input_shape;
  for (int i = 0; i < spec.layerCount(); ++i) {
    const LayerSpec& layer = spec.layers[static_cast<size_t>(i)];
    shape = layerOutputShape(layer, shape, spec.name + ": " + describeLayer(i, layer));
    shapes.push_back(shape);
  }
  return shapes;
}

}  // namespace cleave
