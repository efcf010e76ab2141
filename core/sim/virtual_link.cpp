#include "core/sim/virtual_link.h"

#include <algorithm>

namespace cleave {

double VirtualLink::transferMs(int64_t bytes, double mbps) {
  double ms = m_profile.latency_ms + static_cast<double>(bytes) * 8.0 / (mbps * 1e3);
  if (m_profile.jitter_ms > 0) {
    // Queueing only ever adds delay: a half-normal around the base latency.
    ms += std::abs(std::normal_distribution<double>(0.0, m_profile.jitter_ms)(m_rng));
  }
  if (m_profile.loss > 0 && std::uniform_real_distribution<double>(0, 1)(m_rng) < m_profile.loss) {
    ms += 2 * m_profile.latency_ms + 1.0;  // a lost segment costs a round trip to recover
  }
  return ms;
}

}  // namespace cleave
