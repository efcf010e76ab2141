// A simulated round as JSON (`cleave simulate --json`) and as the live line printed per round.
// Pure functions; callable from any thread.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/sim/round_report.h"

namespace cleave {

// {"round", "averaged", "loss", "accuracy": {"<exit>"..., "final"}, "exit_rate",
//  "exit_rates": {"<exit>"..., "final"}, "policy_accuracy", "bytes_up", "bytes_down",
//  "update_bytes": {"before", "after"}, "round_ms", "spread_ms", "deadline_ms", "wall_ms",
//  "devices": [{"device", "cut", "steps", "samples", "loss", "delay_ms": {"edge", "up", "cloud",
//  "down", "total"}, "jitter_ms", "bytes_up", "bytes_down", "straggler", "update_sent",
//  "exits": [{"name", "loss", "accuracy"}]}]}
nlohmann::json roundToJson(const RoundReport& round);

// "round  3/10  loss 0.412  final 86.1%  local 71.0%  exit 41.2%  up 12.3 MiB ..."
std::string formatRoundLine(const RoundReport& round, int total_rounds);
// One row per device: cut, steps, delay split, jitter, bytes; for `--verbose` runs.
std::string formatDeviceRows(const RoundReport& round);

}  // namespace cleave
