// `cleave-cloud --demo N`: N local cleave-agent processes with generated, pre-approved keys and
// varied emulated links and CPU speeds, so a whole fleet can be rehearsed on one machine.
// Owned by the main thread; the destructor stops and reaps every agent.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "core/net/key_store.h"
#include "core/sim/use_case.h"

namespace cleave::cloud {

class DemoFleet {
 public:
  // Writes keys under KEYS/demo-agents, approves them in `store` and starts the agents, each with
  // `extra_args` appended to its command line (e.g. --mode inference).
  DemoFleet(int count, UseCase use_case, KeyStore& store, const std::string& endpoint,
            const std::string& cloud_key_file, const std::vector<std::string>& extra_args = {});
  ~DemoFleet();
  DemoFleet(const DemoFleet&) = delete;
  DemoFleet& operator=(const DemoFleet&) = delete;

 private:
  std::vector<pid_t> m_children;
};

}  // namespace cleave::cloud
