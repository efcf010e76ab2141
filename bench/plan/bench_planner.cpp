// Planner speed: plan 1,000 and 10,000 synthetic devices over a 100-layer model in each mode,
// median and p90 of 50 repetitions. Prints one JSON document on stdout.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "bench/common/machine_info.h"
#include "core/plan/planner.h"

using namespace cleave;

namespace {

constexpr int kRepetitions = 50;

// A deep CNN's shape: activations shrink and parameters grow with depth; a third of the layers
// (norms, activations) carry no FLOPs.
CostTable syntheticTable(int layers) {
  CostTable table;
  table.model = "synthetic" + std::to_string(layers);
  table.input_bytes = 3 * 224 * 224 * 4;
  for (int i = 0; i < layers; ++i) {
    const double depth = static_cast<double>(i) / layers;
    LayerCost layer;
    layer.index = i;
    layer.name = "layer" + std::to_string(i);
    layer.flops = i % 3 == 2 ? 0 : static_cast<int64_t>(2e8 * (1.0 - 0.5 * depth));
    layer.activation_bytes = static_cast<int64_t>(4 * 64 * 112 * 112 * std::pow(0.05, depth));
    layer.params = static_cast<int64_t>(1e3 * std::pow(1e3, depth));
    table.layers.push_back(layer);
  }
  return table;
}

// Devices from Pi-class to Jetson-class on 4G, Wi-Fi or fibre; every fourth one profiled.
Fleet syntheticFleet(int devices, int layers) {
  std::mt19937 rng(42);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const LinkProfile links[] = {
      {10, 50, 40, 15, 0.005}, {50, 50, 8, 3, 0.002}, {500, 500, 2, 0.3, 0}};
  Fleet fleet;
  fleet.cloud = {1e12, 1.2};
  for (int d = 0; d < devices; ++d) {
    DeviceProfile device;
    device.name = "device-" + std::to_string(d);
    device.role = "synthetic";
    device.flops_per_s = 1e9 * std::pow(100.0, unit(rng));
    device.memory_bytes = static_cast<int64_t>(256e6 * std::pow(32.0, unit(rng)));
    device.link = links[d % 3];
    if (d % 4 == 0) {
      device.profile_batch = 32;
      for (int i = 0; i < layers; ++i)
        device.layer_ms.push_back(0.1 + 5 * unit(rng));
    }
    fleet.devices.push_back(std::move(device));
  }
  return fleet;
}

// CPU time of this thread: unlike wall time, it does not count waiting for a busy shared core.
double threadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const auto index = static_cast<size_t>(std::ceil(p * static_cast<double>(values.size()))) - 1;
  return values[std::min(index, values.size() - 1)];
}

}  // namespace

int main() {
  const int layers = 100;
  const CostTable table = syntheticTable(layers);
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  double sink = 0;  // keeps the plans observable so nothing is optimised away
  for (int devices : {1000, 10000}) {
    const Fleet fleet = syntheticFleet(devices, layers);
    for (PlanMode mode : {PlanMode::Manual, PlanMode::Fastest, PlanMode::InStep}) {
      for (bool curves : {false, true}) {
        PlanRequest request;
        request.mode = mode;
        request.global_cut = layers / 4;
        request.batch = 32;
        request.steps = 10;
        request.keep_curves = curves;
        if (mode == PlanMode::Manual) {  // the operator dragged every tenth device's cut
          for (int d = 0; d < devices; d += 10)
            request.device_cuts["device-" + std::to_string(d)] = d % layers;
        }
        sink += planSplit(table, fleet, request).round_ms;  // warm-up
        std::vector<double> ms;
        std::vector<double> cpu_ms;
        for (int r = 0; r < kRepetitions; ++r) {
          const double cpu_start = threadCpuMs();
          const auto start = std::chrono::steady_clock::now();
          const Plan plan = planSplit(table, fleet, request);
          const auto stop = std::chrono::steady_clock::now();
          cpu_ms.push_back(threadCpuMs() - cpu_start);
          sink += plan.round_ms;
          ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
        }
        results.push_back({{"mode", planModeName(mode)},
                           {"devices", devices},
                           {"layers", layers},
                           {"curves", curves},
                           {"repetitions", kRepetitions},
                           {"median_ms", percentile(ms, 0.5)},
                           {"p90_ms", percentile(ms, 0.9)},
                           {"cpu_median_ms", percentile(cpu_ms, 0.5)}});
      }
    }
  }
  const nlohmann::ordered_json report = {
      {"benchmark", "planner"}, {"machine", cleave::bench::machineInfo()}, {"results", results}};
  std::cerr << "checksum " << sink << "\n";
  std::cout << report.dump(2) << "\n";
  return 0;
}
