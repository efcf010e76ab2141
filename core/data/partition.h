// Splitting a dataset's sample indices across edge devices: IID, or non-IID by Dirichlet label
// skew. Free functions, deterministic for a given seed, no shared state: safe to call from any
// thread.
#pragma once

#include <cstdint>
#include <vector>

namespace cleave {

// One list of sample indices per device.
using Partition = std::vector<std::vector<int64_t>>;

// Shuffles 0..n-1 and deals it into `devices` parts whose sizes differ by at most one.
// Throws std::invalid_argument if devices < 1 or n < devices.
Partition partitionIid(int64_t n, int devices, uint64_t seed);

// Label-skewed split (Hsu et al. 2019): for each class, the class's samples are divided among the
// devices in proportions drawn from Dirichlet(alpha, ..., alpha), sampled as normalised
// Gamma(alpha, 1) draws from std::mt19937_64. Small alpha (0.1) gives each device few classes;
// large alpha (100) approaches IID. Every device receives at least one sample (taken from the
// largest part if needed). Indices inside each part are shuffled. Throws std::invalid_argument for
// devices < 1, fewer samples than devices, classes < 1, alpha not > 0, or a label outside
// 0..classes-1 (naming its position).
Partition partitionDirichlet(const std::vector<int64_t>& labels, int classes, int devices,
                             double alpha, uint64_t seed);

// Per device, how many of its samples carry each class: result[device][class].
// Throws std::invalid_argument for an index outside `labels` or a label outside 0..classes-1.
std::vector<std::vector<int64_t>> labelHistogram(const Partition& parts,
                                                 const std::vector<int64_t>& labels, int classes);

}  // namespace cleave
