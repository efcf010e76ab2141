// A modelled network path for the in-process simulation: how long a message of N bytes takes over
// a LinkProfile (latency + serialisation + Gaussian jitter + a retransmission round trip on loss).
// Deterministic for a seed. Not thread-safe: one per simulated device.
#pragma once

#include <cstdint>
#include <random>

#include "core/plan/device_profile.h"

namespace cleave {

class VirtualLink {
 public:
  VirtualLink(const LinkProfile& profile, uint64_t seed) : m_profile(profile), m_rng(seed) {}

  double uploadMs(int64_t bytes) { return transferMs(bytes, m_profile.up_mbps); }
  double downloadMs(int64_t bytes) { return transferMs(bytes, m_profile.down_mbps); }
  const LinkProfile& profile() const { return m_profile; }

 private:
  double transferMs(int64_t bytes, double mbps);

  LinkProfile m_profile;
  std::mt19937_64 m_rng;
};

}  // namespace cleave
