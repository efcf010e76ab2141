#include "agents/cli/commands.h"

namespace cleave::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> table{
      {"costs", "MODEL.json [--json]",
       "Per-layer cost of a model spec: output shape, activation bytes, parameters, MACs, FLOPs "
       "(FLOPs = 2 x MACs, per sample, forward).",
       runCosts},
      {"plan",
       "MODEL.json --devices FLEET.json [--mode manual|fastest|in-step] [--cut K] [--batch B] "
       "[--steps S] [--deadline-ms D] [--codec fp32|fp16|int8] [--json]",
       "Choose each device's split point and steps per round, with the predicted step time split "
       "into edge / uplink / cloud / downlink.",
       runPlan},
      {"simulate",
       "--use-case camera|factory [--devices N] [--rounds R] [--steps S] [--batch B] "
       "[--split K|fastest|in-step] [--alpha A] [--seed X] [--lr L] [--lr-schedule "
       "cosine|constant] [--fedavg-every K] "
       "[--codec fp32|fp16|int8] [--update-keep F] [--threshold T] [--deadline-ms D] "
       "[--model FILE] [--fleet FILE] [--data DIR] [--train-limit N] [--test-limit N] "
       "[--json FILE] [--verbose]",
       "Run split training with virtual edge devices in one process and print a live line per "
       "round. Compute is measured on this machine and scaled by each device's FLOP/s; links are "
       "modelled from the fleet file.",
       runSimulate},
  };
  return table;
}

}  // namespace cleave::cli
