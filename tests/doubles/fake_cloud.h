// Test double for cleave-cloud: a CURVE ROUTER on tcp://127.0.0.1:* whose ZAP handler admits the
// keys approve()d, scripted to answer the first Hello with Welcome, the profiled Hello with one
// RoundPlan, every Heartbeat with a Heartbeat and every Activations with zero Gradients. It runs
// its own thread after start(); received() may be called from any thread. Construct, approve and
// start from one thread.
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

namespace cleave::test {

class FakeCloud {
 public:
  struct Script {
    std::string model_spec_json;
    net::RoundPlan plan;
  };

  // Keeps its key store (and the cloud's key pair) under `dir`.
  FakeCloud(const std::filesystem::path& dir, Script script);
  ~FakeCloud();  // stops the thread, closes the socket, then the ZAP handler
  FakeCloud(const FakeCloud&) = delete;
  FakeCloud& operator=(const FakeCloud&) = delete;

  void approve(const std::string& name, const std::string& public_z85);
  void start();

  std::string endpoint() const { return m_endpoint; }
  std::string publicKey() const { return m_keys.public_z85; }
  // Every message decoded so far, in arrival order (undecodable ones are not recorded).
  std::vector<net::Message> received() const;
  uint64_t undecodable() const { return m_undecodable.load(); }

 private:
  void run();
  void reply(const std::string& peer, net::Body body);

  Script m_script;
  std::unique_ptr<KeyStore> m_store;
  CurveKeyPair m_keys;
  zmq::context_t m_context;
  std::unique_ptr<ZapHandler> m_zap;
  zmq::socket_t m_socket;
  std::string m_endpoint;
  std::thread m_thread;
  std::atomic<bool> m_stop{false};
  std::atomic<uint64_t> m_undecodable{0};
  mutable std::mutex m_mutex;
  std::vector<net::Message> m_received;
  uint64_t m_seq = 0;
};

}  // namespace cleave::test
