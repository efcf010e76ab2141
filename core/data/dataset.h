// An in-memory labelled dataset of fixed-shape fp32 samples (Fashion-MNIST images, sensor windows).
// Readers and generators in core/data produce it; training draws batches from it. A value type:
// safe to read from many threads, not to mutate while shared.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/tensor/tensor.h"

namespace cleave {

struct Dataset {
  std::string name;
  Shape sample_shape;           // e.g. {1, 28, 28} or {3, 1024}
  std::vector<float> values;    // size() * numel(sample_shape), sample-major
  std::vector<int64_t> labels;  // one class index per sample
  std::vector<std::string> class_names;

  int64_t size() const { return static_cast<int64_t>(labels.size()); }
  int64_t sampleNumel() const { return numel(sample_shape); }
  int64_t classCount() const { return static_cast<int64_t>(class_names.size()); }

  // Copy the samples at `indices` into a batch shaped [indices.size(), sample_shape...].
  Batch gather(std::span<const int64_t> indices) const;
  // The samples [first, first + count) clipped to the end, as a batch.
  Batch slice(int64_t first, int64_t count) const;
};

}  // namespace cleave
