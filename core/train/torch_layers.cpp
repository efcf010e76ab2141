// Builds libtorch modules from layer specs, including the two composite blocks.
#include <torch/torch.h>

#include "core/train/torch_modules.h"

namespace cleave::detail {

namespace {

namespace nn = torch::nn;

// ResNet basic block (torchvision's BasicBlock, expansion 1).
struct BasicBlockImpl : nn::Module {
  BasicBlockImpl(int64_t in, int64_t out, int64_t stride)
      : conv1(register_module(
            "conv1",
            nn::Conv2d(nn::Conv2dOptions(in, out, 3).stride(stride).padding(1).bias(false)))),
        bn1(register_module("bn1", nn::BatchNorm2d(out))),
        conv2(register_module("conv2",
                              nn::Conv2d(nn::Conv2dOptions(out, out, 3).padding(1).bias(false)))),
        bn2(register_module("bn2", nn::BatchNorm2d(out))) {
    if (stride != 1 || in != out) {
      shortcut = register_module(
          "shortcut",
          nn::Sequential(nn::Conv2d(nn::Conv2dOptions(in, out, 1).stride(stride).bias(false)),
                         nn::BatchNorm2d(out)));
    }
  }

  torch::Tensor forward(torch::Tensor x) {
    auto y = torch::relu(bn1(conv1(x)));
    y = bn2(conv2(y));
    return torch::relu(y + (shortcut ? shortcut->forward(x) : x));
  }

  nn::Conv2d conv1;
  nn::BatchNorm2d bn1;
  nn::Conv2d conv2;
  nn::BatchNorm2d bn2;
  nn::Sequential shortcut{nullptr};
};
TORCH_MODULE(BasicBlock);

// MobileNetV2 inverted residual (torchvision's InvertedResidual).
struct InvertedResidualImpl : nn::Module {
  InvertedResidualImpl(int64_t in, int64_t out, int64_t stride, int64_t expand)
      : residual(stride == 1 && in == out) {
    const int64_t hidden = in * expand;
    if (expand != 1) {
      body->push_back(nn::Conv2d(nn::Conv2dOptions(in, hidden, 1).bias(false)));
      body->push_back(nn::BatchNorm2d(hidden));
      body->push_back(nn::ReLU6());
    }
    body->push_back(nn::Conv2d(
        nn::Conv2dOptions(hidden, hidden, 3).stride(stride).padding(1).groups(hidden).bias(false)));
    body->push_back(nn::BatchNorm2d(hidden));
    body->push_back(nn::ReLU6());
    body->push_back(nn::Conv2d(nn::Conv2dOptions(hidden, out, 1).bias(false)));
    body->push_back(nn::BatchNorm2d(out));
    register_module("body", body);
  }

  torch::Tensor forward(torch::Tensor x) {
    return residual ? x + body->forward(x) : body->forward(x);
  }

