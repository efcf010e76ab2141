// ZAP handler (RFC 27) for one zmq::context_t: admits CURVE clients whose public key the KeyStore
// approves and records unknown keys as pending. Runs its own thread; start/stop/destroy from the
// owning thread, before the context is closed. Observer callbacks run on the ZAP thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <zmq.hpp>

#include "core/net/key_store.h"

namespace cleave {

// What the handler decided for one handshake. Carries a fingerprint, never a whole key.
struct ZapDecision {
  bool accepted = false;
  std::string status_code;  // "200", "400" or "500" (RFC 27)
  std::string reason;       // status text sent to the client
  std::string name;         // approved name, or the pending entry's name
  std::optional<PeerRole> role;
  std::string domain;
  std::string address;
  std::string fingerprint;
  bool new_pending = false;  // an unknown key appeared in the pending list
};

// The name a pending entry gets. libzmq's ZAP request carries the *server* socket's routing id in
// its identity frame, not the client's (zap_client.cpp), so the client's ZMQ_ROUTING_ID never
// reaches ZAP; pending entries are named after the key and renamed when an operator approves.
class ZapHandler {
 public:
  using Observer = std::function<void(const ZapDecision&)>;

  static constexpr const char* kEndpoint = "inproc://zeromq.zap.01";

  ZapHandler(zmq::context_t& context, KeyStore& store, Observer observer = {});
  ~ZapHandler();  // stop()
  ZapHandler(const ZapHandler&) = delete;
  ZapHandler& operator=(const ZapHandler&) = delete;

  // Binds the ZAP endpoint (so when it returns, handshakes are checked) and starts the thread.
  // Throws std::runtime_error if another handler is already bound in this context.
  void start();
  // Stops and joins the thread; idempotent. Also safe after context shutdown. Close the CURVE
  // server sockets first: without a handler libzmq admits clients unless ZAP is enforced.
  void stop();
  bool running() const { return m_running.load(); }

  struct Stats {
    uint64_t accepted = 0;
    uint64_t refused = 0;
    uint64_t malformed = 0;  // requests not following RFC 27, or store failures (500)
  };
  Stats stats() const;

 private:
  void run(zmq::socket_t zap, zmq::socket_t control);
  void handle(zmq::socket_t& zap);
  ZapDecision decide(const std::string& domain, const std::string& address,
                     const std::string& mechanism, const zmq::message_t& credentials);

  zmq::context_t& m_context;
  KeyStore& m_store;
  Observer m_observer;
  std::mutex m_mutex;  // start/stop
  zmq::socket_t m_control;
  std::thread m_thread;
  std::atomic<bool> m_running{false};
  std::atomic<uint64_t> m_accepted{0};
  std::atomic<uint64_t> m_refused{0};
  std::atomic<uint64_t> m_malformed{0};
};

}  // namespace cleave
