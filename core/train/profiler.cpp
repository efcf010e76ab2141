// Per-layer forward+backward timing of a Network slice (the agent's registration profile).
#include <torch/torch.h>

#include <algorithm>
#include <chrono>

#include "core/train/network_impl.h"

namespace cleave {

std::vector<double> Network::profileLayers(int batch_size, int repetitions) {
  Impl& d = *m_impl;
  if (batch_size < 1 || repetitions < 1) {
    throw std::invalid_argument("profileLayers: batch size and repetitions must be at least 1");
  }
  const Weights saved = weights();  // training-mode forwards move batchnorm statistics
  d.setTraining(true);
  std::vector<double> out;
  for (int i = d.first; i < d.last; ++i) {
    Shape shape = d.inputShapeOf(i);
    shape.insert(shape.begin(), batch_size);
    std::vector<double> samples;
    for (int r = 0; r <= repetitions; ++r) {  // the first run warms caches and is dropped
      // Each layer runs alone on a fresh leaf input, so its own backward is all that is timed.
      const torch::Tensor x = torch::randn(shape).requires_grad_(true);
      const auto t0 = std::chrono::steady_clock::now();
      const torch::Tensor y = d.layers[static_cast<size_t>(i - d.first)].forward(x);
      y.backward(torch::ones_like(y));
      const double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      if (r > 0) samples.push_back(ms);
    }
    std::nth_element(samples.begin(), samples.begin() + samples.size() / 2, samples.end());
    out.push_back(samples[samples.size() / 2]);
  }
  d.root->zero_grad(/*set_to_none=*/true);  // profiling must not leak into the next step
  loadWeights(saved);
  return out;
}

}  // namespace cleave
