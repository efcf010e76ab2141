// A dense fp32 tensor as plain data: what crosses module, thread and network boundaries.
// libtorch tensors stay inside core/train; everything else sees this. Not thread-safe (a value).
#pragma once

#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

namespace cleave {

using Shape = std::vector<int64_t>;

// Number of elements of a shape; an empty shape is a scalar (1 element).
inline int64_t numel(const Shape& shape) {
  return std::accumulate(shape.begin(), shape.end(), int64_t{1}, std::multiplies<>());
}

std::string shapeToString(const Shape& shape);  // "[1, 28, 28]"

struct Tensor {
  Shape shape;
  std::vector<float> data;  // row-major, numel(shape) values

  Tensor() = default;
  Tensor(Shape s, std::vector<float> d) : shape(std::move(s)), data(std::move(d)) {}
  explicit Tensor(Shape s)
      : shape(std::move(s)), data(static_cast<size_t>(cleave::numel(shape)), 0.0f) {}

  int64_t numel() const { return cleave::numel(shape); }
  int64_t bytes() const { return numel() * static_cast<int64_t>(sizeof(float)); }
  bool operator==(const Tensor&) const = default;
};

// A batch of samples: inputs shaped [N, ...] and N integer class labels.
struct Batch {
  Tensor inputs;
  std::vector<int64_t> labels;

  int64_t size() const { return static_cast<int64_t>(labels.size()); }
};

}  // namespace cleave
