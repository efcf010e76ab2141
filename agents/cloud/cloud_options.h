// cleave-cloud's command line, parsed into plain settings. Throws cli::UsageError on bad input.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/coordinator/coordinator_config.h"
#include "core/sim/use_case.h"

namespace cleave::cloud {

struct CloudOptions {
  std::string listen = "tcp://127.0.0.1:5555";   // agents (ROUTER)
  std::string control = "tcp://127.0.0.1:5556";  // studio commands (ROUTER)
  std::string events = "tcp://127.0.0.1:5557";   // studio events (PUB)
  std::string keys = "cleave-keys";              // key store directory
  std::string session;                           // session file; empty = not recorded
  std::string json;                              // per-round figures; empty = none
  UseCase use_case = UseCase::Camera;
  UseCaseOptions data;
  int demo = 0;  // local agents to start as child processes
  // --stay: after the last round (or StopRounds) keep serving control and events until a signal.
  bool stay = false;
  std::string split = "fastest";
  // --mode inference: no training rounds; agents (the demo's too) run early-exit inference and
  // the cloud answers them, for --duration seconds (0: until a signal).
  bool inference = false;
  double duration_s = 0;
  double threshold = 0.5;         // --threshold for the demo's inference agents
  double rate_hz = 10;            // --rate for the demo's inference agents
  CoordinatorConfig coordinator;  // rounds, steps, batch, codec, deadline ...
};

CloudOptions parseCloudOptions(const std::vector<std::string>& argv);
extern const char* const kCloudUsage;

}  // namespace cleave::cloud
