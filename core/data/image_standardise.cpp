#include "core/data/image_standardise.h"

#include <opencv2/imgproc.hpp>
#include <vector>

namespace cleave {

Tensor standardiseImage(const cv::Mat& image, const Standardisation& s) {
  s.validate();
  if (image.empty()) throw std::invalid_argument("standardiseImage: empty image");
  double scale = 1.0;
  switch (image.depth()) {
    case CV_8U:
      scale = 1.0 / 255.0;
      break;
    case CV_16U:
      scale = 1.0 / 65535.0;
      break;
    case CV_32F:
      break;
    default:
      throw std::invalid_argument("standardiseImage: unsupported pixel depth " +
                                  std::to_string(image.depth()) + " (need 8-bit, 16-bit or float)");
  }
  const int in_channels = image.channels();
  if (in_channels != 1 && in_channels != 3 && in_channels != 4) {
    throw std::invalid_argument("standardiseImage: " + std::to_string(in_channels) +
                                " channels (need 1, 3 or 4)");
  }

  // Never convert into a header sharing `image`: cvtColor would write into the caller's pixels.
  cv::Mat converted;
  if (s.grey && in_channels == 3) {
    cv::cvtColor(image, converted, cv::COLOR_BGR2GRAY);
  } else if (s.grey && in_channels == 4) {
    cv::cvtColor(image, converted, cv::COLOR_BGRA2GRAY);
  } else if (!s.grey && in_channels == 1) {
    cv::cvtColor(image, converted, cv::COLOR_GRAY2RGB);
  } else if (!s.grey && in_channels == 3) {
    cv::cvtColor(image, converted, cv::COLOR_BGR2RGB);
  } else if (!s.grey && in_channels == 4) {
    cv::cvtColor(image, converted, cv::COLOR_BGRA2RGB);
  } else {
    converted = image;  // already grey; only read from here on
  }

  cv::Mat resized;
  if (converted.cols != s.width || converted.rows != s.height) {
    cv::resize(converted, resized, cv::Size(s.width, s.height), 0, 0, cv::INTER_AREA);
  } else {
    resized = converted;
  }
  // One pass: x * scale / std - mean / std == (x * scale - mean) / std.
  cv::Mat normalised;
  resized.convertTo(normalised, CV_32F, scale / s.std, -s.mean / s.std);

  Tensor tensor(s.outputShape());
  const size_t plane = static_cast<size_t>(s.width) * static_cast<size_t>(s.height);
  std::vector<cv::Mat> planes;
  for (int c = 0; c < s.channels(); ++c) {
    // Each plane is a Mat header over the tensor's storage, so split writes [C, H, W] in place.
    planes.emplace_back(s.height, s.width, CV_32F, tensor.data.data() + c * plane);
  }
  cv::split(normalised, planes);
  return tensor;
}

}  // namespace cleave
