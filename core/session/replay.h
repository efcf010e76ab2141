// Re-emits a recorded session's events in time order at a replay speed, sleeping between them
// (what `cleave replay FILE --print --speed X` runs). Runs on the calling thread until
// done/stopped.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>

#include "core/session/event.h"
#include "core/session/replay_clock.h"

namespace cleave {

class SessionReader;

struct ReplayOptions {
  // Start at this session time (seek); events before it are skipped. Default: the first event.
  int64_t from_us = std::numeric_limits<int64_t>::min();
  // Injectable time for tests; defaults are the steady clock and std::this_thread::sleep_for.
  ReplayClock::NowFn now = &ReplayClock::steadyNowUs;
  std::function<void(int64_t us)> sleep;
};

// Calls `emit` for each event when it is due; polls `should_stop` at least every 50 ms of wall
// time while waiting. Returns the number of events emitted. Throws SessionError on read errors.
int64_t replayEvents(const SessionReader& reader, double speed,
                     const std::function<void(const Event&)>& emit,
                     const std::function<bool()>& should_stop, const ReplayOptions& options = {});

}  // namespace cleave
