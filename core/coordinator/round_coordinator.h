// The cloud's side of split training, as a state machine with no sockets: registration,
// planning, serving split steps, deadlines and stragglers, layer-wise FedAvg and evaluation.
// cleave-cloud feeds it decoded messages and clock ticks and sends what it returns; tests drive it
// directly. Every round has a deadline, so nothing ever waits forever. Not thread-safe: one owner.
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
  double loss = 0;      // mean final-classifier loss over its steps
  double cloud_ms = 0;  // measured cloud compute for this device
  double round_ms = 0;  // from the plan being sent to its last message of the round
  int64_t bytes_up = 0;
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
  bool finished() const;
  int round() const;
  bool roundActive() const;
  std::vector<std::string> devices() const;  // connected agents

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace cleave
