#include "agents/cloud/cloud_options.h"

#include "agents/cli/args.h"

namespace cleave::cloud {

const char* const kCloudUsage =
    "cleave-cloud [--listen EP] [--control EP] [--events EP] [--keys DIR] [--session FILE]\n"
    "             [--model SPEC] [--use-case camera|factory] [--rounds R] [--steps S] [--batch B]\n"
    "             [--split K|fastest|in-step] [--fedavg-every K] [--deadline-ms D]\n"
    "             [--codec fp32|fp16|int8] [--lr L] [--min-devices N] [--test-limit N]\n"
    "             [--demo N] [--json FILE]";

CloudOptions parseCloudOptions(const std::vector<std::string>& argv) {
  cli::Args args(argv, {});
  CloudOptions o;
  o.listen = args.value("listen", o.listen);
  o.control = args.value("control", o.control);
  o.events = args.value("events", o.events);
  o.keys = args.value("keys", o.keys);
  o.session = args.value("session", "");
  o.json = args.value("json", "");
  const std::string use_case = args.value("use-case", "camera");
  const auto parsed = useCaseFromName(use_case);
  if (!parsed) throw cli::UsageError("--use-case '" + use_case + "': expected camera or factory");
  o.use_case = *parsed;
  o.data.model_path = args.value("model", "");
  o.data.test_limit = args.intValue("test-limit", 2000, 1, 100'000'000);
  o.data.train_limit = 100;  // the cloud holds no training data; agents do
  o.demo = args.intValue("demo", 0, 0, 64);
  CoordinatorConfig& c = o.coordinator;
  c.rounds = args.intValue("rounds", c.rounds, 1, 1'000'000);
  c.steps = args.intValue("steps", c.steps, 1, 1'000'000);
  c.batch = args.intValue("batch", c.batch, 1, 65'536);
  c.fedavg_every = args.intValue("fedavg-every", c.fedavg_every, 1, 1'000'000);
  c.deadline_ms = args.doubleValue("deadline-ms", 0, 0, 1e9);
  c.learning_rate = args.doubleValue("lr", c.learning_rate, 1e-9, 10);
  c.min_devices = args.intValue("min-devices", o.demo > 0 ? o.demo : 1, 1, 100'000);
  const std::string codec = args.value("codec", "fp32");
  if (codec == "fp32")
    c.codec = net::TensorCodec::Fp32;
  else if (codec == "fp16")
    c.codec = net::TensorCodec::Fp16;
  else if (codec == "int8")
    c.codec = net::TensorCodec::Int8;
  else
    throw cli::UsageError("--codec '" + codec + "': expected fp32, fp16 or int8");
  o.split = args.value("split", o.split);
  if (auto mode = planModeFromName(o.split); mode && *mode != PlanMode::Manual) {
    c.mode = *mode;
  } else {
    c.mode = PlanMode::Manual;
    try {
      size_t used = 0;
      c.manual_cut = std::stoi(o.split, &used);
      if (used != o.split.size() || c.manual_cut < 0) throw std::invalid_argument(o.split);
    } catch (const std::exception&) {
      throw cli::UsageError("--split '" + o.split + "': expected a cut number, fastest or in-step");
    }
  }
  args.finish(0, 0);
  return o;
}

}  // namespace cleave::cloud
