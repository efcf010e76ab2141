// PRIVATE to core/train: the libtorch side of a model spec. Only core/train .cpp files include this
// header, so no other target ever parses libtorch; everything public speaks core/tensor types.
#pragma once

#include <torch/nn.h>

#include <span>

#include "core/model/model_spec.h"
#include "core/tensor/tensor.h"

namespace cleave::detail {

// One trunk or exit-head layer for a given per-sample input shape (channels are inferred from it).
torch::nn::AnyModule buildLayer(const LayerSpec& layer, const Shape& input,
                                const std::string& origin);
// An exit head as a Sequential fed by a per-sample input shape.
torch::nn::Sequential buildHead(const ExitSpec& exit, const Shape& input,
                                const std::string& origin);

// A view of plain data as a libtorch tensor (no copy; `t` must outlive the view).
torch::Tensor asTorch(const Tensor& t);
// A view of labels as an int64 tensor (no copy).
torch::Tensor asTorchLabels(std::span<const int64_t> labels);
// A copy of a libtorch tensor into plain data.
Tensor toPlain(const torch::Tensor& t);

}  // namespace cleave::detail
