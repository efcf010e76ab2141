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
       "[--json FILE] [--session FILE.cleave] [--verbose]",
       "Run split training with virtual edge devices in one process and print a live line per "
       "round. Compute is measured on this machine and scaled by each device's FLOP/s; links are "
       "modelled from the fleet file.",
       runSimulate},
      {"keygen", "--out DIR --name NAME [--force]",
       "Write a CURVE key pair: NAME.key (public) and NAME.key_secret (mode 0600).", runKeygen},
      {"devices",
       "--keys DIR [list | approve KEY|NAME | reject KEY|NAME | revoke KEY|NAME | add NAME --key "
       "FILE] [--role device|operator] [--name NEW]",
       "Show and decide the cloud's pending and approved device and operator keys.", runDevices},
      {"replay", "FILE --print [--speed X|max] [--from SECONDS]",
       "Re-emit a recorded session's events in time order at the given speed.", runReplay},
      {"export", "FILE --csv DIR",
       "Write a recorded session's metrics, events and per-round summary as CSV files.", runExport},
  };
  return table;
}

}  // namespace cleave::cli
