#include "core/data/dataset.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace cleave {

Batch Dataset::gather(std::span<const int64_t> indices) const {
  const int64_t n = sampleNumel();
  Batch batch;
  batch.inputs.shape = sample_shape;
  batch.inputs.shape.insert(batch.inputs.shape.begin(), static_cast<int64_t>(indices.size()));
  batch.inputs.data.resize(indices.size() * static_cast<size_t>(n));
  batch.labels.reserve(indices.size());
  float* out = batch.inputs.data.data();
  for (int64_t index : indices) {
    if (index < 0 || index >= size()) {
      throw std::out_of_range(name + ": sample index " + std::to_string(index) + " out of range");
    }
    std::memcpy(out, values.data() + index * n, static_cast<size_t>(n) * sizeof(float));
    out += n;
    batch.labels.push_back(labels[static_cast<size_t>(index)]);
  }
  return batch;
}

Batch Dataset::slice(int64_t first, int64_t count) const {
  first = std::clamp<int64_t>(first, 0, size());
  count = std::clamp<int64_t>(count, 0, size() - first);
  std::vector<int64_t> indices(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i)
    indices[static_cast<size_t>(i)] = first + i;
  return gather(indices);
}

}  // namespace cleave
