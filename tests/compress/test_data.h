// Seeded random inputs shared by the compress tests (header-only, test code only).
#pragma once

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace cleave::testdata {

// N(0, sigma^2) values: activations / gradients / weight updates.
inline std::vector<float> normal(size_t n, uint32_t seed, float sigma = 1.0f) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> dist(0.0f, sigma);
  std::vector<float> v(n);
  for (float& x : v)
    x = dist(rng);
  return v;
}

// Random sign, magnitude log-uniform in [lo, hi]: exercises many exponents at once.
inline std::vector<float> logUniform(size_t n, uint32_t seed, double lo, double hi) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> exponent(std::log(lo), std::log(hi));
  std::bernoulli_distribution negative(0.5);
  std::vector<float> v(n);
  for (float& x : v) {
    const auto m = static_cast<float>(std::exp(exponent(rng)));
    x = negative(rng) ? -m : m;
  }
  return v;
}

// ReLU outputs: half exact zeros, the rest positive.
inline std::vector<float> relu(size_t n, uint32_t seed) {
  std::vector<float> v = normal(n, seed);
  for (float& x : v)
    x = x > 0.0f ? x : 0.0f;
  return v;
}

}  // namespace cleave::testdata
