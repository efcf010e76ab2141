// One thing that happened in a session, as the cloud publishes it and the recorder stores it.
// A value type. Live and replay are the same stream: views only ever see Events.
#pragma once

#include <cstdint>
#include <string>

namespace cleave {

struct Event {
  int64_t t_us = 0;       // monotonic microseconds since the session started (continues on resume)
  std::string kind;       // one of event_kind::* below; readers skip kinds they do not know
  int round = -1;         // training round it belongs to, -1 when none
  std::string device;     // device name, "" when the event is about the whole session
  std::string data_json;  // a JSON object; its fields depend on kind (listed below)

  bool operator==(const Event&) const = default;
};

// Event kinds and their data fields. Fields marked (opt) may be missing; extra fields are allowed.
// docs/SESSION_FORMAT.md has the same list with examples.
namespace event_kind {
// {"resumed": bool, "from_round": int (opt), "use_case": string, "spec_json": string (the model
//  spec), "settings": {"rounds", "steps", "batch", "lr", "fedavg_every", "deadline_ms", "codec"},
//  "split": {"mode": "manual"|"fastest"|"in-step", "cut": int (-1 unless manual)}} - the cloud
//  started or resumed this session.
inline constexpr const char* kSessionStart = "session_start";
// {"reason": string} - the cloud stopped recording (normal end or operator stop).
inline constexpr const char* kSessionEnd = "session_end";
// device set; {"role": string, "cpu": string, "cores": int, "memory_bytes": int, "layer_ms":
//  [number] (fwd+bwd ms per trunk layer, [] before profiling), "profile_batch": int, "link":
//  {"up_mbps", "down_mbps", "latency_ms", "jitter_ms", "loss"}, "profiled": bool, "slowdown":
//  number (opt), "address": string (opt), "fingerprint": string (opt)}. Sent when an agent
//  registers (profiled false) and again when its measured profile arrives (profiled true): keep
//  the latest per device.
inline constexpr const char* kDeviceJoined = "device_joined";
// device set; {"reason": "bye"|"timeout"|"refused"|...}
inline constexpr const char* kDeviceLeft = "device_left";
// device set; {"status": "pending"|"approved"|"rejected"|"online"|"straggler"|"offline",
//  "detail": string (opt)}. pending (device = the pending name, "unnamed-<hex>"): also
//  "fingerprint", "address" - approve it with ApproveKey by that name or fingerprint.
inline constexpr const char* kDeviceStatus = "device_status";
// device set; {"link": {"up_mbps", "down_mbps", "latency_ms", "jitter_ms", "loss"},
//  "slowdown": number (0: unchanged)} - an operator's SetLink, forwarded to the agent.
inline constexpr const char* kDeviceSettings = "device_settings";
// {"reason": "operator"|"rounds done"|"stopped", "round": int} - no new round starts (the one in
//  flight, if any, finishes).
inline constexpr const char* kPaused = "paused";
// {"round": int, "rounds": int} - rounds start again (StartRounds).
inline constexpr const char* kResumed = "resumed";
// {"settings": {"rounds", "steps", "batch", "lr", "fedavg_every", "deadline_ms", "codec"},
//  "split": {"mode", "cut"}, "device_splits": {name: {"mode", "cut"}}, "from_round": int} - the
//  operator changed settings or the split; they apply from round `from_round`.
inline constexpr const char* kSettings = "settings";
// round set; {"mode": "manual"|"fastest"|"in-step", "devices": [{"name", "cut", "steps", "batch",
//  "lr", "codec", "deadline_ms", "bytes_budget"}]} - the plan the cloud sent for this round.
inline constexpr const char* kPlan = "plan";
// round set; {"devices": [names], "deadline_ms": number}
inline constexpr const char* kRoundStart = "round_start";
// round and device set; the device's measured delay split for the round (RoundCoordinator):
//  {"edge_ms", "up_ms", "cloud_ms", "down_ms", "wait_ms", "round_ms", "jitter_ms",
//  "clock_offset_ms": number, "bytes_up", "bytes_down", "steps", "cut": int,
//  "edge_compute_ms": number (opt), "unsplit_ms": number (opt: up+down of an agent without
//  timestamps), "straggler": bool (opt)}. edge+up+cloud+down+wait(+unsplit) ~= round_ms.
inline constexpr const char* kPhaseTiming = "phase_timing";
// round set; {"round_ms": number, "completed": [names], "stragglers": [names],
//  "reason": string (opt, e.g. "all agents dead")}
inline constexpr const char* kRoundEnd = "round_end";
// round set; {"accuracy_final": number, "accuracy_exits": {exit name: number} (opt),
//  "loss": number, "samples": int}
inline constexpr const char* kEvaluation = "evaluation";
// round and device set; {"exit_rate": number, "samples": int, "accuracy_per_exit": {name: number}
//  (opt), "latency_ms_mean": number (opt)}. From an inferring agent (about once a second, counts
//  over that period): also "latency_ms_p95", "threshold": number, "exits": {name: count} (edge
//  exits, then "cloud"), "timeouts", "cut": int, "mode": "inference"; accuracy_per_exit only when
//  the agent knows its samples' labels.
inline constexpr const char* kExitStats = "exit_stats";
// device set; {"png_base64": string (a grey PNG, at most 64x64), "exit": exit name or "cloud",
//  "prediction": int, "label": int (opt), "latency_ms": number}. A camera agent's frame with its
//  early-exit decision, about twice a second. Published on PUB only, never recorded.
inline constexpr const char* kPreview = "preview";
// device optional; {"level": "debug"|"info"|"warning"|"error", "message": string}
inline constexpr const char* kLog = "log";
}  // namespace event_kind

}  // namespace cleave
