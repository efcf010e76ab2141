// The `cleave` sub-commands. Each takes its arguments (after the command name) and returns the
// process exit code; usage errors throw UsageError, failures throw std::exception.
#pragma once

#include <string>
#include <vector>

namespace cleave::cli {

struct Command {
  const char* name;
  const char* usage;    // one line: arguments and options
  const char* summary;  // what it does
  int (*run)(const std::vector<std::string>& args);
};

int runCosts(const std::vector<std::string>& args);
int runPlan(const std::vector<std::string>& args);
int runSimulate(const std::vector<std::string>& args);
int runKeygen(const std::vector<std::string>& args);
int runDevices(const std::vector<std::string>& args);
int runReplay(const std::vector<std::string>& args);
int runExport(const std::vector<std::string>& args);

const std::vector<Command>& commands();

}  // namespace cleave::cli
