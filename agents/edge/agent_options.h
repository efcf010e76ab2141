// cleave-agent's command line, parsed and checked into plain values. Single-threaded (main()).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/agent/data_spec.h"
#include "core/plan/device_profile.h"

namespace cleave::edge {

struct AgentOptions {
  std::string cloud;  // ZeroMQ endpoint of the cloud's agent socket
  std::string name;
  std::filesystem::path keys_dir;   // holds NAME.key / NAME.key_secret
  std::filesystem::path cloud_key;  // the cloud's public key file
  std::string data_text = "factory";
  agent::DataSpec data;
  LinkProfile link;  // all zeros: no emulation
  double slowdown = 1.0;
  uint64_t seed = 1;
  bool quiet = false;
  // Early-exit inference (core/agent/inference_loop.h); the cloud may switch modes at run time.
  bool inference = false;  // --mode inference
  double threshold = 0.5;  // --threshold: normalised-entropy exit threshold in (0, 1]
  double rate_hz = 10;     // --rate: frames (or windows) per second
  int inference_cut = -1;  // --cut: -1 = last training cut, else after the deepest exit
  std::string video;       // --video: OpenCV source (file, device, URL) instead of the shard
};

const char* agentUsage();

// Throws cli::UsageError (or DataSpecError / LinkSpecError, both naming the option and value).
AgentOptions parseAgentOptions(const std::vector<std::string>& argv);

}  // namespace cleave::edge
