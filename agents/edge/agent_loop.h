// cleave-agent's single I/O thread: a CURVE DEALER to the cloud, link emulation on every message
// both ways, heartbeats, reconnection with back-off, and the AgentSession fed in between.
// Owns its socket; run() from one thread; `stop` may be set from a signal handler.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include <zmq.hpp>

#include "core/agent/agent_session.h"
#include "core/agent/inference_loop.h"
#include "core/net/bad_message_log.h"
#include "core/net/keys.h"
#include "core/net/link_shaper.h"

namespace cleave::edge {

struct LoopSettings {
  std::string endpoint;
  std::string routing_id;
  CurveKeyPair keys;
  std::string cloud_public_z85;
  bool quiet = false;
  std::chrono::milliseconds heartbeat{1000};
  std::chrono::milliseconds silence{5000};  // nothing heard for this long: reconnect
  std::chrono::milliseconds backoff_min{500};
  std::chrono::milliseconds backoff_max{8000};
};

class AgentLoop {
 public:
  AgentLoop(agent::AgentSession& session, LinkShaper& shaper, LoopSettings settings);

  // Runs until `stop` (sends Bye, returns 0) or a fatal refusal / unusable model (returns 3).
  int run(const std::atomic<bool>& stop);
  // Early-exit inference (nullptr: training only). Call before run(); the loop drives it and
  // switches it on the cloud's SetInference command.
  void setInference(agent::InferenceLoop* inference) { m_inference = inference; }

 private:
  enum class Outcome { Reconnect, Stop, Fatal };

  Outcome serve(zmq::socket_t& socket, const std::atomic<bool>& stop);
  // What to do next after one message from the cloud; nullopt: keep serving.
  std::optional<Outcome> dispatch(zmq::socket_t& socket, net::Message message);
  void send(zmq::socket_t& socket, net::Body body);
  // Inference traffic and SetInference; true when `message` was inference business.
  bool handleInference(zmq::socket_t& socket, const net::Message& message);
  net::Heartbeat heartbeat() const;  // the session's, with state Inference while inferring
  // The cloud's SetLink: a new emulated link and/or CPU slowdown from now on.
  void applyLink(const net::Command& command);
  void log(const std::string& line) const;
  bool sleepInterruptibly(std::chrono::milliseconds duration, const std::atomic<bool>& stop);

  agent::AgentSession& m_session;
  LinkShaper& m_shaper;
  LoopSettings m_settings;
  zmq::context_t m_context;
  net::BadMessageLog m_bad;
  uint64_t m_seq = 0;
  std::chrono::milliseconds m_backoff;
  agent::InferenceLoop* m_inference = nullptr;
};

}  // namespace cleave::edge
