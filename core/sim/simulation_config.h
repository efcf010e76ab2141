// Settings of one in-process simulated training session (`cleave simulate`). A value type.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/compress/codec.h"
#include "core/sim/use_case.h"

namespace cleave {

struct SimulationConfig {
  UseCase use_case = UseCase::Camera;
  UseCaseOptions data;  // model / fleet / data overrides
  int devices = 4;      // virtual edge devices (taken from the fleet in order, cycling)
  int rounds = 10;
  int steps = 50;  // steps per round (in-step: the slowest device's)
  int batch = 64;
  std::string split = "fastest";  // a cut number, "fastest" or "in-step"
  double alpha = 0;               // Dirichlet label skew across devices; 0 = IID
  uint64_t seed = 1;
  double learning_rate = 0.05;
  // Cosine decay from learning_rate to 5% of it over the rounds: late rounds move replicas less,
  // so the last average loses less to their divergence. false = constant.
  bool cosine_schedule = true;
  int fedavg_every = 5;       // rounds between layer-wise averages (and always after the last)
  Codec codec = Codec::Fp32;  // activations and gradients on the wire
  // Two-step update compression's top-k fraction; 0 = send dense fp32. The default 1.0 sends
  // every value as int8 (~3.5x smaller) with error feedback. Smaller fractions suit frequent
  // averaging only: a 5-round delta cut to its top 10% leaves most weights at their old values.
  double update_keep = 1.0;
  double threshold = 0.5;  // early-exit normalised-entropy threshold for evaluation
  double deadline_ms = 0;  // round deadline; 0 = none (in-step: the planner's, +10% slack)
};

}  // namespace cleave
