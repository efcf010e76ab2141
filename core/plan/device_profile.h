// What the planner knows about the hardware: each edge device's compute, memory and link, and the
// cloud's compute and load; plus loading a whole fleet from JSON. Plain values, safe to copy across
// threads; loadFleet/parseFleet are pure functions callable from any thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace cleave {

// One device's network path to the cloud. Rates in Mbit/s (10^6 bits), times in milliseconds,
// loss as a fraction in [0, 1). Jitter and loss drive the link emulator; the planner's step-time
// prediction uses the mean path (latency + size / rate), as the design's T_c formula does.
struct LinkProfile {
  double up_mbps = 0;
  double down_mbps = 0;
  double latency_ms = 0;  // one way
  double jitter_ms = 0;
  double loss = 0;
};

struct DeviceProfile {
  std::string name;
  std::string role;              // free text shown to operators: "camera", "gateway", ...
  double flops_per_s = 0;        // effective training throughput, not the datasheet peak
  std::vector<double> layer_ms;  // measured forward+backward ms per trunk layer; empty = unprofiled
  int profile_batch = 1;         // batch size layer_ms was measured with
  int64_t memory_bytes = 0;      // memory the agent may use for training; <= 0 means unlimited
  LinkProfile link;
};

struct CloudProfile {
  double flops_per_s = 0;  // effective training throughput of the cloud trainer
  double load = 1.0;       // slowdown factor from sharing the cloud (1 = idle, 2 = half speed)
};

struct Fleet {
  CloudProfile cloud;
  std::vector<DeviceProfile> devices;
};

// A fleet file that cannot be used. what() names the file, the device (index and name) and the
// field, e.g. "traffic.json: devices[2] 'cam-east-pi-1': link.up_mbps: must be > 0, got -3".
class FleetError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Fleet JSON:
//   {"note": "...", "cloud": {"flops_per_s" | "gflops", "load"},
//    "devices": [{"name", "role", "flops_per_s" | "gflops", "memory_mb",
//                 "link": {"up_mbps", "down_mbps", "latency_ms", "jitter_ms", "loss"} | "bw=...",
//                 "layer_ms": [...], "profile_batch", "note"}]}
// memory_mb is mebibytes (2^20 bytes, as RAM is quoted); loss is a fraction. A link may also be
// written as a link spec string (link_spec.h). Unknown keys are errors (they are usually typos).
// `origin` is the name used in error messages. Throws FleetError.
Fleet parseFleet(const std::string& json_text, const std::string& origin);
Fleet loadFleet(const std::filesystem::path& path);

}  // namespace cleave
