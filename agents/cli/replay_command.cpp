// cleave replay FILE --print [--speed X] [--from SECONDS]: re-emit a session's events in time
// order.
#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>

#include "agents/cli/args.h"
#include "agents/cli/commands.h"
#include "core/session/replay.h"
#include "core/session/replay_clock.h"
#include "core/session/session_reader.h"

namespace cleave::cli {

namespace {

std::atomic<bool> g_stop{false};
extern "C" void onInterrupt(int) {
  g_stop = true;
}

}  // namespace

int runReplay(const std::vector<std::string>& argv) {
  Args args(argv, {"print"});
  const bool print = args.flag("print");
  const double speed = parseReplaySpeed(args.value("speed", "1"));
  const double from_s = args.doubleValue("from", -1, -1, 1e9);
  args.finish(1, 1);
  if (!print) throw UsageError("say what to do with the events: --print");

  const SessionReader reader(args.positionals()[0]);
  const auto range = reader.eventTimeRange();
  if (!range) {
    std::printf("%s holds no events\n", args.positionals()[0].c_str());
    return 0;
  }
  std::printf("replaying %s: %.1f s of events at %s\n", args.positionals()[0].c_str(),
              double(range->second - range->first) / 1e6,
              std::isfinite(speed) ? (std::to_string(speed) + "x").c_str() : "full speed");
  std::fflush(stdout);
  std::signal(SIGINT, onInterrupt);  // Ctrl-C stops between events, not mid-line
  ReplayOptions options;
  if (from_s >= 0) options.from_us = static_cast<int64_t>(from_s * 1e6);
  const int64_t shown = replayEvents(
      reader, speed,
      [](const Event& e) {
        std::printf("[%10.3f s] %-14s round %3d  %-20s %s\n", double(e.t_us) / 1e6, e.kind.c_str(),
                    e.round, e.device.c_str(), e.data_json.c_str());
        std::fflush(stdout);
      },
      [] { return g_stop.load(); }, options);
  std::printf("%lld events%s\n", static_cast<long long>(shown), g_stop ? " (interrupted)" : "");
  return 0;
}

}  // namespace cleave::cli
