#include "core/session/replay_clock.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>

namespace cleave {
namespace {

void checkSpeed(double speed) {
  if (speed == kReplayAsFastAsPossible) return;
  if (!(speed >= kReplayMinSpeed && speed <= kReplayMaxSpeed))
    throw std::invalid_argument("replay speed " + std::to_string(speed) +
                                " is outside 0.25x..100x (use 'max' for as fast as possible)");
}

}  // namespace

double parseReplaySpeed(std::string_view text) {
  const std::string original(text);
  if (text == "max" || text == "fast") return kReplayAsFastAsPossible;
  if (!text.empty() && (text.back() == 'x' || text.back() == 'X')) text.remove_suffix(1);
  double speed = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), speed);
  if (text.empty() || error != std::errc() || end != text.data() + text.size())
    throw std::invalid_argument("replay speed '" + original +
                                "' is not a number like 0.5, 2x or 'max'");
  checkSpeed(speed);
  return speed;
}

int64_t ReplayClock::steadyNowUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

ReplayClock::ReplayClock(double speed, NowFn now) : m_now(std::move(now)), m_speed(speed) {
  checkSpeed(speed);
  anchor(0);
}

void ReplayClock::anchor(int64_t session_t_us) {
  m_anchorSessionUs = session_t_us;
  m_anchorWallUs = m_now();
}

void ReplayClock::start(int64_t session_t_us) {
  m_paused = false;
  anchor(session_t_us);
}

int64_t ReplayClock::position() const {
  if (m_paused || asFastAsPossible()) return m_anchorSessionUs;
  const double elapsed = static_cast<double>(m_now() - m_anchorWallUs) * m_speed;
  return m_anchorSessionUs + static_cast<int64_t>(std::floor(elapsed));
}

std::optional<int64_t> ReplayClock::waitUs(int64_t event_t_us) const {
  if (m_paused) return std::nullopt;
  if (asFastAsPossible()) return 0;
  // Due at the anchor's wall time plus the session distance stretched by the speed.
  const double distance = static_cast<double>(event_t_us - m_anchorSessionUs) / m_speed;
  const int64_t dueWall = m_anchorWallUs + static_cast<int64_t>(std::ceil(distance));
  return std::max<int64_t>(0, dueWall - m_now());
}

void ReplayClock::pause() {
  if (m_paused) return;
  m_anchorSessionUs = position();
  m_paused = true;
}

void ReplayClock::resume() {
  if (!m_paused) return;
  m_paused = false;
  anchor(m_anchorSessionUs);
}

void ReplayClock::seek(int64_t session_t_us) {
  anchor(session_t_us);
}

void ReplayClock::setSpeed(double speed) {
  checkSpeed(speed);
  const int64_t here = position();
  m_speed = speed;
  anchor(here);
}

}  // namespace cleave
