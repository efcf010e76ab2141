// Replays a Dataset's samples as camera frames, so the camera use case runs without a camera.
// Not thread-safe: one capture thread owns a source; the Dataset it shares is only read.
#pragma once

#include <memory>

#include "core/data/dataset.h"
#include "core/data/frame_source.h"

namespace cleave {

struct DatasetReplayOptions {
  double fps = 30.0;   // spacing of timestamps, as a camera would have
  bool loop = false;   // start again after the last sample instead of ending
  int64_t limit = -1;  // stop after this many frames when >= 0 (useful with loop)
};

class DatasetFrameSource final : public AbstractFrameSource {
 public:
  // Shared, not copied: Fashion-MNIST's training set is ~190 MB of floats.
  // Throws std::invalid_argument for a null or empty dataset or fps <= 0.
  explicit DatasetFrameSource(std::shared_ptr<const Dataset> dataset,
                              DatasetReplayOptions options = {});

  // Frame.tensor is the sample as stored (datasets are already standardised), Frame.label its
  // label. For image-shaped samples ([1 or 3, H, W], RGB) Frame.image is an 8-bit preview
  // stretched to the sample's own min..max; for other shapes it is empty. Nothing is dropped.
  std::optional<Frame> next() override;
  FrameStats stats() const override { return m_stats; }

 private:
  std::shared_ptr<const Dataset> m_dataset;
  DatasetReplayOptions m_options;
  int64_t m_position = 0;
  FrameStats m_stats;
};

}  // namespace cleave
