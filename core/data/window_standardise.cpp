#include "core/data/window_standardise.h"

#include <cmath>

namespace cleave {

void standardiseWindow(float* data, int64_t channels, int64_t length) {
  if (length <= 0) return;
  for (int64_t c = 0; c < channels; ++c) {
    float* x = data + c * length;
    double mean = 0.0;
    for (int64_t i = 0; i < length; ++i)
      mean += x[i];
    mean /= static_cast<double>(length);
    double var = 0.0;
    for (int64_t i = 0; i < length; ++i)
      var += (x[i] - mean) * (x[i] - mean);
    var /= static_cast<double>(length);
    const double scale = var > 1e-12 ? 1.0 / std::sqrt(var) : 0.0;
    for (int64_t i = 0; i < length; ++i)
      x[i] = static_cast<float>((x[i] - mean) * scale);
  }
}

}  // namespace cleave
