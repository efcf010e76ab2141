// Draws mini-batches from one device's shard of a dataset: a fresh shuffle every epoch, as a real
// edge iterates its local data. Deterministic for a seed. Not thread-safe: one per device.
#pragma once

#include <algorithm>
#include <random>
#include <vector>

#include "core/data/dataset.h"

namespace cleave {

class BatchSampler {
 public:
  BatchSampler(std::vector<int64_t> shard, uint64_t seed) : m_shard(std::move(shard)), m_rng(seed) {
    std::shuffle(m_shard.begin(), m_shard.end(), m_rng);
  }

  Batch next(const Dataset& data, int batch_size) {
    std::vector<int64_t> picked;
    picked.reserve(static_cast<size_t>(batch_size));
    while (static_cast<int>(picked.size()) < batch_size && !m_shard.empty()) {
      if (m_cursor == m_shard.size()) {
        std::shuffle(m_shard.begin(), m_shard.end(), m_rng);
        m_cursor = 0;
      }
      picked.push_back(m_shard[m_cursor++]);
    }
    return data.gather(picked);
  }

  size_t shardSize() const { return m_shard.size(); }

 private:
  std::vector<int64_t> m_shard;
  size_t m_cursor = 0;
  std::mt19937_64 m_rng;
};

}  // namespace cleave
