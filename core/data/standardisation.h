// The image preprocessing the cloud sends to camera edges (resize, grey, normalise), as plain data
// with no OpenCV dependency so the protocol and planner can carry it. A value type: thread-safe.
#pragma once

#include <cmath>
#include <stdexcept>
#include <string>

#include "core/tensor/tensor.h"

namespace cleave {

struct Standardisation {
  int width = 28;
  int height = 28;
  bool grey = true;   // one channel; otherwise three, in RGB order
  float mean = 0.0f;  // applied after scaling pixels to [0, 1]: (x - mean) / std
  float std = 1.0f;

  int channels() const { return grey ? 1 : 3; }
  // The tensor shape standardised frames have: [channels, height, width].
  Shape outputShape() const { return {channels(), height, width}; }

  // Throws std::invalid_argument naming the bad field.
  void validate() const {
    if (width < 1 || height < 1) {
      throw std::invalid_argument("standardisation: size " + std::to_string(width) + "x" +
                                  std::to_string(height) + " must be at least 1x1");
    }
    if (!(std > 0.0f) || !std::isfinite(std) || !std::isfinite(mean)) {
      throw std::invalid_argument("standardisation: std must be a positive number and mean finite");
    }
  }

  bool operator==(const Standardisation&) const = default;
};

}  // namespace cleave
