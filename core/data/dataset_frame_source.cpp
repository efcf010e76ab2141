#include "core/data/dataset_frame_source.h"

#include <opencv2/core.hpp>
#include <stdexcept>
#include <vector>

namespace cleave {
namespace {

cv::Mat previewImage(const Tensor& sample) {
  const Shape& shape = sample.shape;
  if (shape.size() != 3 || (shape[0] != 1 && shape[0] != 3)) return {};
  const int channels = static_cast<int>(shape[0]);
  const int rows = static_cast<int>(shape[1]);
  const int cols = static_cast<int>(shape[2]);
  std::vector<cv::Mat> planes;
  // OpenCV previews are BGR: reverse the RGB planes.
  for (int c = channels - 1; c >= 0; --c) {
    planes.emplace_back(rows, cols, CV_32F,
                        const_cast<float*>(sample.data.data()) + c * rows * cols);
  }
  cv::Mat merged;
  cv::merge(planes, merged);
  cv::Mat preview;
  cv::normalize(merged.reshape(1), preview, 0, 255, cv::NORM_MINMAX, CV_8U);
  return preview.reshape(channels);
}

}  // namespace

DatasetFrameSource::DatasetFrameSource(std::shared_ptr<const Dataset> dataset,
                                       DatasetReplayOptions options)
    : m_dataset(std::move(dataset)), m_options(options) {
  if (!m_dataset || m_dataset->size() == 0) {
    throw std::invalid_argument("DatasetFrameSource: the dataset is empty");
  }
  if (!(m_options.fps > 0)) {
    throw std::invalid_argument("DatasetFrameSource: fps must be > 0, got " +
                                std::to_string(m_options.fps));
  }
}

std::optional<Frame> DatasetFrameSource::next() {
  if (m_options.limit >= 0 && m_stats.read >= m_options.limit) return std::nullopt;
  if (m_position >= m_dataset->size()) {
    if (!m_options.loop) return std::nullopt;
    m_position = 0;
  }
  const int64_t sample = m_position++;
  Batch one = m_dataset->slice(sample, 1);
  Frame frame;
  frame.tensor = Tensor(m_dataset->sample_shape, std::move(one.inputs.data));
  frame.image = previewImage(frame.tensor);
  frame.index = m_stats.read;
  frame.timestamp_ms = static_cast<double>(m_stats.read) * 1000.0 / m_options.fps;
  frame.label = one.labels.front();
  ++m_stats.read;
  ++m_stats.kept;
  return frame;
}

}  // namespace cleave
