// NTP-style estimate of a peer's clock offset (RFC 5905 section 8) from timestamp quadruples, with
// a minimum-round-trip filter over the latest samples: the sample that spent least time in
// transit bounds the offset best. The cloud's round coordinator keeps one per agent (its single
// thread). A value type.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>

namespace cleave {

class ClockOffsetEstimator {
 public:
  // The filter looks at the last `window` samples, so a drifting clock is followed.
  explicit ClockOffsetEstimator(std::size_t window = 64)
      : m_window(std::max<std::size_t>(1, window)) {}

  // One exchange, in microseconds: t1 we sent (our clock), t2 the peer received and t3 the peer
  // answered (its clock), t4 we received (our clock). Returns false and ignores the sample when it
  // cannot be causal (t4 < t1 or t3 < t2).
  bool add(int64_t t1, int64_t t2, int64_t t3, int64_t t4) {
    if (t4 < t1 || t3 < t2) return false;
    Sample s;
    // Peer minus ours; exact when the two one-way delays are equal (NTP's assumption).
    s.offset_us = (static_cast<double>(t2 - t1) + static_cast<double>(t3 - t4)) / 2.0;
    s.rtt_us = std::max(0.0, static_cast<double>((t4 - t1) - (t3 - t2)));
    m_samples.push_back(s);
    if (m_samples.size() > m_window) m_samples.pop_front();
    return true;
  }

  bool valid() const { return !m_samples.empty(); }
  // Peer clock minus our clock, from the window's sample with the smallest round trip (the
  // latest of equals). 0 before any sample.
  double offsetUs() const { return best().offset_us; }
  // That sample's round trip without the peer's hold: the bound on the offset's error is half of
  // it.
  double rttUs() const { return best().rtt_us; }
  // A peer timestamp on our clock.
  double toLocalUs(int64_t peer_us) const { return static_cast<double>(peer_us) - offsetUs(); }
  std::size_t samples() const { return m_samples.size(); }
  void reset() { m_samples.clear(); }

 private:
  struct Sample {
    double offset_us = 0;
    double rtt_us = 0;
  };
  Sample best() const {
    Sample b;
    bool first = true;
    for (const Sample& s : m_samples) {
      if (first || s.rtt_us <= b.rtt_us) b = s;
      first = false;
    }
    return b;
  }

  std::size_t m_window;
  std::deque<Sample> m_samples;
};

}  // namespace cleave