  bool residual;
  nn::Sequential body;
};
TORCH_MODULE(InvertedResidual);

template <size_t D>
torch::ExpandingArray<D> arr(const std::vector<int64_t>& v) {
  return torch::ExpandingArray<D>(c10::IntArrayRef(v));
}

}  // namespace

nn::AnyModule buildLayer(const LayerSpec& l, const Shape& input, const std::string& origin) {
  const int64_t in_ch = input.empty() ? 0 : input.front();
  switch (l.type) {
    case LayerType::Conv2d:
      return nn::AnyModule(nn::Conv2d(nn::Conv2dOptions(in_ch, l.out_channels, arr<2>(l.kernel))
                                          .stride(arr<2>(l.stride))
                                          .padding(arr<2>(l.padding))
                                          .groups(l.groups)
                                          .bias(l.bias)));
    case LayerType::Conv1d:
      return nn::AnyModule(nn::Conv1d(nn::Conv1dOptions(in_ch, l.out_channels, arr<1>(l.kernel))
                                          .stride(arr<1>(l.stride))
                                          .padding(arr<1>(l.padding))
                                          .groups(l.groups)
                                          .bias(l.bias)));
    case LayerType::Linear:
      return nn::AnyModule(
          nn::Linear(nn::LinearOptions(numel(input), l.out_features).bias(l.bias)));
    case LayerType::MaxPool2d:
      return nn::AnyModule(nn::MaxPool2d(nn::MaxPool2dOptions(arr<2>(l.kernel))
                                             .stride(arr<2>(l.stride))
                                             .padding(arr<2>(l.padding))));
    case LayerType::AvgPool2d:
      return nn::AnyModule(nn::AvgPool2d(nn::AvgPool2dOptions(arr<2>(l.kernel))
                                             .stride(arr<2>(l.stride))
                                             .padding(arr<2>(l.padding))));
    case LayerType::MaxPool1d:
      return nn::AnyModule(nn::MaxPool1d(nn::MaxPool1dOptions(arr<1>(l.kernel))
                                             .stride(arr<1>(l.stride))
                                             .padding(arr<1>(l.padding))));
    case LayerType::AvgPool1d:
      return nn::AnyModule(nn::AvgPool1d(nn::AvgPool1dOptions(arr<1>(l.kernel))
                                             .stride(arr<1>(l.stride))
                                             .padding(arr<1>(l.padding))));
    case LayerType::AdaptiveAvgPool2d:
      return nn::AnyModule(nn::AdaptiveAvgPool2d(
          nn::AdaptiveAvgPool2dOptions({l.output_size.at(0), l.output_size.at(1)})));
    case LayerType::AdaptiveAvgPool1d:
      return nn::AnyModule(
          nn::AdaptiveAvgPool1d(nn::AdaptiveAvgPool1dOptions(l.output_size.at(0))));
    case LayerType::ReLU:
      return nn::AnyModule(nn::ReLU());
    case LayerType::ReLU6:
      return nn::AnyModule(nn::ReLU6());
    case LayerType::BatchNorm2d:
      return nn::AnyModule(nn::BatchNorm2d(in_ch));
    case LayerType::BatchNorm1d:
      return nn::AnyModule(nn::BatchNorm1d(in_ch));
    case LayerType::Dropout:
      return nn::AnyModule(nn::Dropout(l.p));
    case LayerType::Flatten:
      return nn::AnyModule(nn::Flatten());
    case LayerType::BasicBlock:
      return nn::AnyModule(BasicBlock(in_ch, l.out_channels, l.stride.empty() ? 1 : l.stride[0]));
    case LayerType::InvertedResidual:
      return nn::AnyModule(InvertedResidual(in_ch, l.out_channels,
                                            l.stride.empty() ? 1 : l.stride[0], l.expand_ratio));
  }
  throw SpecError(origin + ": layer '" + l.name + "': no libtorch builder for its type");
}

nn::Sequential buildHead(const ExitSpec& exit, const Shape& input, const std::string& origin) {
  nn::Sequential head;
  Shape shape = input;
  for (const auto& layer : exit.layers) {
    head->push_back(buildLayer(layer, shape, origin));
    shape = inferLayerShape(layer, shape, origin);
  }
  return head;
}

torch::Tensor asTorch(const Tensor& t) {
  if (static_cast<int64_t>(t.data.size()) != t.numel()) {
    throw std::invalid_argument("tensor of shape " + shapeToString(t.shape) + " carries " +
                                std::to_string(t.data.size()) + " values");
  }
  // libtorch wants a mutable pointer; the views made here are only ever read.
  return torch::from_blob(const_cast<float*>(t.data.data()), t.shape, torch::kFloat32);
}

torch::Tensor asTorchLabels(std::span<const int64_t> labels) {
  return torch::from_blob(const_cast<int64_t*>(labels.data()),
                          {static_cast<int64_t>(labels.size())}, torch::kInt64);
}

Tensor toPlain(const torch::Tensor& t) {
  const torch::Tensor c = t.detach().to(torch::kFloat32).contiguous();
  const float* p = c.data_ptr<float>();
  return Tensor(c.sizes().vec(), std::vector<float>(p, p + c.numel()));
}

}  // namespace cleave::detail
