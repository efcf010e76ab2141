// 20 real cleave-agent processes against one cleave-cloud on this machine: `cleave-cloud --demo
// 20` (CURVE on loopback, the demo's varied emulated links and CPU slowdowns), factory use case.
// Measured: round times and per-device round times from the cloud's --json report, the whole
// run's wall time, each device's delay split as the report gives it (min/median/max over devices),
// and, sampled from /proc every 200 ms, the cloud's own CPU time and memory and
// the agents' summed CPU time and memory. With 21 processes on 2 cores the agents' CPU demand is
// reported next to what the cores could give (contention). Usage:
// bench_real_fleet [--agents N] [--rounds R] [--steps S]. Prints JSON.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "bench/common/machine_info.h"
#include "bench/runtime/process_util.h"

using namespace cleave;
using Clock = std::chrono::steady_clock;
using Json = nlohmann::json;

int main(int argc, char** argv) {
  int agents = 20, rounds = 3, steps = 10;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--agents") agents = std::stoi(argv[i + 1]);
    if (a == "--rounds") rounds = std::stoi(argv[i + 1]);
    if (a == "--steps") steps = std::stoi(argv[i + 1]);
  }
  try {
    const auto dir = bench::makeTempDir("real-fleet");
    const std::string json = (dir / "r.json").string();
    const double load_before = bench::loadAverage();
    const auto t0 = Clock::now();
    bench::Child cloud({(bench::binDir() / "cleave-cloud").string(), "--demo",
                        std::to_string(agents), "--use-case", "factory", "--rounds",
                        std::to_string(rounds), "--steps", std::to_string(steps), "--batch", "32",
                        "--keys", (dir / "keys").string(), "--session", (dir / "s.cleave").string(),
                        "--json", json, "--test-limit", "500"});
    double cloud_cpu = 0, cloud_rss = 0, cloud_hwm = 0, agents_rss_peak = 0;
    std::map<pid_t, double> agent_cpu;  // last sample per agent
    std::map<pid_t, double> agent_hwm;
    double first_round_s = -1;
    while (!cloud.exited()) {
      cloud.pump(200);
      if (first_round_s < 0 && cloud.output().find("round   1/") != std::string::npos)
        first_round_s = std::chrono::duration<double>(Clock::now() - t0).count();
      const double c = bench::cpuSeconds(cloud.pid());
      if (c < 0) continue;
      cloud_cpu = c;
      cloud_rss = std::max(cloud_rss, bench::memoryMiB(cloud.pid(), "VmRSS"));
      cloud_hwm = std::max(cloud_hwm, bench::memoryMiB(cloud.pid(), "VmHWM"));
      double rss_sum = 0;
      for (const pid_t p : bench::childrenOf(cloud.pid())) {
        const double a = bench::cpuSeconds(p);
        if (a >= 0) agent_cpu[p] = a;
        const double rss = bench::memoryMiB(p, "VmRSS");
        if (rss > 0) rss_sum += rss;
        agent_hwm[p] = std::max(agent_hwm[p], bench::memoryMiB(p, "VmHWM"));
      }
      agents_rss_peak = std::max(agents_rss_peak, rss_sum);
      if (std::chrono::duration<double>(Clock::now() - t0).count() > 175) {
        throw std::runtime_error("the run did not finish within 175 s:\n" + cloud.output());
      }
    }
    cloud.pump();
    const double wall = std::chrono::duration<double>(Clock::now() - t0).count();
    if (!WIFEXITED(cloud.status()) || WEXITSTATUS(cloud.status()) != 0)
      throw std::runtime_error("cleave-cloud failed:\n" + cloud.output());

    std::ifstream in(json);
    const Json report = Json::parse(in);
    Json per_round = Json::array();
    for (const auto& r : report["rounds"]) {
      std::vector<double> device_ms;
      std::map<std::string, std::vector<double>> split;  // every "*_ms" figure per device
      int stragglers = 0;
      for (const auto& d : r["devices"]) {
        device_ms.push_back(d["round_ms"].get<double>());
        stragglers += d["straggler"].get<bool>() ? 1 : 0;
        for (const auto& [key, value] : d.items()) {
          if (key.size() > 3 && key.ends_with("_ms") && value.is_number())
            split[key].push_back(value.get<double>());
        }
      }
      Json split_json = Json::object();
      for (const auto& [key, values] : split) {
        split_json[key] = {{"min", bench::percentile(values, 0)},
                           {"p50", bench::percentile(values, 50)},
                           {"max", bench::percentile(values, 100)}};
      }
      per_round.push_back({{"round", r["round"]},
                           {"reason", r["reason"]},
                           {"round_ms", r["round_ms"]},
                           {"devices", device_ms.size()},
                           {"stragglers", stragglers},
                           {"device_round_ms_min", bench::percentile(device_ms, 0)},
                           {"device_round_ms_p50", bench::percentile(device_ms, 50)},
                           {"device_round_ms_max", bench::percentile(device_ms, 100)},
                           {"device_split_ms", split_json},
                           {"accuracy", r["accuracy"]}});
    }
    double agents_cpu = 0, agents_hwm_sum = 0;
    for (const auto& [pid, cpu] : agent_cpu)
      agents_cpu += cpu;
    for (const auto& [pid, hwm] : agent_hwm)
      agents_hwm_sum += hwm;
    const unsigned cores = std::thread::hardware_concurrency();
    const Json out{
        {"benchmark", "real_fleet"},
        {"machine", bench::machineInfo({{"load_average_1min_before", load_before}})},
        {"agents", agents},
        {"use_case", "factory"},
        {"rounds", rounds},
        {"steps", steps},
        {"batch", 32},
        {"wall_s", wall},
        {"time_to_first_round_end_s", first_round_s},
        {"per_round", per_round},
        {"cloud",
         {{"cpu_s", cloud_cpu}, {"rss_mib_max_sampled", cloud_rss}, {"peak_mib", cloud_hwm}}},
        {"agents_total",
         {{"processes_seen", agent_cpu.size()},
          {"cpu_s", agents_cpu},
          {"rss_mib_sum_max_sampled", agents_rss_peak},
          {"peak_mib_sum", agents_hwm_sum}}},
        {"cpu_demand_vs_capacity",
         {{"cpu_s_used_total", cloud_cpu + agents_cpu},
          {"cpu_s_available", wall * cores},
          {"utilisation", (cloud_cpu + agents_cpu) / (wall * cores)}}}};
    std::printf("%s\n", out.dump(2).c_str());
    std::filesystem::remove_all(dir);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_real_fleet: %s\n", e.what());
    return 1;
  }
}
