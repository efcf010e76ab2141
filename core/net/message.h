// The messages the cloud, the agents and the studio exchange, as plain C++ values (protobuf stays
// inside core/net's .cpp files). Values: copy/move freely across threads; a decoded message's
// tensors share ownership of their frames (WireTensor::owner), so they stay valid on their own.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/data/standardisation.h"
#include "core/plan/device_profile.h"
#include "core/tensor/tensor.h"

namespace cleave::net {

// How a tensor's values are laid out in its frame (core/compress: codec.h, compressed_update.h).
enum class TensorCodec : uint8_t { Fp32, Fp16, Int8, TopKInt8 };

std::string_view tensorCodecName(TensorCodec codec);  // "fp32", "fp16", "int8", "topk-int8"

// One tensor on the wire: what it is plus a view of its encoded bytes (one frame, never copied).
struct WireTensor {
  std::string name;
  Shape shape;
  TensorCodec codec = TensorCodec::Fp32;
  std::span<const uint8_t> bytes;
  // Keeps `bytes` alive. Null: whoever built the view keeps them alive for the tensor's lifetime.
  std::shared_ptr<const void> owner;

  // Same name, shape, codec and byte content (owners are irrelevant).
  bool operator==(const WireTensor& other) const;
};

// Agent -> cloud on connect: who I am, what I can do, what my link looks like.
struct Hello {
  std::string device_name;
  std::string role;
  std::string cpu_model;
  uint32_t cores = 0;
  uint64_t memory_bytes = 0;
  std::vector<double> layer_ms;  // measured forward+backward per trunk layer; empty = unprofiled
  uint32_t profile_batch = 1;
  LinkProfile link;
  std::string agent_version;

