// The cloud's side of split training, as a state machine with no sockets: registration,
// planning, serving split steps, deadlines and stragglers, layer-wise FedAvg and evaluation.
// cleave-cloud feeds it decoded messages and clock ticks and sends what it returns; tests drive it
// directly. Every round has a deadline, so nothing ever waits forever. Not thread-safe: one owner.
//
// Delay split per device and round, measured: each Activations / WeightsUp answers the plan or
// gradient the cloud handed over at T1 (cloud clock); the agent reports hold_ms (T2..T3 on its
// clock, its edge time) and stamps T3 in the envelope; it arrives at T4 (`now_us`). The agent's
// clock offset comes from these quadruples and the heartbeats' echoes (NTP, min-RTT filter), so
// up = T4 - (T3 - offset) and down = (T4 - T1) - hold - up: down is the round trip minus the
// rest, not read off an agent receive timestamp. The split is made when the round closes, with
// the best offset by then for all its answers. Cloud = compute from T4 to handing the answer
// over. `now_us` must be read when the message is handed in, not once per batch of messages.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/coordinator/coordinator_config.h"
#include "core/net/message.h"
#include "core/session/event.h"
#include "core/train/network.h"
#include "core/train/weights.h"

namespace cleave {

// A message for one agent, by name.
struct Outgoing {
  std::string device;
  net::Message message;
};

struct DeviceRoundResult {
  std::string device;
  int cut = 0;
  int steps_planned = 0;
  int steps_done = 0;
  int64_t samples = 0;
  double loss = 0;  // mean final-classifier loss over its steps
  // The round's delay split, measured (see RoundCoordinator's comment): edge + up + cloud + down +
  // wait + unsplit = round_ms up to clamping.
  double edge_ms = 0;          // agent side: receiving the plan/gradient to answering it
  double edge_compute_ms = 0;  // of which the agent's own forward+backward (with --slowdown)
  double up_ms = 0;            // one way edge -> cloud, on the cloud's clock (offset-corrected)
  double cloud_ms = 0;         // the cloud's compute for this device (steps, decoding the upload)
  double down_ms = 0;          // one way cloud -> edge
  double wait_ms = 0;          // from its last exchange to the round closing (or its leaving)
  double unsplit_ms = 0;       // up + down of an agent that sends no timestamps (cannot split)
  double round_ms = 0;         // from the plan being sent to the round closing (or its leaving)
  double jitter_ms = 0;        // RFC 3550 over its activations' uplink transit (running)
  double clock_offset_ms = 0;  // agent clock minus cloud clock, NTP-style, min-RTT filtered
  int64_t bytes_up = 0;
  int64_t update_bytes = 0;  // of bytes_up: the FedAvg weights upload (compressed or dense)
  int64_t bytes_down = 0;
  bool straggler = false;
};

// What a closed round produced: for the recorder, the console table and the studio.
struct ClosedRound {
  int round = 0;
  bool averaged = false;
  std::string reason;  // "completed", "deadline", "all agents dead"
  double round_ms = 0;
  Evaluation evaluation;
  Plan plan;
  std::vector<DeviceRoundResult> devices;
  Weights global;  // the global model after this round (checkpoint)
};

// An operator's change of the round settings (StartRounds); 0 / nullopt keeps the current value.
struct SettingsChange {
  int rounds = 0;
  int steps = 0;
  int batch = 0;
  double learning_rate = 0;
  double deadline_ms = 0;
  int fedavg_every = 0;
  std::optional<net::TensorCodec> codec;
};

class RoundCoordinator {
 public:
  // `global` resumes from a checkpoint (its round is `resume_round`); empty starts fresh.
  RoundCoordinator(CoordinatorConfig config, std::optional<Weights> global = std::nullopt,
                   int resume_round = 0);
  ~RoundCoordinator();

  std::vector<Outgoing> onMessage(const std::string& device, const net::Message& message,
                                  int64_t now_us);
  // Heartbeats, timeouts, deadlines, and starting the next round.
  std::vector<Outgoing> onTick(int64_t now_us);
  // The agent's connection is gone (bye or transport error).
  std::vector<Outgoing> onDisconnect(const std::string& device, const std::string& reason,
                                     int64_t now_us);

  std::vector<Event> takeEvents();
  std::vector<ClosedRound> takeClosedRounds();

  void setPaused(bool paused);

  // Operator changes (cleave-cloud's control commands). Each applies from the next round's plan,
  // emits an event (settings, paused, resumed) and throws std::invalid_argument with a message
  // naming the valid values when one is out of range.
  // `device` empty: the fleet-wide split (clears per-device choices); else that connected device's
  // own choice. `cut` is used by PlanMode::Manual only and must be in [0, layers - 1].
  void setSplit(const std::string& device, PlanMode mode, int cut, int64_t now_us);
  void applySettings(const SettingsChange& change, int64_t now_us);
  // Like setPaused, with a paused {"reason"} or resumed event.
  void setPaused(bool paused, const std::string& reason, int64_t now_us);
  // Closes the round in flight now (reason "stopped"; unfinished devices are stragglers), pauses.
  std::vector<Outgoing> stopRounds(int64_t now_us);
  // The link an operator set for a connected device: planned with from the next round. Throws
  // std::invalid_argument for an unknown device.
  void setDeviceLink(const std::string& device, const LinkProfile& link, int64_t now_us);
  bool paused() const;
  const CoordinatorConfig& config() const;
  // {"rounds", "steps", "batch", "lr", "fedavg_every", "deadline_ms", "codec"} and
  // {"mode", "cut"}: what session_start and settings events carry.
  std::string settingsJson() const;
  std::string splitJson() const;
  bool finished() const;
  int round() const;
  bool roundActive() const;
  std::vector<std::string> devices() const;  // connected agents
  // The global model agents are welcomed with (the inference server starts from it).
  Weights globalWeights() const;
  // Agents whose heartbeats say they are inferring: never planned into a round (an agent taken
  // out mid-round is that round's straggler); they come back when their heartbeats say so.
  std::vector<std::string> inferringDevices() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace cleave
