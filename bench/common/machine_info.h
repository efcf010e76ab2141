// The machine a benchmark ran on, as JSON: figures mean nothing without it. Header-only.
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

namespace cleave::bench {

inline std::string cpuModel() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      return colon == std::string::npos ? line
                                        : line.substr(line.find_first_not_of(' ', colon + 1));
    }
  }
  return "unknown";
}

inline double loadAverage() {
  std::ifstream in("/proc/loadavg");
  double one = -1;
  in >> one;
  return one;
}

// {"cpu", "nproc", "load_average_1min"} plus a benchmark's own `extra` keys; the load says
// whether the box was quiet while it ran.
inline nlohmann::json machineInfo(const nlohmann::json& extra = nlohmann::json::object()) {
  nlohmann::json info{{"cpu", cpuModel()},
                      {"nproc", std::thread::hardware_concurrency()},
                      {"load_average_1min", loadAverage()}};
  info.update(extra);
  return info;
}

}  // namespace cleave::bench
