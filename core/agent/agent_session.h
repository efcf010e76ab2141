// The edge agent's protocol state machine and edge-half training, transport-agnostic: it takes the
// cloud's decoded messages and returns the messages to send, so it runs without sockets in tests.
// Not thread-safe: the agent's single I/O thread owns it (it trains inside handle()).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/agent/data_spec.h"
#include "core/agent/host_info.h"
#include "core/compress/update_compressor.h"
#include "core/model/model_spec.h"
#include "core/net/link_shaper.h"
#include "core/net/message.h"
#include "core/plan/device_profile.h"
#include "core/sim/batch_sampler.h"
#include "core/train/network.h"

namespace cleave::agent {

inline constexpr const char* kAgentVersion = "0.1.0";

// The cloud sent something this agent cannot work with (a spec its data does not fit): fatal.
class AgentError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct AgentConfig {
  std::string name;
  LinkProfile link;     // the emulated link, reported in Hello
  double slowdown = 1;  // CPU slowdown factor (>= 1 pads compute, scales the profile)
  uint64_t seed = 1;    // batch order and initial weights
  int profile_batch = 32;
  int profile_repetitions = 3;  // 0: skip profiling (no second Hello)
  HostInfo host;
};

// One finished (or abandoned) round, for the agent's one-line-per-round log.
struct RoundSummary {
  uint32_t round = 0;
  uint32_t cut = 0;
  uint32_t steps_done = 0;
  uint32_t steps_planned = 0;
  double edge_ms = 0;    // edge forward + backward (+ slowdown padding), summed over steps
  double mean_loss = 0;  // of the cloud's per-step losses
  uint64_t samples = 0;
  uint64_t tensor_bytes_up = 0;  // activation and weight frames sent
  bool fedavg = false;
  bool abandoned = false;  // a new plan came before the round finished (straggler)
};

class AgentSession {
 public:
  enum class Phase { AwaitingWelcome, Ready, Stepping, AwaitingWeights, Refused };

  struct Counters {
    uint64_t dropped_gradients = 0;  // stale, mismatched or unexpected Gradients
    uint64_t dropped_plans = 0;      // plans this agent cannot follow (before Welcome, bad cut)
    uint64_t dropped_weights = 0;    // WeightsDown for no round we wait for
    uint64_t rounds = 0;
  };

  AgentSession(AgentConfig config, AgentData data);
  ~AgentSession();
  AgentSession(AgentSession&&) noexcept;
  AgentSession& operator=(AgentSession&&) noexcept;

  // A new connection: forgets the cloud's state (the cloud restarts us via Welcome); the Hello.
  std::vector<net::Body> connect();
  // One decoded message from the cloud; returns what to send, in order. Throws AgentError when
  // the cloud's model does not fit this agent's data, so the caller can exit with the reason.
  std::vector<net::Body> handle(const net::Body& body);

  net::Heartbeat heartbeat(double cpu_load = 0) const;
  Phase phase() const { return m_phase; }
  const std::optional<net::Refused>& refused() const { return m_refused; }
  std::optional<RoundSummary> takeRoundSummary();
  const Counters& counters() const { return m_counters; }

  // The cloud's SetLink (an operator's command): reported in later Hellos; a weaker or faster
  // emulated CPU from the next step on (factor < 1 counts as 1).
  void setLink(const LinkProfile& link) { m_config.link = link; }
  void setSlowdown(double factor) { m_slowdown = factor > 1 ? factor : 1.0; }
  double slowdown() const { return m_slowdown; }

  uint32_t deviceId() const { return m_device_id; }
  int cut() const { return m_cut; }
  const Weights& globalWeights() const { return m_global; }
  Weights edgeWeights() const;  // the current edge network's weights (empty for cut 0 / none)

 private:
  net::Hello hello() const;
  std::vector<net::Body> onWelcome(const net::Welcome& welcome);
  std::vector<net::Body> onPlan(const net::RoundPlan& plan);
  std::vector<net::Body> onGradients(const net::Gradients& gradients);
  std::vector<net::Body> onWeightsDown(const net::WeightsDown& down);
  net::Activations nextActivations();
  net::WeightsUp weightsUp();
  bool compressedUpload(const Weights& edge, net::WeightsUp& up);
  void finishRound(bool abandoned);
  void mergeGlobal(const std::vector<net::WireTensor>& tensors);
  double padded(std::chrono::steady_clock::time_point start) const;
  void received();        // a plan or gradient arrived: the next answer's hold starts now
  double heldMs() const;  // since received()

  AgentConfig m_config;
  AgentData m_data;
  BatchSampler m_sampler;
  double m_slowdown = 1;  // CpuSlowdown factor (kept plain so the session can move)
  Phase m_phase = Phase::AwaitingWelcome;
  std::optional<net::Refused> m_refused;
  uint32_t m_device_id = 0;
  std::optional<ModelSpec> m_spec;
  Weights m_global;  // the latest global weights: Welcome, then each WeightsDown
  // A WeightsDown outside an upload (straggler rejoin, cut change): the next plan loads it.
  bool m_reload_global = false;
  // Two-step compression of uploads (RoundPlan::update_keep > 0); its residual carries what was
  // not sent into the next upload. Reset whenever the edge restarts from the global model.
  std::optional<UpdateCompressor> m_compressor;
  std::unique_ptr<Network> m_network;
  int m_cut = -1;  // cut of m_network; -1 = none built
  net::RoundPlan m_plan;
  uint32_t m_step = 0;
  Batch m_batch;  // the step's batch, alive until its gradient is applied
  Shape m_activation_shape;
  std::optional<RoundSummary> m_round;  // the round in flight
  double m_loss_sum = 0;
  std::optional<RoundSummary> m_finished;
  Counters m_counters;
  // Timing the cloud splits the delay with (Activations/WeightsUp edge_ms and hold_ms).
  std::chrono::steady_clock::time_point m_received{};  // the plan/gradient the next answer answers
  double m_step_edge_ms = 0;                           // edge compute since then
  int64_t m_heartbeat_echo_us = 0;                     // the last cloud heartbeat's echo_us
  std::chrono::steady_clock::time_point m_heartbeat_at{};  // when it arrived
};

}  // namespace cleave::agent
