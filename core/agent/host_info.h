// What an agent tells the cloud about its machine: CPU model, cores, memory, load. Reads /proc;
// free functions, callable from any thread.
#pragma once

#include <cstdint>
#include <string>

namespace cleave::agent {

struct HostInfo {
  std::string cpu_model;  // /proc/cpuinfo "model name" (or "unknown")
  uint32_t cores = 0;
  uint64_t memory_bytes = 0;  // MemTotal
};

HostInfo readHostInfo();
// 1-minute load average (runnable threads), 0 when /proc/loadavg cannot be read.
double readLoadAverage();

}  // namespace cleave::agent
