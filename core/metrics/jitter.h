// RFC 3550 (section 6.4.1) interarrival jitter: J += (|D| - J) / 16, where D is the change in
// transfer delay between consecutive messages. The same smoothing a network engineer reads off RTP
// receiver reports, so operators can compare Cleave's figure with their tools. A value type.
#pragma once

#include <cmath>

namespace cleave {

class JitterEstimator {
 public:
  // Feed the one-way transfer delay of each message, in arrival order.
  void add(double transit_ms) {
    if (m_has_previous) m_jitter += (std::abs(transit_ms - m_previous) - m_jitter) / 16.0;
    m_previous = transit_ms;
    m_has_previous = true;
  }
  double jitterMs() const { return m_jitter; }

 private:
  double m_jitter = 0;
  double m_previous = 0;
  bool m_has_previous = false;
};

}  // namespace cleave
