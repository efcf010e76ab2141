// Private to core/coordinator's .cpp files: the round coordinator's state (one Member per agent,
// the Impl behind RoundCoordinator), shared by the round state machine (round_coordinator.cpp)
// and the operator's controls (round_coordinator_control.cpp). Not thread-safe, like its owner.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/coordinator/round_coordinator.h"
#include "core/metrics/clock_offset.h"
#include "core/metrics/jitter.h"
#include "core/model/cost_model.h"
#include "core/train/federation.h"

namespace cleave {

using Json = nlohmann::json;

struct Member {
  net::Hello hello;
  DeviceProfile profile;
  int64_t last_seen_us = 0;
  bool ready = false;      // profiled: can be planned
  bool inference = false;  // its heartbeats say Inference: left out of rounds
  int cut = -1;            // the cut its edge weights were last sent for
  // This round:
  bool in_round = false;
  bool needs_upload = false;
  bool uploaded = false;
  DeviceRoundResult result;
  double loss_sum = 0;
  int64_t plan_sent_us = 0;
  // Timing (RoundCoordinator's comment): what the agent answers next was handed over at
  // last_sent_us; the cloud last did something for it at last_activity_us.
  int64_t last_sent_us = 0;
  int64_t last_activity_us = 0;
  ClockOffsetEstimator clock;  // kept across rounds: the min-RTT filter needs history
  JitterEstimator jitter;
  // This round's timed answers, split at its close with the best offset by then: the sum of
  // (T4 - T3 + offset_ref) over `timed` answers, and their up+down time.
  std::optional<int64_t> offset_ref_us;  // a fixed reference near the offset: keeps sums small
  double up_raw_ms = 0;
  double transfer_ms = 0;
  int timed = 0;

  bool complete() const {
    return result.steps_done >= result.steps_planned && (!needs_upload || uploaded);
  }
};

struct RoundCoordinator::Impl {
  Impl(CoordinatorConfig c, std::optional<Weights> global, int resume_round);

  std::vector<Outgoing> handle(const std::string& name, const net::Hello& m, int64_t now);
  std::vector<Outgoing> handle(const std::string& name, const net::Activations& m, int64_t now,
                               int64_t sent_us);
  std::vector<Outgoing> handle(const std::string& name, const net::WeightsUp& m, int64_t now,
                               int64_t sent_us);
  void timeExchange(Member& m, int64_t sent_us, double edge_ms, double hold_ms, int64_t now,
                    bool feed_jitter);
  void finishTiming(Member& m, int64_t now);
  std::vector<Outgoing> startRound(int64_t now);
  std::vector<Outgoing> closeRound(int64_t now, const std::string& reason);
  Outgoing weightsDown(const std::string& name, Member& m);
  void event(int64_t now, const char* kind, const std::string& device, Json data);
  void bad(int64_t now, const std::string& device, const std::string& what);

  CoordinatorConfig config;
  CostTable costs;
  TrainOptions options;
  Network cloud;
  Network evaluator;
  Federation federation;
  std::map<std::string, Member> members;
  std::vector<DeviceRoundResult> departed;  // left mid-round: reported as stragglers
  bool started_once = false;                // min_devices gates only the first round
  std::string last_plan_error;              // logged once, not on every tick
  std::vector<Event> events;
  std::vector<ClosedRound> closed;
  int round = 0;
  bool active = false;
  bool paused = false;
  int64_t round_started_us = 0;
  int64_t deadline_us = 0;
  int64_t last_heartbeat_us = 0;
  Plan plan;
  uint32_t next_id = 1;
  std::map<std::string, SplitChoice> split_overrides;  // the operator's per-device choices
};

}  // namespace cleave
