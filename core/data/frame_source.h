// Sources of standardised camera frames for the edge agent: a live/recorded OpenCV VideoCapture
// (file, device or URL) that drops near-duplicate frames. Not thread-safe: one capture thread owns
// a source; hand Frames (values) to other threads.
#pragma once

#include <cstdint>
#include <memory>
#include <opencv2/core/mat.hpp>
#include <optional>
#include <string>

#include "core/data/standardisation.h"
#include "core/tensor/tensor.h"

namespace cleave {

struct Frame {
  Tensor tensor;                 // [C, H, W], standardised; what the model sees
  cv::Mat image;                 // the original frame (BGR or grey), for the operator's preview
  int64_t index = 0;             // position in the stream, counting dropped frames, from 0
  double timestamp_ms = 0;       // stream position, or time since opening for live sources
  std::optional<int64_t> label;  // ground truth, when known (dataset replay)
};

struct FrameStats {
  int64_t read = 0;     // frames decoded
  int64_t kept = 0;     // frames returned by next()
  int64_t dropped = 0;  // near-duplicates skipped
};

// What the agent's capture loop sees, live or replayed.
class AbstractFrameSource {
 public:
  virtual ~AbstractFrameSource() = default;
  // The next kept frame, or nullopt at the end of the stream (or when a live source stops).
  virtual std::optional<Frame> next() = 0;
  virtual FrameStats stats() const = 0;
};

struct FrameSourceOptions {
  bool drop_duplicates = true;
  // Mean absolute difference, in grey levels 0..255, between 32x32 grey thumbnails of a frame and
  // the last kept frame below which the frame is dropped. The thumbnail averages away sensor noise,
  // so a static scene scores well under 1 while a moving car scores several levels.
  double duplicate_threshold = 2.0;
};

class FrameSource final : public AbstractFrameSource {
 public:
  // `source` is a video file path, a device index ("0") or device node ("/dev/video0"), or a URL
  // ("rtsp://...", "http://..."). Throws std::runtime_error quoting `source` if it can't be opened,
  // std::invalid_argument for an invalid standardisation.
  FrameSource(std::string source, Standardisation standardisation, FrameSourceOptions options = {});
  ~FrameSource() override;
  FrameSource(const FrameSource&) = delete;
  FrameSource& operator=(const FrameSource&) = delete;

  std::optional<Frame> next() override;
  FrameStats stats() const override;

  const std::string& source() const;
  // The cloud may send a new standardisation mid-session; it applies from the next frame.
  void setStandardisation(const Standardisation& standardisation);

 private:
  struct Impl;  // keeps cv::VideoCapture (videoio) out of this header
  std::unique_ptr<Impl> m_impl;
};

}  // namespace cleave
