// cleave-cloud: coordinator + cloud half of training + session recorder. Headless; no Qt.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <optional>

#include "agents/cli/args.h"
#include "agents/cloud/cloud_options.h"
#include "agents/cloud/cloud_server.h"
#include "agents/cloud/demo_fleet.h"
#include "core/net/key_store.h"
#include "core/train/allocator_tuning.h"

namespace {

std::atomic<bool> g_stop{false};
extern "C" void onSignal(int) {
  g_stop = true;
}

}  // namespace

int main(int argc, char** argv) {
  cleave::tuneAllocatorForTraining();
  using namespace cleave;
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::printf("Usage: %s\n", cloud::kCloudUsage);
    return 0;
  }
  try {
    cloud::CloudOptions options = cloud::parseCloudOptions(args);
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    if (options.demo > 0 && options.listen == "tcp://127.0.0.1:5555") {
      options.listen = options.control = options.events = "tcp://127.0.0.1:*";  // never collide
    }
    const int demo = options.demo;
    const UseCase use_case = options.use_case;
    std::vector<std::string> agent_args;
    if (options.inference) {
      agent_args = {"--mode",      "inference",
                    "--threshold", std::to_string(options.threshold),
                    "--rate",      std::to_string(options.rate_hz)};
    }
    cloud::CloudServer server(std::move(options));
    std::printf("cleave-cloud listening for agents on %s\n", server.agentEndpoint().c_str());
    // One machine-readable line for launchers (the studio's local fleet parses it).
    std::printf("endpoints agents=%s control=%s events=%s\n", server.agentEndpoint().c_str(),
                server.controlEndpoint().c_str(), server.eventsEndpoint().c_str());
    std::fflush(stdout);
    std::optional<KeyStore> demo_store;
    std::optional<cloud::DemoFleet> fleet;
    if (demo > 0) {
      demo_store.emplace(server.keysDir());
      fleet.emplace(demo, use_case, *demo_store, server.agentEndpoint(),
                    server.cloudPublicKeyFile(), agent_args);
    }
    return server.run(g_stop);
  } catch (const cli::UsageError& e) {
    std::fprintf(stderr, "cleave-cloud: %s\nUsage: %s\n", e.what(), cloud::kCloudUsage);
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cleave-cloud: %s\n", e.what());
    return 1;
  }
}
