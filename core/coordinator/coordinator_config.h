// Settings of the cloud's round coordinator (cleave-cloud's options). A value type.
#pragma once

#include <cstdint>
#include <string>

#include "core/data/dataset.h"
#include "core/data/standardisation.h"
#include "core/model/model_spec.h"
#include "core/net/message.h"
#include "core/plan/device_profile.h"
#include "core/plan/planner.h"

namespace cleave {

struct CoordinatorConfig {
  ModelSpec spec;
  std::string spec_json;            // sent to agents in Welcome
  Standardisation standardisation;  // the preprocessing agents apply to their data
  Dataset test;                     // held-out data the cloud evaluates the global model on
  CloudProfile cloud{1e11, 1.0};    // the cloud's speed for planning
  PlanMode mode = PlanMode::Fastest;
  int manual_cut = -1;  // PlanMode::Manual
  int rounds = 10;
  int steps = 20;
  int batch = 32;
  double learning_rate = 0.05;
  int fedavg_every = 5;
  net::TensorCodec codec = net::TensorCodec::Fp32;
  // FedAvg uploads (RoundPlan::update_keep): 0 dense fp32; (0, 1] compressed deltas, top-k
  // fraction.
  double update_keep = 0;
  double deadline_ms = 0;  // 0: a safety deadline of 4x the plan, at least min_round_ms
  double min_round_ms = 10'000;
  double threshold = 0.5;                    // early-exit threshold for evaluation
  int min_devices = 1;                       // a round starts once this many agents are ready
  int64_t heartbeat_timeout_us = 5'000'000;  // silent this long: the agent is dead
  uint64_t seed = 1;
};

}  // namespace cleave
