// A deterministic session (devices, events, metrics, plans, checkpoints per round) written in code,
// and the helper that records rounds of it, for the session tests.
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/session/event.h"
#include "core/session/session_records.h"
#include "core/session/session_writer.h"

namespace cleave::test {

struct RoundContent {
  std::vector<Event> events;  // in recording order (not all in time order)
  std::vector<MetricRecord> metrics;
  PlanRecord plan;
  Weights weights;
};

inline SessionInfo sampleInfo() {
  return {"2024-05-01T10:00:00Z", R"({"name":"camera_cnn","layers":[{"type":"conv2d"}]})", "camera",
          R"({"rounds":3,"steps":20,"codec":"fp16"})", 0};
}

inline std::vector<DeviceRecord> sampleDevices() {
  return {{"cam-1", "edge", "fp:aa11", R"({"cpu":"arm64","mem_mb":4096})", 10, 10, "online"},
          {"cam, \"two\"", "edge", "fp:bb22", R"({"cpu":"x86"})", 20, 20, "approved"}};
}

// Round r lives in [r * 1e6, (r + 1) * 1e6) microseconds.
inline RoundContent sampleRound(int r) {
  const int64_t base = int64_t{r} * 1'000'000;
  RoundContent c;
  c.events = {
      {base + 100, event_kind::kRoundStart, r, "", R"({"devices":["cam-1"],"deadline_ms":500})"},
      {base + 300, event_kind::kPhaseTiming, r, "cam-1",
       R"({"edge_ms":1.5,"up_ms":2,"cloud_ms":3,"down_ms":2,"bytes_up":4096,"bytes_down":4096})"},
      // Recorded after but happened before the phase timing: readers must sort by time.
      {base + 200, event_kind::kLog, r, "cam-1",
       "{\"level\":\"info\",\"message\":\"a, \\\"quoted\\\"\\nline\"}"},
      {base + 300, event_kind::kExitStats, r, "cam-1", R"({"exit_rate":0.25,"samples":64})"},
      // Pretty-printed: real newlines, commas and quotes in one CSV field.
      {base + 900, event_kind::kRoundEnd, r, "",
       "{\n  \"round_ms\": 800,\n  \"stragglers\": [\"cam, \\\"two\\\"\"]\n}"},
  };
  c.metrics = {
      {r, "", "accuracy_final", 0.5 + 0.1 * r, base + 950},
      {r, "cam-1", "exit_rate", 0.25 + r / 100.0, base + 300},
      {r, "", "loss", 1.0 / (r + 3), base + 950},
      {r, "", "round_ms", 800.0 + r, base + 900},
  };
  c.plan = {
      r, base + 50,
      R"({"mode":"fastest","devices":[{"name":"cam-1","cut":)" + std::to_string(r % 3) + "}]}"};
  c.weights = {{"L0.weight", 0, Tensor({2, 2}, {float(r), 1.f, -2.f, 0.5f}), false},
               {"L0.running_mean", 0, Tensor({2}, {0.f, float(r) / 7}), true}};
  return c;
}

enum class Finish { Checkpoint, Commit, Leave };

// Records round r (plan, events, metrics) and ends it with a checkpoint, a plain commit or not at
// all.
inline void recordRound(SessionWriter& writer, int r, Finish finish = Finish::Checkpoint) {
  const auto c = sampleRound(r);
  writer.recordPlan(c.plan);
  for (const auto& e : c.events)
    writer.appendEvent(e);
  for (const auto& m : c.metrics)
    writer.recordMetric(m);
  if (finish == Finish::Checkpoint)
    writer.writeCheckpoint(r, int64_t{r} * 1'000'000 + 990, c.weights, c.plan.plan_json);
  if (finish == Finish::Commit) writer.commitRound(r);
}

// Expected events of rounds [from, to] in time order (ties keep recording order).
inline std::vector<Event> expectedEvents(int from, int to) {
  std::vector<Event> all;
  for (int r = from; r <= to; ++r) {
    const auto c = sampleRound(r);
    all.insert(all.end(), c.events.begin(), c.events.end());
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const Event& a, const Event& b) { return a.t_us < b.t_us; });
  return all;
}

}  // namespace cleave::test
