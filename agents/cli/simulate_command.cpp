// cleave simulate --use-case camera|factory ...: the headless demo with a live line per round.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

#include "agents/cli/args.h"
#include "agents/cli/commands.h"
#include "agents/cli/json_file.h"
#include "core/sim/sim_recorder.h"
#include "core/sim/sim_report.h"
#include "core/sim/simulator.h"

namespace cleave::cli {

namespace {

SimulationConfig configFrom(Args& args) {
  SimulationConfig c;
  const std::string use_case = args.value("use-case", "camera");
  const auto parsed = useCaseFromName(use_case);
  if (!parsed) throw UsageError("--use-case '" + use_case + "': expected camera or factory");
  c.use_case = *parsed;
  c.devices = args.intValue("devices", c.devices, 1, 10'000);
  c.rounds = args.intValue("rounds", c.rounds, 1, 1'000'000);
  c.steps = args.intValue("steps", c.steps, 1, 1'000'000);
  c.batch = args.intValue("batch", c.batch, 1, 65'536);
  c.split = args.value("split", c.split);
  c.alpha = args.doubleValue("alpha", c.alpha, 0, 1e6);
  c.seed = static_cast<uint64_t>(args.intValue("seed", 1, 0, 2'000'000'000));
  c.learning_rate = args.doubleValue("lr", c.learning_rate, 1e-9, 10);
  const std::string schedule = args.value("lr-schedule", "cosine");
  if (schedule != "cosine" && schedule != "constant") {
    throw UsageError("--lr-schedule '" + schedule + "': expected cosine or constant");
  }
  c.cosine_schedule = schedule == "cosine";
  c.fedavg_every = args.intValue("fedavg-every", c.fedavg_every, 1, 1'000'000);
  c.codec = parseCodec(args.value("codec", "fp32"));
  c.update_keep = args.doubleValue("update-keep", c.update_keep, 0, 1);
  c.threshold = args.doubleValue("threshold", c.threshold, 0, 1.01);
  c.deadline_ms = args.doubleValue("deadline-ms", 0, 0, 1e12);
  c.data.model_path = args.value("model", "");
  c.data.fleet_path = args.value("fleet", "");
  c.data.data_dir = args.value("data", "");
  c.data.train_limit = args.intValue("train-limit", -1, -1, 100'000'000);
  c.data.test_limit = args.intValue("test-limit", -1, -1, 100'000'000);
  c.data.seed = c.seed;
  return c;
}

nlohmann::json configToJson(const SimulationConfig& c) {
  return {{"use_case", useCaseName(c.use_case)},
          {"devices", c.devices},
          {"rounds", c.rounds},
          {"steps", c.steps},
          {"batch", c.batch},
          {"split", c.split},
          {"alpha", c.alpha},
          {"seed", c.seed},
          {"lr", c.learning_rate},
          {"lr_schedule", c.cosine_schedule ? "cosine" : "constant"},
          {"fedavg_every", c.fedavg_every},
          {"codec", codecName(c.codec)},
          {"update_keep", c.update_keep},
          {"threshold", c.threshold},
          {"deadline_ms", c.deadline_ms}};
}

}  // namespace

int runSimulate(const std::vector<std::string>& argv) {
  Args args(argv, {"verbose"});
  SimulationConfig config = configFrom(args);
  const auto json_path = args.value("json");
  const auto session_path = args.value("session");
  const bool verbose = args.flag("verbose");
  args.finish(0, 0);

  std::printf(
      "cleave simulate: %s use case, %d devices, %d rounds x %d steps, batch %d, split %s\n",
      useCaseName(config.use_case).c_str(), config.devices, config.rounds, config.steps,
      config.batch, config.split.c_str());
  std::fflush(stdout);
  const auto t0 = std::chrono::steady_clock::now();
  auto sinceStart = [&] {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                 t0)
        .count();
  };
  Simulator sim(config);
  std::optional<SimRecorder> recorder;
  if (session_path) {
    recorder.emplace(*session_path, sim.specJson(), useCaseName(config.use_case),
                     configToJson(config).dump());
  }
  std::printf(
      "model %s (%d layers, %zu exits); %lld training / %lld test samples; "
      "this machine trains at %.1f GFLOP/s\n",
      sim.spec().name.c_str(), sim.spec().layerCount(), sim.spec().exits.size(),
      static_cast<long long>(sim.trainSamples()), static_cast<long long>(sim.testSamples()),
      sim.hostFlopsPerSecond() / 1e9);
  std::fflush(stdout);

  nlohmann::json doc{{"config", configToJson(config)},
                     {"model", sim.spec().name},
                     {"host_gflops", sim.hostFlopsPerSecond() / 1e9},
                     {"rounds", nlohmann::json::array()}};
  int64_t up = 0, down = 0;
  double wall_ms = 0;
  RoundReport last;
  for (int r = 0; r < config.rounds; ++r) {
    last = sim.runRound();
    up += last.bytes_up;
    down += last.bytes_down;
    wall_ms += last.wall_ms;
    std::printf("%s\n", formatRoundLine(last, config.rounds).c_str());
    if (verbose) std::printf("%s", formatDeviceRows(last).c_str());
    std::fflush(stdout);
    doc["rounds"].push_back(roundToJson(last));
    if (json_path) writeJsonAtomically(*json_path, doc);
    if (recorder) recorder->recordRound(last, sim.lastPlan(), sim.globalWeights(), sinceStart());
  }
  if (recorder) recorder->finish("completed", sinceStart());
  const nlohmann::json final_round = roundToJson(last);
  doc["final"] = {{"accuracy", final_round["accuracy"]},
                  {"exit_rate", final_round["exit_rate"]},
                  {"exit_rates", final_round["exit_rates"]},
                  {"policy_accuracy", final_round["policy_accuracy"]},
                  {"test_loss", final_round["test_loss"]},
                  {"bytes_up", up},
                  {"bytes_down", down},
                  {"wall_s", wall_ms / 1000.0}};
  if (json_path) writeJsonAtomically(*json_path, doc);
  std::printf(
      "final: accuracy %.2f%% (final exit), early-exit rate %.1f%% at threshold %.2f, "
      "policy accuracy %.2f%%, %.1f s\n",
      100 * last.evaluation.final_accuracy, 100 * last.evaluation.early_exit_rate, config.threshold,
      100 * last.evaluation.policy_accuracy, wall_ms / 1000.0);
  return 0;
}

}  // namespace cleave::cli