  bool operator==(const Hello& other) const;
};

// Cloud -> agent: accepted; here is the model, the preprocessing and the global weights.
struct Welcome {
  uint32_t device_id = 0;
  std::string model_spec_json;
  Standardisation standardisation;
  std::vector<WireTensor> weights;
  bool operator==(const Welcome&) const = default;
};

enum class RefusedReason : uint8_t { VersionMismatch, UnknownKey, BadMessage, ShuttingDown };

struct Refused {
  RefusedReason reason = RefusedReason::BadMessage;
  std::string text;
  bool operator==(const Refused&) const = default;
};

enum class AgentState : uint8_t { Idle, Training, Inference, Evaluating, Stopping };

// Both ways; proves liveness and carries the sender's load.
struct Heartbeat {
  uint32_t round = 0;
  AgentState state = AgentState::Idle;
  double cpu_load = 0;  // 0..cores
  // Clock-offset probe (RTCP LSR/DLSR style). Cloud -> agent: the cloud's clock at sending (us).
  // Agent -> cloud: the echo of the last cloud heartbeat's echo_us (0: none yet), and the agent's
  // ms from that heartbeat's arrival to sending this one.
  int64_t echo_us = 0;
  double hold_ms = 0;
  bool operator==(const Heartbeat&) const = default;
};

// Cloud -> agent: what to do this round. (Named RoundPlan: cleave::Plan is the planner's output.)
struct RoundPlan {
  uint32_t round = 0;
  uint32_t cut = 0;
  uint32_t steps = 0;
  uint32_t batch = 0;
  double learning_rate = 0;
  TensorCodec codec = TensorCodec::Fp32;  // for activations and gradients: never TopKInt8
  double deadline_ms = 0;
  bool fedavg = false;  // upload weights at the end of this round
  // The IETF draft's bandwidth reservation: bytes this device may send this round, and in what
  // time.
  uint64_t reserved_up_bytes = 0;
  double time_budget_ms = 0;
  // How to upload weights when `fedavg`: 0 dense fp32 values; in (0, 1] deltas against the global
  // model through the two-step compressor (UpdateCompressor), keeping this top-k fraction as int8
  // with error feedback (1: every value, ~3.5x smaller); BatchNorm statistics always dense.
  double update_keep = 0;
  bool operator==(const RoundPlan&) const = default;
};

// Agent -> cloud per step: the split-layer activation ([batch, ...]) and the batch's labels.
struct Activations {
  uint32_t round = 0;
  uint32_t step = 0;
  std::vector<int64_t> labels;  // one per sample: labels.size() == activation.shape[0]
  WireTensor activation;
  // Measured on the agent: edge compute for this step (backward of the previous gradient +
  // forward of this batch), and ms from receiving the message this answers (the plan or the
  // previous gradient) to sending this. hold_ms >= edge_ms; the cloud splits the delay with it.
  double edge_ms = 0;
  double hold_ms = 0;
  bool operator==(const Activations&) const = default;
};

// Cloud -> agent per step: the gradient of the loss with respect to the activation.
struct Gradients {
  uint32_t round = 0;
  uint32_t step = 0;
  WireTensor gradient;
  double loss = 0;
  uint32_t correct = 0;
  bool operator==(const Gradients&) const = default;
};

// Agent -> cloud for FedAvg: the edge layers' weights (or compressed deltas).
struct WeightsUp {
  uint32_t round = 0;
  uint64_t samples = 0;
  bool compressed = false;  // TopKInt8 deltas against the last global weights
  std::vector<WireTensor> weights;
  double edge_ms = 0;  // as in Activations: the last backward (+ encoding the upload)
  double hold_ms = 0;  // ms since the round's last gradient arrived
  bool operator==(const WeightsUp&) const = default;
};

// Cloud -> agent: the new global weights of the agent's edge layers.
struct WeightsDown {
  uint32_t round = 0;
  std::vector<WireTensor> weights;
  bool operator==(const WeightsDown&) const = default;
};

struct EvalReport {
  uint32_t round = 0;
  uint64_t samples = 0;
  uint64_t correct = 0;
  double loss = 0;
  bool operator==(const EvalReport&) const = default;
};

struct ExitStat {
  std::string name;
  uint64_t count = 0;
  uint64_t correct = 0;
  double mean_entropy = 0;
  bool operator==(const ExitStat&) const = default;
};

// Agent -> cloud: early-exit statistics per exit head.
struct ExitStats {
  uint32_t round = 0;
  std::vector<ExitStat> exits;
  bool operator==(const ExitStats&) const = default;
};

// Agent -> cloud: a sample no exit was confident about; the cloud finishes it.
struct InferenceRequest {
  uint64_t sample_id = 0;
  WireTensor activation;
  bool operator==(const InferenceRequest&) const = default;
};

inline constexpr int32_t kCloudExit = -1;  // InferenceAnswer::exit_index when the cloud answered

struct InferenceAnswer {
  uint64_t sample_id = 0;
  int32_t exit_index = kCloudExit;
  int32_t prediction = 0;
  int64_t latency_us = 0;
  bool operator==(const InferenceAnswer&) const = default;
};

// Cloud -> studio (PUB): anything that happened.
struct Event {
  std::string kind;
  uint32_t round = 0;
  std::string device;
  std::string data_json;
  int64_t t_us = 0;
  bool operator==(const Event&) const = default;
};

enum class CommandKind : uint8_t {
  ApproveKey,
  RejectKey,
  SetSplit,
  SetLink,
  StartRounds,
  PauseRounds,
  StopRounds,
  Sync,         // reply data_json: {"events": [...], "next_since_us": int, "more": bool}
  SetInference  // mode and/or exit threshold for `device` (empty: every device)
};
enum class AgentMode : uint8_t { Keep, Training, Inference };
enum class SplitMode : uint8_t { Manual, Fastest, InStep };

struct RoundSettings {
  uint32_t rounds = 0;
  uint32_t steps = 0;
  uint32_t batch = 0;
  double learning_rate = 0;
  double deadline_ms = 0;
  uint32_t fedavg_every = 0;
  TensorCodec codec = TensorCodec::Fp32;
  bool operator==(const RoundSettings&) const = default;
};

// Studio -> cloud. Fields not used by `kind` are ignored.
struct Command {
  CommandKind kind = CommandKind::PauseRounds;
  std::string key;     // ApproveKey / RejectKey: the Z85 public key
  std::string device;  // SetSplit / SetLink; empty = every device
  SplitMode split_mode = SplitMode::Fastest;
  int32_t cut = -1;        // SetSplit, manual mode; -1 keeps the current one
  LinkProfile link;        // SetLink
  double slowdown = 0;     // SetLink: CPU slowdown >= 1; 0 keeps the current one
  RoundSettings settings;  // StartRounds
  int64_t since_us = 0;    // Sync: events with t_us >= since_us
  double threshold = 0;    // SetInference: exit threshold in (0, 1]; 0 keeps the current one
  AgentMode mode = AgentMode::Keep;  // SetInference

  bool operator==(const Command& other) const;
};

struct CommandReply {
  bool ok = true;
  std::string error;
  std::string data_json;  // a JSON object for commands that return data (Sync), else empty
  bool operator==(const CommandReply&) const = default;
};

struct Bye {
  std::string reason;
  bool operator==(const Bye&) const = default;
};

using Body = std::variant<Hello, Welcome, Refused, Heartbeat, RoundPlan, Activations, Gradients,
                          WeightsUp, WeightsDown, EvalReport, ExitStats, InferenceRequest,
                          InferenceAnswer, Event, Command, CommandReply, Bye>;

struct Message {
  uint64_t seq = 0;     // per-sender sequence number
  int64_t sent_us = 0;  // sender's clock, microseconds
  Body body;
  bool operator==(const Message&) const = default;
};

// "hello", "welcome", ..., "bye": for logs and events.
std::string_view bodyName(const Body& body);

}  // namespace cleave::net
