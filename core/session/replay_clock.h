// When each recorded event is due during a replay: session time -> wall time at a speed factor,
// with pause, resume, seek and speed changes. Pure arithmetic on an injectable monotonic clock, so
// it is testable without sleeping. Not thread-safe: the thread that drives a replay owns it.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string_view>

namespace cleave {

inline constexpr double kReplayMinSpeed = 0.25;
inline constexpr double kReplayMaxSpeed = 100.0;
// "As fast as possible": every event is due at once (still in time order).
inline constexpr double kReplayAsFastAsPossible = std::numeric_limits<double>::infinity();

// "2", "2x", "0.25X", "max"/"fast" -> speed; throws std::invalid_argument naming the text and the
// accepted range.
double parseReplaySpeed(std::string_view text);

class ReplayClock {
 public:
  using NowFn = std::function<int64_t()>;  // monotonic wall microseconds
  static int64_t steadyNowUs();

  // Throws std::invalid_argument unless speed is in [0.25, 100] or kReplayAsFastAsPossible.
  explicit ReplayClock(double speed = 1.0, NowFn now = &ReplayClock::steadyNowUs);

  // Replay shows session time `session_t_us` now and runs (unpaused) from here.
  void start(int64_t session_t_us);
  // Session time shown now (frozen while paused; the seek/start point when as fast as possible).
  int64_t position() const;
  // Wall microseconds until an event at `event_t_us` is due (0: due now), nullopt while paused.
  std::optional<int64_t> waitUs(int64_t event_t_us) const;
  bool isDue(int64_t event_t_us) const { return waitUs(event_t_us) == int64_t{0}; }

  void pause();
  void resume();
  bool paused() const { return m_paused; }
  void seek(int64_t session_t_us);  // keeps the paused state
  void setSpeed(double speed);      // continues from the current position
  double speed() const { return m_speed; }

 private:
  void anchor(int64_t session_t_us);
  bool asFastAsPossible() const { return m_speed == kReplayAsFastAsPossible; }

  NowFn m_now;
  double m_speed;
  bool m_paused = false;
  int64_t m_anchorSessionUs = 0;  // session time shown at wall time m_anchorWallUs
  int64_t m_anchorWallUs = 0;
};

}  // namespace cleave
