// cleave-cloud's per-round figures from a closed round: the live console table, the --json entry
// and the session metrics, all carrying the same per-device delay split. Called by CloudServer on
// its loop thread; the functions keep no state.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "core/coordinator/round_coordinator.h"
#include "core/session/session_writer.h"

namespace cleave::cloud {

// One block per round: a header line, one aligned row per device (device, cut, steps, edge / up /
// cloud / down / wait ms, jitter, bytes up, straggler), then the global model's accuracy and
// early-exit rate. Ends with a newline.
std::string renderRoundTable(const ClosedRound& round, int total_rounds);

// The round for --json: {"round", "reason", "averaged", "accuracy", "exit_rate", "round_ms",
// "devices": [{"device", "cut", "steps", "steps_planned", "edge_ms", "edge_compute_ms", "up_ms",
// "cloud_ms", "down_ms", "wait_ms", "unsplit_ms", "round_ms", "jitter_ms", "clock_offset_ms",
// "bytes_up", "update_bytes" (of bytes_up: the FedAvg upload), "bytes_down", "straggler",
// "loss"}]}.
nlohmann::json roundToJson(const ClosedRound& round);

// Session-wide and per-device metrics of the round (metric_names.h), stamped `t_us`.
void recordRoundMetrics(SessionWriter& writer, const ClosedRound& round, int64_t t_us);

}  // namespace cleave::cloud
