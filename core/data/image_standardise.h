// Turns one OpenCV image into the model's input tensor under a Standardisation.
// Pure function, thread-safe.
#pragma once

#include <opencv2/core/mat.hpp>

#include "core/data/standardisation.h"
#include "core/tensor/tensor.h"

namespace cleave {

// `image` is 8-bit (scaled by 1/255), 16-bit (1/65535) or float (taken as already in [0, 1]), with
// 1 (grey), 3 (BGR, OpenCV's order) or 4 (BGRA) channels. Steps: colour conversion (to grey, or to
// RGB), resize with INTER_AREA (it averages, so downscaling does not alias), scale to [0, 1],
// (x - mean) / std. Returns [C, H, W] floats. Throws std::invalid_argument for an empty image, an
// unsupported depth or channel count, or an invalid standardisation.
Tensor standardiseImage(const cv::Mat& image, const Standardisation& standardisation);

}  // namespace cleave
