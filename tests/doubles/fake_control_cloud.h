// Test double for cleave-cloud's studio side: a CURVE ROUTER "control" socket answering SYNC from
// an in-memory event log (paged, like the real cloud) and recording every other command, plus a
// CURVE PUB "events" socket publishing what publish() is given. Operators are admitted by a ZAP
// handler over a KeyStore under `dir` (the cloud's key pair persists there, so a second instance on
// the same dir and ports is "the same cloud come back"). Runs its own thread after construction;
// every public method may be called from any thread.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>
#include <zmq.hpp>

#include "core/net/key_store.h"
#include "core/net/message.h"
#include "core/net/zap.h"
#include "core/session/event.h"

namespace cleave::test {

class FakeControlCloud {
 public:
  // Binds control and events (tcp://127.0.0.1:* picks free ports; a fixed port is retried for a
  // few seconds while the previous owner lets go). Throws zmq::error_t when binding fails.
  explicit FakeControlCloud(const std::filesystem::path& dir,
                            const std::string& control_endpoint = "tcp://127.0.0.1:*",
                            const std::string& events_endpoint = "tcp://127.0.0.1:*",
                            std::vector<Event> history = {});
  ~FakeControlCloud();  // stops the thread, closes the sockets, then the ZAP handler
  FakeControlCloud(const FakeControlCloud&) = delete;
  FakeControlCloud& operator=(const FakeControlCloud&) = delete;

  // Admits an operator key under `name` (the routing id its DEALER must use).
  void approveOperator(const std::string& name, const std::string& public_z85);

  std::string controlEndpoint() const { return m_control_endpoint; }
  std::string eventsEndpoint() const { return m_events_endpoint; }
  std::string publicKey() const { return m_keys.public_z85; }

  // Appends to the log and publishes on PUB (unless `publish_live` is false: SYNC-only, like an
  // event the studio missed).
  void publish(const Event& event, bool publish_live = true);
  std::vector<Event> log() const;

  // Non-SYNC commands received, in order; SYNC requests counted.
  std::vector<net::Command> commands() const;
  int syncCount() const { return m_syncs.load(); }
  // The reply every non-SYNC command gets (default ok).
  void setCommandReply(net::CommandReply reply);
  // Answer nothing at all (a hung cloud) while true.
  void setSilent(bool silent) { m_silent = silent; }

  static constexpr size_t kSyncPage = 50;  // events per SYNC reply; more=true beyond

 private:
  void run();
  void answer(const std::string& peer, const net::Command& command);

  std::unique_ptr<KeyStore> m_store;
  CurveKeyPair m_keys;
  zmq::context_t m_context;
  std::unique_ptr<ZapHandler> m_zap;
  zmq::socket_t m_control;
  zmq::socket_t m_events;
  std::string m_control_endpoint;
  std::string m_events_endpoint;
  std::thread m_thread;
  std::atomic<bool> m_stop{false};
  std::atomic<bool> m_silent{false};
  std::atomic<int> m_syncs{0};
  mutable std::mutex m_mutex;
  std::vector<Event> m_log;
  std::vector<Event> m_outbox;  // to publish on the loop thread (one socket, one thread)
  std::vector<net::Command> m_commands;
  net::CommandReply m_reply;
};

}  // namespace cleave::test
