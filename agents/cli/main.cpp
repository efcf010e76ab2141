// `cleave`: the command-line tools (costs, plan, simulate). Dispatches to one sub-command.
#include <cstdio>
#include <exception>
#include <string>

#include "agents/cli/args.h"
#include "agents/cli/commands.h"
#include "core/train/allocator_tuning.h"

namespace cli = cleave::cli;

namespace {

void printHelp() {
  std::printf("cleave - edge-cloud split training tools\n\nUsage: cleave <command> [options]\n\n");
  for (const auto& c : cli::commands())
    std::printf("  %-9s %s\n", c.name, c.summary);
  std::printf("\nRun 'cleave <command> --help' for a command's options.\n");
}

}  // namespace

int main(int argc, char** argv) {
  cleave::tuneAllocatorForTraining();
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    printHelp();
    return argc < 2 ? 2 : 0;
  }
  const std::string name = argv[1];
  for (const auto& c : cli::commands()) {
    if (name != c.name) continue;
    const std::vector<std::string> args(argv + 2, argv + argc);
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
      std::printf("Usage: cleave %s %s\n\n%s\n", c.name, c.usage, c.summary);
      return 0;
    }
    try {
      return c.run(args);
    } catch (const cli::UsageError& e) {
      std::fprintf(stderr, "cleave %s: %s\nUsage: cleave %s %s\n", c.name, e.what(), c.name,
                   c.usage);
      return 2;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "cleave %s: %s\n", c.name, e.what());
      return 1;
    }
  }
  std::fprintf(stderr, "cleave: unknown command '%s'\n\n", name.c_str());
  printHelp();
  return 2;
}
