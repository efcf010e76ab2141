// Rows of a session file other than events: metadata, devices, metrics, plans, checkpoints.
// Plain value types shared by SessionWriter and SessionReader.
#pragma once

#include <cstdint>
#include <string>

#include "core/train/weights.h"

namespace cleave {

// Written once when a session file is created; a resumed session keeps the original.
struct SessionInfo {
  std::string created;          // ISO 8601 UTC, filled by the writer when empty
  std::string model_spec_json;  // the model spec the session trains (JSON text)
  std::string use_case;         // "camera" | "factory" | ...
  std::string settings_json;    // the cloud's options (rounds, steps, split, codec...) as JSON
  int schema_version = 0;       // filled by the reader/writer from the file

  bool operator==(const SessionInfo&) const = default;
};

struct DeviceRecord {
  std::string name;             // unique per session
  std::string role;             // "edge" | "operator"
  std::string key_fingerprint;  // of the CURVE public key, never the key itself
  std::string profile_json;     // CPU, memory, per-layer profile, link (JSON text)
  int64_t first_seen_us = 0;
  int64_t last_seen_us = 0;
  std::string status;  // "pending" | "approved" | "online" | "offline" | ...

  bool operator==(const DeviceRecord&) const = default;
};

struct MetricRecord {
  int round = -1;
  std::string device;  // "" for a session-wide (per-round summary) metric
  std::string name;    // see metric_names.h
  double value = 0.0;
  int64_t t_us = 0;

  bool operator==(const MetricRecord&) const = default;
};

struct PlanRecord {
  int round = -1;
  int64_t t_us = 0;
  std::string plan_json;

  bool operator==(const PlanRecord&) const = default;
};

// A checkpoint without its weights (listing them does not load the blobs).
struct CheckpointInfo {
  int round = -1;
  int64_t t_us = 0;
  std::string plan_json;
  int64_t weights_bytes = 0;

  bool operator==(const CheckpointInfo&) const = default;
};

struct Checkpoint {
  int round = -1;
  int64_t t_us = 0;
  std::string plan_json;
  Weights weights;
};

}  // namespace cleave
