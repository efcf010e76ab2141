#include "core/compress/update_compressor.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/compress/compress_error.h"

namespace cleave {

namespace {

// Double accumulation: a few million float squares summed in float lose several digits.
double l2Norm(std::span<const float> values) {
  double sum = 0.0;
  for (const float v : values)
    sum += static_cast<double>(v) * static_cast<double>(v);
  return std::sqrt(sum);
}

}  // namespace

double thresholdForLink(double uplink_mbps) {
  if (!(uplink_mbps > 0.0)) {
    throw CompressError("thresholdForLink: uplink bandwidth must be > 0 Mbit/s, got " +
                        std::to_string(uplink_mbps));
  }
  // 100 Mbit/s -> 0, every factor of 10 slower adds a third of the maximum.
  const double decades_below = std::log10(100.0 / uplink_mbps);
  return kMaxLinkThreshold * std::clamp(decades_below / 3.0, 0.0, 1.0);
}

UpdateCompressor::UpdateCompressor(int64_t elements, double threshold, double keep_fraction)
    : m_threshold(threshold), m_keep_fraction(keep_fraction) {
  if (elements < 0) {
    throw CompressError("UpdateCompressor: element count " + std::to_string(elements) +
                        " must be >= 0");
  }
  if (!(threshold >= 0.0) || !std::isfinite(threshold)) {
    throw CompressError("UpdateCompressor: threshold " + std::to_string(threshold) +
                        " must be finite and >= 0");
  }
  if (!(keep_fraction > 0.0 && keep_fraction <= 1.0)) {
    throw CompressError("UpdateCompressor: keep fraction " + std::to_string(keep_fraction) +
                        " must be in (0, 1]");
  }
  m_residual.assign(static_cast<size_t>(elements), 0.0f);
}

void UpdateCompressor::checkLength(std::span<const float> values, const char* what) const {
  if (values.size() != m_residual.size()) {
    throw CompressError(std::string("UpdateCompressor: ") + what + " has " +
                        std::to_string(values.size()) + " elements, expected " +
                        std::to_string(m_residual.size()));
  }
}

void UpdateCompressor::accumulate(std::span<const float> update) {
  checkLength(update, "update");
  for (size_t i = 0; i < update.size(); ++i)
    m_residual[i] += update[i];
}

bool UpdateCompressor::ready(std::span<const float> weights) const {
  checkLength(weights, "weights");
  const double pending = residualNorm();
  return pending > 0.0 && pending >= m_threshold * l2Norm(weights);
}

CompressedUpdate UpdateCompressor::flush() {
  return compressTopK(m_residual, m_keep_fraction);
}

std::optional<CompressedUpdate> UpdateCompressor::push(std::span<const float> update,
                                                       std::span<const float> weights) {
  accumulate(update);
  if (!ready(weights)) return std::nullopt;
  return flush();
}

void UpdateCompressor::reset() {
  std::fill(m_residual.begin(), m_residual.end(), 0.0f);
}

double UpdateCompressor::residualNorm() const {
  return l2Norm(m_residual);
}

}  // namespace cleave
