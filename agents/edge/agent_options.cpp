#include "agents/edge/agent_options.h"

#include <cmath>

#include "agents/cli/args.h"
#include "core/net/keys.h"
#include "core/plan/link_spec.h"

namespace cleave::edge {

const char* agentUsage() {
  return "usage: cleave-agent --cloud ENDPOINT --name NAME --keys DIR --cloud-key FILE\n"
         "       [--data fashion-mnist[:shard=I/N[,alpha=A]] (I = "
         "1..N)|factory[:seed=S]|csv:FILE]\n"
         "       [--link bw=20mbit,lat=30ms,jitter=5ms,loss=0.1%] [--slowdown X] [--seed S] "
         "[--quiet]\n"
         "       [--mode training|inference] [--threshold T (0..1]] [--rate HZ] [--cut K]\n"
         "       [--video FILE|DEVICE|URL]\n";
}

namespace {

std::string required(cli::Args& args, const std::string& name) {
  auto v = args.value(name);
  if (!v || v->empty()) throw cli::UsageError("missing --" + name);
  return *v;
}

}  // namespace

AgentOptions parseAgentOptions(const std::vector<std::string>& argv) {
  cli::Args args(argv, {"quiet"});
  AgentOptions o;
  o.cloud = required(args, "cloud");
  o.name = required(args, "name");
  if (!isValidKeyName(o.name)) {
    throw cli::UsageError("--name '" + o.name +
                          "': use 1-64 of A-Z a-z 0-9 . _ - (not starting with '.')");
  }
  o.keys_dir = required(args, "keys");
  o.cloud_key = required(args, "cloud-key");
  o.data_text = args.value("data", "factory");
  o.data = agent::parseDataSpec(o.data_text);
  if (auto link = args.value("link")) {
    try {
      o.link = parseLinkSpec(*link);
    } catch (const LinkSpecError& e) {
      throw cli::UsageError("--link '" + *link + "': " + e.what());
    }
  }
  o.slowdown = args.doubleValue("slowdown", 1.0, 1.0, 1000.0);
  const std::string seed = args.value("seed", "1");
  try {
    size_t used = 0;
    o.seed = std::stoull(seed, &used);
    if (used != seed.size() || seed.front() == '-') throw std::invalid_argument(seed);
  } catch (const std::exception&) {
    throw cli::UsageError("--seed '" + seed + "': must be a whole number >= 0");
  }
  o.quiet = args.flag("quiet");
  const std::string mode = args.value("mode", "training");
  if (mode != "training" && mode != "inference") {
    throw cli::UsageError("--mode '" + mode + "': use training or inference");
  }
  o.inference = mode == "inference";
  o.threshold = args.doubleValue("threshold", 0.5, 1e-9, 1.0);
  o.rate_hz = args.doubleValue("rate", 10.0, 0.01, 10000.0);
  o.inference_cut = args.intValue("cut", -1, -1, 10000);
  o.video = args.value("video", "");
  args.finish(0, 0);
  return o;
}

}  // namespace cleave::edge
