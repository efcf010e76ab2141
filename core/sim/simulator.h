// The whole round logic of split training in one process, with virtual edge devices and no
// network (`cleave simulate`): plan, split steps through the wire codec, layer-wise FedAvg with
// two-step update compression, evaluation. Compute times are measured on this machine and scaled
// by each device's FLOP/s from the fleet; link times come from the fleet's link model.
// Not thread-safe: one thread drives a Simulator.
#pragma once

#include <memory>

#include "core/model/cost_model.h"
#include "core/plan/planner.h"
#include "core/sim/round_report.h"
#include "core/sim/simulation_config.h"

namespace cleave {

class Simulator {
 public:
  // Loads the use case, partitions the data, builds the replicas and calibrates this machine's
  // speed. Throws with a message naming what is wrong (missing files, bad split, too few samples).
  explicit Simulator(SimulationConfig config);
  ~Simulator();

  RoundReport runRound();  // plan, train, maybe average, evaluate
  int roundsDone() const;

  const SimulationConfig& config() const;
  const ModelSpec& spec() const;
  const CostTable& costs() const;
  const Plan& lastPlan() const;          // the plan of the latest round
  double hostFlopsPerSecond() const;     // measured training throughput of this machine
  const Weights& globalWeights() const;  // the global model as of the latest average
  const std::string& specJson() const;   // the model spec file's text
  int64_t trainSamples() const;
  int64_t testSamples() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace cleave
