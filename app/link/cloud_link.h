// The studio's live connection to a cleave-cloud: a CURVE DEALER on the cloud's control ROUTER
// (commands, SYNC) and a SUB on its events PUB, run by a worker on the "cleave-link" QThread.
// Create, start, sendCommand and destroy from the GUI thread (sendCommand is also safe from any
// other thread); every signal is emitted on the GUI thread. The GUI thread never touches a socket.
#pragma once

#include <QByteArray>
#include <QString>
#include <QThread>
#include <atomic>
#include <string>

#include "app/link/event_source.h"
#include "core/net/keys.h"
#include "core/net/message.h"

namespace cleave::studio {

class CloudLinkWorker;

struct CloudLinkConfig {
  std::string control_endpoint;   // the cloud's control ROUTER, e.g. tcp://127.0.0.1:5556
  std::string events_endpoint;    // the cloud's events PUB, e.g. tcp://127.0.0.1:5557
  std::string server_public_z85;  // the cloud's CURVE public key (KEYS/cloud.key)
  std::string operator_name;      // the name the operator key is approved under (routing id)
  CurveKeyPair operator_keys;     // this studio's pair, approved as PeerRole::Operator
  int sync_interval_ms = 1000;    // SYNC period: catch-up and liveness check
  // No reply for this long: Disconnected. After max(command_timeout, 2 x liveness) the socket is
  // replaced (a restarted cloud never answers the old requests) and requests in flight fail.
  int liveness_timeout_ms = 3000;
  int command_timeout_ms = 5000;  // a command that waited this long for a connection fails
};

class CloudLink : public EventSource {
  Q_OBJECT
 public:
  // Throws std::invalid_argument naming the field when the config cannot work (empty endpoint,
  // malformed key, empty operator name). Does not connect before start().
  explicit CloudLink(CloudLinkConfig config, QObject* parent = nullptr);
  ~CloudLink() override;  // stops the worker: quit() + wait()

  const CloudLinkConfig& config() const { return m_config; }
  void start();  // starts the thread; state goes Connecting, then Connected on the first reply

  // Queues `command` for the cloud; the answer arrives as commandFinished(id, ...). Thread-safe.
  // Sync is the link's own business and is refused here (fails with an error).
  quint64 sendCommand(const net::Command& command);

 signals:
  // ok=false: `error` says what went wrong (the cloud's reply or a timeout); dataJson is the
  // reply's data_json (Sync only, else empty).
  void commandFinished(quint64 id, bool ok, const QString& error, const QByteArray& dataJson);

 private:
  CloudLinkConfig m_config;
  QThread m_thread;
  CloudLinkWorker* m_worker = nullptr;  // lives on m_thread; deleted on its finished()
  std::atomic<quint64> m_nextId{1};
  bool m_started = false;
};

}  // namespace cleave::studio
