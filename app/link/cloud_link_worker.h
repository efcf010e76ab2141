// CloudLink's socket side (private to app/link): owns the ZeroMQ context and both sockets and
// runs entirely on the "cleave-link" thread. Created on the GUI thread, moved to the link thread,
// started by QThread::started, deleted by QThread::finished. Talks to CloudLink only through
// queued signals and queued invocations of submit().
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QVector>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <zmq.hpp>

#include "app/link/cloud_link.h"

namespace cleave::studio {

class CloudLinkWorker : public QObject {
  Q_OBJECT
 public:
  static constexpr int kPollIntervalMs = 10;  // socket drain period (ZMQ_FD is edge-triggered)

  explicit CloudLinkWorker(CloudLinkConfig config);
  ~CloudLinkWorker() override;

  void start();  // link thread: creates the context, the sockets and the poll timer
  void submit(quint64 id, const net::Command& command);  // link thread (queued from CloudLink)

 signals:
  void eventsReady(const QVector<cleave::Event>& events);
  // The cloud started a new session (its clock went back): forget what was shown.
  void resetNeeded();
  void linkStateChanged(cleave::studio::SourceState state, const QString& detail);
  void commandFinished(quint64 id, bool ok, const QString& error, const QByteArray& dataJson);

 private:
  struct Request {
    quint64 id = 0;  // 0: the link's own SYNC
    net::Command command;
    qint64 queued_ms = 0;
    qint64 sent_ms = 0;
  };

  void tick();
  void openControl();
  void dropControl(const QString& reason);
  void drainMonitor();
  void drainEvents(QVector<cleave::Event>& out);
  void drainReplies(QVector<cleave::Event>& out);
  void checkTimers();
  void startOver(QVector<cleave::Event>& out);
  void sendRequest(Request request);
  void sendSync();
  void onSyncReply(const net::CommandReply& reply, QVector<cleave::Event>& out);
  bool firstSighting(const cleave::Event& event);
  void pruneSeen();
  void setState(SourceState state, const QString& detail = {});

  CloudLinkConfig m_config;
  std::unique_ptr<zmq::context_t> m_context;  // declared before the sockets: closed after them
  std::unique_ptr<zmq::socket_t> m_control;
  std::unique_ptr<zmq::socket_t> m_events;
  std::unique_ptr<zmq::socket_t> m_monitor;  // PAIR: the control socket's handshake events
  int m_monitorCount = 0;                    // each control socket gets its own inproc address
  QString m_authError;                       // the cloud refused our key (from the monitor)
  QTimer* m_timer = nullptr;
  QElapsedTimer m_clock;
  SourceState m_state = SourceState::Idle;

  std::deque<Request> m_inflight;  // sent, answered in order (one DEALER, one ROUTER)
  std::deque<Request> m_queued;    // waiting for a connection
  qint64 m_lastSyncMs = -1;
  bool m_syncInFlight = false;
  bool m_caughtUp = false;        // a SYNC said "no more" since the last (re)connect
  QVector<cleave::Event> m_held;  // PUB events received while catching up
  int64_t m_syncSince = 0;        // next SYNC asks for events with t_us >= this
  std::set<std::string> m_seen;   // dedupe keys of recent events (PUB and SYNC overlap)
  std::multimap<int64_t, std::string> m_seenByTime;
};

}  // namespace cleave::studio
