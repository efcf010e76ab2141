// cleave-agent: the headless edge worker (no Qt). Parses options, loads keys and data, then runs
// the ZeroMQ loop until SIGINT/SIGTERM.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "agents/cli/args.h"
#include "agents/edge/agent_loop.h"
#include "agents/edge/agent_options.h"
#include "core/agent/agent_session.h"
#include "core/agent/host_info.h"
#include "core/agent/inference_loop.h"
#include "core/data/frame_source.h"
#include "core/net/keys.h"
#include "core/train/allocator_tuning.h"

namespace {

std::atomic<bool> g_stop{false};

extern "C" void onSignal(int) {
  g_stop.store(true);
}

}  // namespace

int main(int argc, char** argv) {
  cleave::tuneAllocatorForTraining();
  using namespace cleave;
  edge::AgentOptions options;
  try {
    options = edge::parseAgentOptions(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cleave-agent: %s\n%s", e.what(), edge::agentUsage());
    return 2;
  }
  try {
    edge::LoopSettings settings;
    settings.endpoint = options.cloud;
    settings.routing_id = options.name;
    settings.keys = readKeyPair(options.keys_dir, options.name);
    settings.cloud_public_z85 = readPublicKey(options.cloud_key);
    settings.quiet = options.quiet;

    agent::AgentConfig config;
    config.name = options.name;
    config.link = options.link;
    config.slowdown = options.slowdown;
    config.seed = options.seed;
    config.host = agent::readHostInfo();
    agent::AgentData data = agent::loadAgentData(options.data);
    // Inference frames: an OpenCV source, or a bounded part of the shard replayed with labels.
    std::unique_ptr<AbstractFrameSource> frames;
    FrameSource* video = nullptr;
    if (!options.video.empty()) {
      auto source = std::make_unique<FrameSource>(options.video, Standardisation{});
      video = source.get();
      frames = std::move(source);
    } else {
      frames = agent::shardFrameSource(data, 2000, options.rate_hz);
    }
    agent::InferenceLoop inference(agent::InferenceConfig{.threshold = options.threshold,
                                                          .rate_hz = options.rate_hz,
                                                          .cut = options.inference_cut,
                                                          .slowdown = options.slowdown},
                                   std::move(frames));
    if (video) {
      inference.setStandardisationHook(
          [video](const Standardisation& s) { video->setStandardisation(s); });
    }
    if (options.inference) inference.setActive(true, -1, std::chrono::steady_clock::now());
    if (!options.quiet) {
      // The fingerprint is what an operator matches against the cloud's pending list.
      std::printf("cleave-agent %s (key %s): %s, %lld of %lld samples, link %s\n",
                  options.name.c_str(), keyFingerprint(settings.keys.public_z85).c_str(),
                  options.data_text.c_str(), static_cast<long long>(data.shard.size()),
                  static_cast<long long>(data.data.size()),
                  options.link.up_mbps > 0 ? "emulated" : "unshaped");
      std::fflush(stdout);
    }
    agent::AgentSession session(std::move(config), std::move(data));
    LinkShaper shaper(options.link, options.seed);

    struct sigaction action {};
    action.sa_handler = onSignal;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    edge::AgentLoop loop(session, shaper, std::move(settings));
    loop.setInference(&inference);
    return loop.run(g_stop);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cleave-agent: %s\n", e.what());
    return 1;
  }
}
