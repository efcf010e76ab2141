#include "agents/cloud/cloud_options.h"

#include "agents/cli/args.h"
#include "core/compress/codec.h"
#include "core/net/wire_tensor.h"

namespace cleave::cloud {

const char* const kCloudUsage =
    "cleave-cloud [--listen EP] [--control EP] [--events EP] [--keys DIR] [--session FILE]\n"
    "             [--model SPEC] [--use-case camera|factory] [--rounds R] [--steps S] [--batch B]\n"
    "             [--split K|fastest|in-step] [--fedavg-every K] [--deadline-ms D]\n"
    "             [--codec fp32|fp16|int8] [--lr L] [--min-devices N] [--test-limit N]\n"
    "             [--update-codec fp32|int8|topk] [--update-keep F]\n"
    "             [--demo N] [--json FILE] [--stay]\n"
    "             [--mode training|inference] [--duration S] [--threshold T] [--rate HZ]";

CloudOptions parseCloudOptions(const std::vector<std::string>& argv) {
  cli::Args args(argv, {"stay"});
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
  o.stay = args.flag("stay");
  CoordinatorConfig& c = o.coordinator;
  c.rounds = args.intValue("rounds", c.rounds, 1, 1'000'000);
  c.steps = args.intValue("steps", c.steps, 1, 1'000'000);
  c.batch = args.intValue("batch", c.batch, 1, 65'536);
  c.fedavg_every = args.intValue("fedavg-every", c.fedavg_every, 1, 1'000'000);
  c.deadline_ms = args.doubleValue("deadline-ms", 0, 0, 1e9);
  c.learning_rate = args.doubleValue("lr", c.learning_rate, 1e-9, 10);
  c.min_devices = args.intValue("min-devices", o.demo > 0 ? o.demo : 1, 1, 100'000);
  // FedAvg uploads: dense fp32, int8 deltas of every value (~3.5x smaller), or top-k int8 deltas.
  const std::string update_codec = args.value("update-codec", "fp32");
  const double update_keep = args.doubleValue("update-keep", 0.1, 1e-6, 1.0);
  if (update_codec == "fp32") {
    c.update_keep = 0;
  } else if (update_codec == "int8") {
    c.update_keep = 1.0;
  } else if (update_codec == "topk") {
    c.update_keep = update_keep;
  } else {
    throw cli::UsageError("--update-codec '" + update_codec + "': expected fp32, int8 or topk");
  }
  try {
    c.codec = net::tensorCodec(parseCodec(args.value("codec", "fp32")));
    o.split = args.value("split", o.split);
    const SplitChoice split = parseSplitChoice(o.split);
    c.mode = split.mode;
    c.manual_cut = split.cut;
  } catch (const std::exception& e) {  // shown with the usage, like every other bad option
    throw cli::UsageError(e.what());
  }
  const std::string mode = args.value("mode", "training");
  if (mode != "training" && mode != "inference") {
    throw cli::UsageError("--mode '" + mode + "': expected training or inference");
  }
  o.inference = mode == "inference";
  o.duration_s = args.doubleValue("duration", 0, 0, 1e9);
  o.threshold = args.doubleValue("threshold", o.threshold, 1e-9, 1.0);
  o.rate_hz = args.doubleValue("rate", o.rate_hz, 0.01, 10000.0);
  args.finish(0, 0);
  return o;
}

}  // namespace cleave::cloud
