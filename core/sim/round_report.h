// What one simulated round produced: per-device delay breakdown, traffic, losses and the global
// model's evaluation. Plain values: printed live, written to JSON, plotted.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/plan/step_model.h"
#include "core/train/network.h"

namespace cleave {

struct DeviceRoundReport {
  std::string device;
  int cut = 0;
  int steps = 0;
  int64_t samples = 0;
  double loss = 0;               // final-classifier training loss over the device's steps
  PhaseTimes delay;              // summed over the round's steps, milliseconds
  double round_ms = 0;           // delay.total(): when this device finished the round
  double jitter_ms = 0;          // RFC 3550 jitter of its uplink transfers
  int64_t bytes_up = 0;          // activations + labels (+ weight update on averaging rounds)
  int64_t bytes_down = 0;        // gradients (+ global weights on averaging rounds)
  bool straggler = false;        // missed the deadline: left out of the average
  bool update_sent = true;       // averaging round: step 1 of the two-step method let it through
  std::vector<ExitStats> exits;  // the edge's exit heads on its training batches
};

struct RoundReport {
  int round = 0;  // 1-based
  bool averaged = false;
  double loss = 0;  // mean final-classifier training loss
  Evaluation evaluation;
  std::vector<DeviceRoundReport> devices;
  int64_t bytes_up = 0;
  int64_t bytes_down = 0;
  int64_t update_bytes_before = 0;  // dense fp32 weight updates on averaging rounds
  int64_t update_bytes_after = 0;   // what the two-step method actually sent
  double round_ms = 0;              // latest device finish (simulated)
  double spread_ms = 0;             // latest minus earliest finish
  double deadline_ms = 0;
  double wall_ms = 0;  // real time this machine took for the round, evaluation included
};

}  // namespace cleave
