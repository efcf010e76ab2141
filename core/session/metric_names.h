// Names of the per-round metrics the cloud records; rounds.csv pivots the session-wide ones.
// Plain constants, no state. Per-device metrics use the same names with the device set.
#pragma once

namespace cleave::metric_name {
inline constexpr const char* kAccuracyFinal = "accuracy_final";  // fraction 0..1, global model
inline constexpr const char* kExitRate = "exit_rate";            // fraction of samples exited early
inline constexpr const char* kLoss = "loss";                     // mean evaluation loss
inline constexpr const char* kBytesUp = "bytes_up";              // bytes edge -> cloud on the wire
inline constexpr const char* kBytesDown = "bytes_down";          // bytes cloud -> edge on the wire
inline constexpr const char* kRoundMs = "round_ms";              // wall time of the round
inline constexpr const char* kStragglers = "stragglers";         // devices that missed the deadline
// Per device and round, the phase_timing split (ms): edge, uplink, cloud, downlink, waiting.
inline constexpr const char* kEdgeMs = "edge_ms";
inline constexpr const char* kUpMs = "up_ms";
inline constexpr const char* kCloudMs = "cloud_ms";
inline constexpr const char* kDownMs = "down_ms";
inline constexpr const char* kWaitMs = "wait_ms";
inline constexpr const char* kJitterMs = "jitter_ms";             // RFC 3550, uplink transit
inline constexpr const char* kClockOffsetMs = "clock_offset_ms";  // agent clock - cloud clock
}  // namespace cleave::metric_name
