#include "core/data/frame_source.h"

#include <chrono>
#include <filesystem>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <regex>
#include <stdexcept>

#include "core/data/image_standardise.h"

namespace cleave {
namespace {

constexpr int kThumbnailSide = 32;

// A tiny grey version of the frame: cheap to compare, and blind to pixel-level sensor noise.
cv::Mat thumbnail(const cv::Mat& image) {
  cv::Mat grey;
  if (image.channels() == 3) {
    cv::cvtColor(image, grey, cv::COLOR_BGR2GRAY);
  } else if (image.channels() == 4) {
    cv::cvtColor(image, grey, cv::COLOR_BGRA2GRAY);
  } else {
    grey = image;
  }
  cv::Mat small;
  cv::resize(grey, small, cv::Size(kThumbnailSide, kThumbnailSide), 0, 0, cv::INTER_AREA);
  // Compare in 0..255 grey levels whatever the input depth.
  const double scale = grey.depth() == CV_16U   ? 255.0 / 65535.0
                       : grey.depth() == CV_32F ? 255.0
                                                : 1.0;
  cv::Mat out;
  small.convertTo(out, CV_32F, scale);
  return out;
}

bool openCapture(cv::VideoCapture& capture, const std::string& source) {
  static const std::regex digits("[0-9]+");
  static const std::regex device_node("/dev/video([0-9]+)");
  std::smatch match;
  if (std::regex_match(source, digits)) return capture.open(std::stoi(source));
  if (std::regex_match(source, match, device_node)) return capture.open(std::stoi(match[1].str()));
  if (source.find("://") == std::string::npos && !std::filesystem::exists(source)) {
    throw std::runtime_error("cannot open video source '" + source + "': no such file");
  }
  return capture.open(source);
}

}  // namespace

struct FrameSource::Impl {
  std::string source;
  Standardisation standardisation;
  FrameSourceOptions options;
  cv::VideoCapture capture;
  cv::Mat last_kept;  // thumbnail of the last frame returned
  FrameStats stats;
  std::chrono::steady_clock::time_point opened = std::chrono::steady_clock::now();
};

FrameSource::FrameSource(std::string source, Standardisation standardisation,
                         FrameSourceOptions options)
    : m_impl(std::make_unique<Impl>()) {
  standardisation.validate();
  m_impl->source = std::move(source);
  m_impl->standardisation = standardisation;
  m_impl->options = options;
  if (!openCapture(m_impl->capture, m_impl->source)) {
    throw std::runtime_error("cannot open video source '" + m_impl->source +
                             "': no OpenCV backend could open it (check the path, device or URL)");
  }
}

FrameSource::~FrameSource() = default;

std::optional<Frame> FrameSource::next() {
  Impl& d = *m_impl;
  while (true) {
    cv::Mat image;  // fresh each time: a kept frame must not share the decoder's buffer
    if (!d.capture.read(image) || image.empty()) return std::nullopt;
    const int64_t index = d.stats.read++;
    const double position_ms = d.capture.get(cv::CAP_PROP_POS_MSEC);
    cv::Mat thumb = thumbnail(image);
    if (d.options.drop_duplicates && !d.last_kept.empty()) {
      const double mad = cv::norm(thumb, d.last_kept, cv::NORM_L1) / thumb.total();
      if (mad < d.options.duplicate_threshold) {
        ++d.stats.dropped;
        continue;
      }
    }
    d.last_kept = thumb;
    ++d.stats.kept;
    Frame frame;
    frame.tensor = standardiseImage(image, d.standardisation);
    frame.image = image;
    frame.index = index;
    // Files report their position; live cameras often report 0 or -1, so fall back to wall time.
    frame.timestamp_ms =
        position_ms > 0
            ? position_ms
            : std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - d.opened)
                  .count();
    return frame;
  }
}

FrameStats FrameSource::stats() const {
  return m_impl->stats;
}

const std::string& FrameSource::source() const {
  return m_impl->source;
}

void FrameSource::setStandardisation(const Standardisation& standardisation) {
  standardisation.validate();
  m_impl->standardisation = standardisation;
}

}  // namespace cleave
