#include "core/data/partition.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>

namespace cleave {
namespace {

void checkDevices(int64_t samples, int devices) {
  if (devices < 1) {
    throw std::invalid_argument("partition: devices must be >= 1, got " + std::to_string(devices));
  }
  if (samples < devices) {
    throw std::invalid_argument("partition: " + std::to_string(samples) +
                                " samples cannot give each of " + std::to_string(devices) +
                                " devices at least one");
  }
}

void checkLabel(int64_t label, int classes, size_t position) {
  if (label < 0 || label >= classes) {
    throw std::invalid_argument("partition: label " + std::to_string(label) + " at index " +
                                std::to_string(position) + " is outside 0.." +
                                std::to_string(classes - 1));
  }
}

// Dirichlet(alpha) proportions via normalised gamma draws.
std::vector<double> dirichlet(int devices, double alpha, std::mt19937_64& rng) {
  std::gamma_distribution<double> gamma(alpha, 1.0);
  std::vector<double> p(static_cast<size_t>(devices));
  for (double& v : p)
    v = gamma(rng);
  const double sum = std::accumulate(p.begin(), p.end(), 0.0);
  if (!(sum > 0.0)) {
    // Tiny alpha can underflow every draw to 0; the limit of Dirichlet(alpha -> 0) is one-hot.
    std::fill(p.begin(), p.end(), 0.0);
    p[std::uniform_int_distribution<size_t>(0, p.size() - 1)(rng)] = 1.0;
    return p;
  }
  for (double& v : p)
    v /= sum;
  return p;
}

}  // namespace

Partition partitionIid(int64_t n, int devices, uint64_t seed) {
  checkDevices(n, devices);
  std::vector<int64_t> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), int64_t{0});
  std::mt19937_64 rng(seed);
  std::shuffle(order.begin(), order.end(), rng);
  Partition parts(static_cast<size_t>(devices));
  int64_t first = 0;
  for (int d = 0; d < devices; ++d) {
    const int64_t size = n / devices + (d < n % devices ? 1 : 0);
    parts[static_cast<size_t>(d)].assign(order.begin() + first, order.begin() + first + size);
    first += size;
  }
  return parts;
}

Partition partitionDirichlet(const std::vector<int64_t>& labels, int classes, int devices,
                             double alpha, uint64_t seed) {
  checkDevices(static_cast<int64_t>(labels.size()), devices);
  if (classes < 1) {
    throw std::invalid_argument("partition: classes must be >= 1, got " + std::to_string(classes));
  }
  if (!(alpha > 0.0) || !std::isfinite(alpha)) {
    throw std::invalid_argument("partition: Dirichlet alpha must be a positive number, got " +
                                std::to_string(alpha));
  }
  std::vector<std::vector<int64_t>> by_class(static_cast<size_t>(classes));
  for (size_t i = 0; i < labels.size(); ++i) {
    checkLabel(labels[i], classes, i);
    by_class[static_cast<size_t>(labels[i])].push_back(static_cast<int64_t>(i));
  }

  std::mt19937_64 rng(seed);
  Partition parts(static_cast<size_t>(devices));
  for (auto& members : by_class) {
    std::shuffle(members.begin(), members.end(), rng);
    const std::vector<double> p = dirichlet(devices, alpha, rng);
    // Cut at rounded cumulative proportions so the counts always add up to the class size.
    double cumulative = 0.0;
    size_t first = 0;
    for (int d = 0; d < devices; ++d) {
      cumulative += p[static_cast<size_t>(d)];
      const size_t last =
          d == devices - 1
              ? members.size()
              : std::min(members.size(), static_cast<size_t>(std::llround(
                                             cumulative * static_cast<double>(members.size()))));
      auto& part = parts[static_cast<size_t>(d)];
      part.insert(part.end(), members.begin() + static_cast<std::ptrdiff_t>(first),
                  members.begin() + static_cast<std::ptrdiff_t>(std::max(first, last)));
      first = std::max(first, last);
    }
  }

  // A device with no data cannot train; lend it one sample from the currently largest part.
  for (auto& part : parts) {
    if (!part.empty()) continue;
    auto largest = std::max_element(parts.begin(), parts.end(), [](const auto& a, const auto& b) {
      return a.size() < b.size();
    });
    part.push_back(largest->back());
    largest->pop_back();
  }
  for (auto& part : parts)
    std::shuffle(part.begin(), part.end(), rng);
  return parts;
}

std::vector<std::vector<int64_t>> labelHistogram(const Partition& parts,
                                                 const std::vector<int64_t>& labels, int classes) {
  if (classes < 1) {
    throw std::invalid_argument("labelHistogram: classes must be >= 1, got " +
                                std::to_string(classes));
  }
  std::vector<std::vector<int64_t>> histogram(parts.size(),
                                              std::vector<int64_t>(static_cast<size_t>(classes)));
  for (size_t d = 0; d < parts.size(); ++d) {
    for (int64_t index : parts[d]) {
      if (index < 0 || index >= static_cast<int64_t>(labels.size())) {
        throw std::invalid_argument("labelHistogram: device " + std::to_string(d) +
                                    " holds sample index " + std::to_string(index) +
                                    " but there are only " + std::to_string(labels.size()) +
                                    " labels");
      }
      const int64_t label = labels[static_cast<size_t>(index)];
      checkLabel(label, classes, static_cast<size_t>(index));
      ++histogram[d][static_cast<size_t>(label)];
    }
  }
  return histogram;
}

}  // namespace cleave
