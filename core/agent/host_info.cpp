#include "core/agent/host_info.h"

#include <fstream>
#include <sstream>
#include <thread>

namespace cleave::agent {

HostInfo readHostInfo() {
  HostInfo info;
  info.cores = std::max(1u, std::thread::hardware_concurrency());
  std::ifstream cpu("/proc/cpuinfo");
  for (std::string line; std::getline(cpu, line);) {
    if (line.rfind("model name", 0) != 0) continue;
    const size_t colon = line.find(':');
    if (colon != std::string::npos)
      info.cpu_model = line.substr(line.find_first_not_of(' ', colon + 1));
    break;
  }
  if (info.cpu_model.empty()) info.cpu_model = "unknown";
  std::ifstream mem("/proc/meminfo");
  for (std::string key; mem >> key;) {
    uint64_t kib = 0;
    mem >> kib;
    if (key == "MemTotal:") {
      info.memory_bytes = kib * 1024;
      break;
    }
    mem.ignore(256, '\n');
  }
  return info;
}

double readLoadAverage() {
  std::ifstream file("/proc/loadavg");
  double load = 0;
  return file >> load ? load : 0.0;
}

}  // namespace cleave::agent
