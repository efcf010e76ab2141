#include "core/net/link_shaper.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <thread>

namespace cleave {

namespace {

using Duration = LinkShaper::Duration;

Duration fromMs(double ms) {
  return Duration(static_cast<int64_t>(std::llround(ms * 1e6)));
}

Duration serialiseTime(std::size_t bytes, double mbps) {
  if (mbps <= 0) return Duration(0);
  return Duration(
      static_cast<int64_t>(std::llround(static_cast<double>(bytes) * 8.0 / mbps * 1e3)));
}

void checkProfile(const LinkProfile& p) {
  const auto bad = [](double v) { return !std::isfinite(v) || v < 0; };
  if (bad(p.up_mbps) || bad(p.down_mbps) || bad(p.latency_ms) || bad(p.jitter_ms))
    throw std::invalid_argument("link profile: rates, latency and jitter must be finite and >= 0");
  if (!std::isfinite(p.loss) || p.loss < 0 || p.loss >= 1)
    throw std::invalid_argument("link profile: loss must be a fraction in [0, 1), got " +
                                std::to_string(p.loss));
}

}  // namespace

LinkShaper::LinkShaper(const LinkProfile& profile, uint64_t seed, NowFn now)
    : m_now(now ? std::move(now) : NowFn([] { return TimePoint(Clock::now()); })),
      m_profile(profile),
      m_rng(seed) {
  checkProfile(profile);
}

void LinkShaper::setProfile(const LinkProfile& profile) {
  checkProfile(profile);
  std::lock_guard lock(m_mutex);
  m_profile = profile;
}

LinkProfile LinkShaper::profile() const {
  std::lock_guard lock(m_mutex);
  return m_profile;
}

LinkShaper::Delivery LinkShaper::schedule(LinkDirection direction, std::size_t bytes) {
  return schedule(direction, bytes, m_now());
}

LinkShaper::Delivery LinkShaper::schedule(LinkDirection direction, std::size_t bytes,
                                          TimePoint sent) {
  std::lock_guard lock(m_mutex);
  Lane& lane = direction == LinkDirection::Up ? m_up : m_down;
  const double mbps = direction == LinkDirection::Up ? m_profile.up_mbps : m_profile.down_mbps;

  Delivery d;
  const TimePoint start = std::max(sent, lane.free_at);
  d.queued = start - sent;
  d.serialise = serialiseTime(bytes, mbps);
  lane.free_at = start + d.serialise;

  double jitter_ms = 0;
  if (m_profile.jitter_ms > 0)
    jitter_ms = std::abs(std::normal_distribution<double>(0.0, m_profile.jitter_ms)(m_rng));
  d.latency = fromMs(m_profile.latency_ms + jitter_ms);

  std::bernoulli_distribution lost(m_profile.loss);
  while (m_profile.loss > 0 && d.retransmissions < kMaxRetransmissions && lost(m_rng))
    ++d.retransmissions;
  d.retransmit = d.retransmissions * fromMs(2 * m_profile.latency_ms);

  const TimePoint arrival = lane.free_at + d.latency + d.retransmit;
  d.delivered = std::max(arrival, lane.last_delivery);
  d.reordered = d.delivered - arrival;
  lane.last_delivery = d.delivered;
  return d;
}

void CpuSlowdown::setFactor(double factor) {
  if (!std::isfinite(factor) || factor <= 0)
    throw std::invalid_argument("slowdown factor must be a finite number > 0, got " +
                                std::to_string(factor));
  m_factor = factor;
}

std::chrono::nanoseconds CpuSlowdown::extra(std::chrono::nanoseconds elapsed) const {
  const double f = m_factor.load();
  if (f <= 1.0 || elapsed.count() <= 0) return std::chrono::nanoseconds(0);
  return std::chrono::nanoseconds(
      static_cast<int64_t>(std::llround(static_cast<double>(elapsed.count()) * (f - 1.0))));
}

std::chrono::nanoseconds CpuSlowdown::pad(std::chrono::nanoseconds elapsed) const {
  const auto wait = extra(elapsed);
  if (wait.count() > 0) std::this_thread::sleep_for(wait);
  return wait;
}

}  // namespace cleave
