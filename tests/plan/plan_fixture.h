// A hand-built 5-layer cost table and three devices whose step times can be worked out on paper
// (the numbers are in tst_planner.cpp). Shared by the planner tests; plain values.
#pragma once

#include <string>

#include "core/model/cost_model.h"
#include "core/plan/device_profile.h"

namespace cleave::test {

inline constexpr int kBatch = 10;

// conv1 -> pool1 -> conv2 -> pool2 -> fc. Bytes crossing cut k (per sample): 12000, 32000, 8000,
// 16000, 4000. Forward FLOPs per sample: 1e6, 0, 8e6, 0, 1e5.
inline CostTable handTable() {
  CostTable table;
  table.model = "hand5";
  table.input_bytes = 12000;
  auto layer = [&](const std::string& name, int64_t flops, int64_t activation, int64_t params) {
    LayerCost cost;
    cost.index = static_cast<int>(table.layers.size());
    cost.name = name;
    cost.flops = flops;
    cost.macs = flops / 2;
    cost.activation_bytes = activation;
    cost.params = params;
    table.layers.push_back(cost);
  };
  layer("conv1", 1'000'000, 32000, 200);
  layer("pool1", 0, 8000, 0);
  layer("conv2", 8'000'000, 16000, 4000);
  layer("pool2", 0, 4000, 0);
  layer("fc", 100'000, 40, 10000);
  return table;
}

// Rates in Mbit/s: 8 Mbit/s moves 1000 bytes per ms, 80 Mbit/s 10000.
inline DeviceProfile handDevice(const std::string& name, double flops_per_s, double up_mbps,
                                double down_mbps, double latency_ms, int64_t memory_bytes = 0) {
  DeviceProfile device;
  device.name = name;
  device.role = "test";
  device.flops_per_s = flops_per_s;
  device.memory_bytes = memory_bytes;
  device.link = {up_mbps, down_mbps, latency_ms, 0, 0};
  return device;
}

inline DeviceProfile jetson() {
  return handDevice("jetson", 3e10, 8, 80, 5);
}
inline DeviceProfile pi() {
  return handDevice("pi", 3e9, 8, 80, 20);
}
inline DeviceProfile cam() {
  return handDevice("cam", 3e8, 80, 80, 1);
}

inline Fleet handFleet() {
  Fleet fleet;
  fleet.cloud = {3e10, 1.0};
  fleet.devices = {jetson(), pi(), cam()};
  return fleet;
}

}  // namespace cleave::test
