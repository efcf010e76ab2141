// cleave-cloud's network side: CURVE sockets for agents (ROUTER), studio commands (ROUTER) and
// studio events (PUB), the ZAP handler, and the loop that feeds the round coordinator and records
// the session. One thread runs the loop; the ZAP handler runs on its own.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "agents/cloud/cloud_options.h"

namespace cleave::cloud {

class CloudServer {
 public:
  // Loads the use case, the keys and (when --session names an existing file) the checkpoint to
  // resume from; binds the sockets. Throws with a message naming what failed.
  explicit CloudServer(CloudOptions options);
  ~CloudServer();

  std::string agentEndpoint() const;  // as bound (a "*" port resolved)
  std::string controlEndpoint() const;
  std::string eventsEndpoint() const;
  std::string cloudPublicKeyFile() const;
  std::string keysDir() const;
  // Runs rounds until they are done or `stop` is set. Returns the process exit code.
  int run(const std::atomic<bool>& stop);

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace cleave::cloud
