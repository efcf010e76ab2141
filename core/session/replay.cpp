#include "core/session/replay.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "core/session/session_reader.h"

namespace cleave {
namespace {

constexpr int64_t kStopPollUs = 50'000;

void sleepUs(int64_t us) {
  std::this_thread::sleep_for(std::chrono::microseconds(us));
}

}  // namespace

int64_t replayEvents(const SessionReader& reader, double speed,
                     const std::function<void(const Event&)>& emit,
                     const std::function<bool()>& should_stop, const ReplayOptions& options) {
  ReplayClock clock(speed, options.now);
  const std::function<void(int64_t)> sleep = options.sleep ? options.sleep : sleepUs;
  const bool seeking = options.from_us != std::numeric_limits<int64_t>::min();
  bool started = false;
  int64_t emitted = 0;
  EventQuery query;
  query.from_us = options.from_us;
  reader.forEachEvent(query, [&](const Event& event) {
    if (!started) {
      clock.start(seeking ? options.from_us : event.t_us);
      started = true;
    }
    for (int64_t wait = *clock.waitUs(event.t_us); wait > 0; wait = *clock.waitUs(event.t_us)) {
      if (should_stop && should_stop()) return false;
      sleep(std::min(wait, kStopPollUs));
    }
    if (should_stop && should_stop()) return false;
    emit(event);
    ++emitted;
    return true;
  });
  return emitted;
}

}  // namespace cleave
