#include "core/model/block_expansion.h"

#include <stdexcept>
#include <string>

namespace cleave {
namespace {

LayerSpec conv2d(const std::string& name, int64_t out_channels, int64_t kernel,
                 std::vector<int64_t> stride, int64_t padding, int64_t groups) {
  LayerSpec conv;
  conv.name = name;
  conv.type = LayerType::Conv2d;
  conv.out_channels = out_channels;
  conv.kernel = {kernel, kernel};
  conv.stride = std::move(stride);
  conv.padding = {padding, padding};
  conv.groups = groups;
  conv.bias = false;  // a batchnorm follows every conv in both blocks, so a bias would be redundant
  return conv;
}

LayerSpec simple(const std::string& name, LayerType type) {
  LayerSpec layer;
  layer.name = name;
  layer.type = type;
  return layer;
}

bool isUnitStride(const std::vector<int64_t>& stride) {
  for (int64_t s : stride) {
    if (s != 1) return false;
  }
  return true;
}

// torchvision BasicBlock; the projection shortcut is torchvision's "downsample".
BlockExpansion basicBlock(const LayerSpec& block, int64_t in_channels) {
  const std::string& n = block.name;
  const int64_t out = block.out_channels;
  BlockExpansion e;
  e.main = {conv2d(n + ".conv1", out, 3, block.stride, 1, 1),
            simple(n + ".bn1", LayerType::BatchNorm2d), simple(n + ".relu1", LayerType::ReLU),
            conv2d(n + ".conv2", out, 3, {1, 1}, 1, 1), simple(n + ".bn2", LayerType::BatchNorm2d)};
  if (!isUnitStride(block.stride) || in_channels != out) {
    e.shortcut = {conv2d(n + ".downsample.0", out, 1, block.stride, 0, 1),
                  simple(n + ".downsample.1", LayerType::BatchNorm2d)};
  }
  e.residual = true;
  e.after_add = {simple(n + ".relu2", LayerType::ReLU)};
  return e;
}

// torchvision MobileNetV2 InvertedResidual (hidden = in * t).
BlockExpansion invertedResidual(const LayerSpec& block, int64_t in_channels) {
  const std::string& n = block.name;
  const int64_t hidden = in_channels * block.expand_ratio;
  BlockExpansion e;
  if (block.expand_ratio != 1) {
    e.main = {conv2d(n + ".expand", hidden, 1, {1, 1}, 0, 1),
              simple(n + ".expand_bn", LayerType::BatchNorm2d),
              simple(n + ".expand_relu6", LayerType::ReLU6)};
  }
  e.main.push_back(conv2d(n + ".depthwise", hidden, 3, block.stride, 1, hidden));
  e.main.push_back(simple(n + ".depthwise_bn", LayerType::BatchNorm2d));
  e.main.push_back(simple(n + ".depthwise_relu6", LayerType::ReLU6));
  e.main.push_back(conv2d(n + ".project", block.out_channels, 1, {1, 1}, 0, 1));
  e.main.push_back(simple(n + ".project_bn", LayerType::BatchNorm2d));
  e.residual = isUnitStride(block.stride) && in_channels == block.out_channels;
  return e;
}

}  // namespace

bool isCompositeBlock(LayerType type) {
  return type == LayerType::BasicBlock || type == LayerType::InvertedResidual;
}

BlockExpansion expandBlock(const LayerSpec& block, int64_t in_channels) {
  switch (block.type) {
    case LayerType::BasicBlock:
      return basicBlock(block, in_channels);
    case LayerType::InvertedResidual:
      return invertedResidual(block, in_channels);
    default:
      throw std::invalid_argument("expandBlock: '" + block.name + "' is a " +
                                  layerTypeName(block.type) + ", not a composite block");
  }
}

}  // namespace cleave
