#include "app/link/cloud_link.h"

#include <QLoggingCategory>
#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <zmq_addon.hpp>

#include "app/link/cloud_link_worker.h"
#include "core/net/curve_socket.h"
#include "core/net/wire_codec.h"

Q_LOGGING_CATEGORY(lcLink, "cleave.studio.link")

namespace cleave::studio {

namespace {

constexpr int64_t kDedupeMarginUs = 10'000'000;  // PUB copies may trail a SYNC reply this long
constexpr int kDrainBudget = 512;  // messages per socket per tick: timers keep running

// Events arrive as PUB text and as SYNC objects; one spelling of the data makes them comparable.
std::string normalisedData(const std::string& data_json) {
  if (data_json.empty()) return "{}";
  try {
    return nlohmann::json::parse(data_json).dump();
  } catch (const nlohmann::json::exception&) {
    return data_json;
  }
}

std::string dedupeKey(const cleave::Event& e) {
  // round is left out: PUB carries it unsigned (-1 arrives as 0), SYNC signed.
  return std::to_string(e.t_us) + '\x1f' + e.kind + '\x1f' + e.device + '\x1f' +
         normalisedData(e.data_json);
}

std::optional<net::Message> receiveMessage(zmq::socket_t& socket) {
  std::vector<zmq::message_t> frames;
  const auto got =
      zmq::recv_multipart(socket, std::back_inserter(frames), zmq::recv_flags::dontwait);
  if (!got || frames.empty()) return std::nullopt;
  net::DecodeResult decoded = net::decodeMessage(std::move(frames));
  if (!decoded.ok()) {
    qCWarning(lcLink) << "dropped an undecodable message from the cloud:"
                      << QString::fromStdString(decoded.error().text);
    return net::Message{};  // consumed; the caller skips it (body is not an Event/CommandReply)
  }
  return std::move(decoded.message());
}

}  // namespace

// ---------------------------------------------------------------- CloudLink (GUI thread)

CloudLink::CloudLink(CloudLinkConfig config, QObject* parent)
    : EventSource(parent), m_config(std::move(config)) {
  if (m_config.control_endpoint.empty()) throw std::invalid_argument("control endpoint is empty");
  if (m_config.events_endpoint.empty()) throw std::invalid_argument("events endpoint is empty");
  if (!isCurveKeyZ85(m_config.server_public_z85)) {
    throw std::invalid_argument("the cloud's public key is not a 40-character Z85 CURVE key");
  }
  if (!isCurveKeyZ85(m_config.operator_keys.public_z85) ||
      !isCurveKeyZ85(m_config.operator_keys.secret_z85)) {
    throw std::invalid_argument("the operator key pair is not a pair of Z85 CURVE keys");
  }
  if (m_config.operator_name.empty()) {
    throw std::invalid_argument("operator name is empty (the name its key is approved under)");
  }
  if (m_config.sync_interval_ms <= 0 || m_config.liveness_timeout_ms <= 0 ||
      m_config.command_timeout_ms <= 0) {
    throw std::invalid_argument("link intervals and timeouts must be > 0 ms");
  }
  m_thread.setObjectName(QStringLiteral("cleave-link"));
  m_worker = new CloudLinkWorker(m_config);
  m_worker->moveToThread(&m_thread);
  connect(&m_thread, &QThread::started, m_worker, &CloudLinkWorker::start, Qt::QueuedConnection);
  connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
  connect(m_worker, &CloudLinkWorker::eventsReady, this, &CloudLink::queueEvents,
          Qt::QueuedConnection);
  connect(m_worker, &CloudLinkWorker::resetNeeded, this, &CloudLink::requestReset,
          Qt::QueuedConnection);
  connect(
      m_worker, &CloudLinkWorker::linkStateChanged, this,
      [this](SourceState state, const QString& detail) {
        flushEvents();  // events received before a disconnect are shown before it
        setState(state, detail);
      },
      Qt::QueuedConnection);
  connect(m_worker, &CloudLinkWorker::commandFinished, this, &CloudLink::commandFinished,
          Qt::QueuedConnection);
}

CloudLink::~CloudLink() {
  if (m_started) {
    m_thread.quit();
    m_thread.wait();  // finished() -> deleteLater: the worker closes its sockets on its thread
  } else {
    delete m_worker;  // never started: no thread ever ran it
  }
}

void CloudLink::start() {
  if (m_started) return;
  m_started = true;
  setState(SourceState::Connecting, QString::fromStdString(m_config.control_endpoint));
  m_thread.start();
}

quint64 CloudLink::sendCommand(const net::Command& command) {
  const quint64 id = m_nextId.fetch_add(1);
  if (command.kind == net::CommandKind::Sync) {
    QMetaObject::invokeMethod(
        this,
        [this, id] {
          emit commandFinished(id, false, tr("SYNC is sent by the link itself"), QByteArray());
        },
        Qt::QueuedConnection);
    return id;
  }
  CloudLinkWorker* worker = m_worker;
  QMetaObject::invokeMethod(
      worker, [worker, id, command] { worker->submit(id, command); }, Qt::QueuedConnection);
  return id;
}

// ---------------------------------------------------------------- worker (link thread)

CloudLinkWorker::CloudLinkWorker(CloudLinkConfig config) : m_config(std::move(config)) {
  m_clock.start();  // submit() may run before start(): commands queue with a valid timestamp
}

CloudLinkWorker::~CloudLinkWorker() {
  m_monitor.reset();
  m_control.reset();
  m_events.reset();
  m_context.reset();
}

void CloudLinkWorker::start() {
  m_context = std::make_unique<zmq::context_t>(1);
  m_events = std::make_unique<zmq::socket_t>(*m_context, zmq::socket_type::sub);
  configureCurveClient(*m_events, m_config.operator_keys, m_config.server_public_z85);
  m_events->set(zmq::sockopt::subscribe, "");
  m_events->connect(m_config.events_endpoint);
  openControl();
  m_state = SourceState::Connecting;
  m_timer = new QTimer(this);
  m_timer->setInterval(kPollIntervalMs);
  connect(m_timer, &QTimer::timeout, this, &CloudLinkWorker::tick);
  m_timer->start();
  sendSync();
}

void CloudLinkWorker::openControl() {
  m_monitor.reset();
  m_control = std::make_unique<zmq::socket_t>(*m_context, zmq::socket_type::dealer);
  // The cloud only accepts a routing id equal to the name ZAP approved the key under.
  m_control->set(zmq::sockopt::routing_id, m_config.operator_name);
  configureCurveClient(*m_control, m_config.operator_keys, m_config.server_public_z85);
  // Handshake events tell "the cloud refused this key" apart from "nobody answers".
  const std::string monitor = "inproc://cleave-link-monitor-" +
                              std::to_string(reinterpret_cast<uintptr_t>(this)) + "-" +
                              std::to_string(++m_monitorCount);
  if (zmq_socket_monitor(m_control->handle(), monitor.c_str(),
                         ZMQ_EVENT_HANDSHAKE_FAILED_AUTH | ZMQ_EVENT_HANDSHAKE_SUCCEEDED) == 0) {
    m_monitor = std::make_unique<zmq::socket_t>(*m_context, zmq::socket_type::pair);
    m_monitor->connect(monitor);
  }
  m_control->connect(m_config.control_endpoint);
}

void CloudLinkWorker::drainMonitor() {
  for (int i = 0; m_monitor && i < kDrainBudget; ++i) {
    std::vector<zmq::message_t> frames;
    if (!zmq::recv_multipart(*m_monitor, std::back_inserter(frames), zmq::recv_flags::dontwait) ||
        frames.empty() || frames[0].size() < 6) {
      return;
    }
    uint16_t event = 0;
    uint32_t value = 0;
    std::memcpy(&event, frames[0].data(), sizeof event);
    std::memcpy(&value, static_cast<const char*>(frames[0].data()) + 2, sizeof value);
    if (event == ZMQ_EVENT_HANDSHAKE_SUCCEEDED) {
      m_authError.clear();
    } else if (event == ZMQ_EVENT_HANDSHAKE_FAILED_AUTH) {
      m_authError =
          tr("the cloud at %1 refused this studio's key (ZAP status %2): approve its public key "
             "on the cloud as an operator named '%3'")
              .arg(QString::fromStdString(m_config.control_endpoint))
              .arg(value)
              .arg(QString::fromStdString(m_config.operator_name));
      setState(SourceState::Disconnected, m_authError);
    }
  }
}

void CloudLinkWorker::dropControl(const QString& reason) {
  // Lazy Pirate: a fresh socket so no stale request is delivered when the cloud comes back.
  m_control.reset();
  for (const Request& r : m_inflight) {
    if (r.id != 0) {
      emit commandFinished(
          r.id, false,
          tr("the connection to the cloud was lost before it answered (%1)").arg(reason),
          QByteArray());
    }
  }
  m_inflight.clear();
  m_syncInFlight = false;
  m_caughtUp = false;
  setState(SourceState::Disconnected, reason);
  openControl();
}

void CloudLinkWorker::setState(SourceState state, const QString& detail) {
  if (state == m_state) return;
  m_state = state;
  emit linkStateChanged(state, detail);
}

void CloudLinkWorker::submit(quint64 id, const net::Command& command) {
  Request r{id, command, m_clock.elapsed(), 0};
  if (m_state == SourceState::Connected) {
    sendRequest(std::move(r));
  } else {
    m_queued.push_back(std::move(r));
  }
}

void CloudLinkWorker::sendRequest(Request request) {
  request.sent_ms = m_clock.elapsed();
  try {
    zmq::send_multipart(*m_control, net::encodeMessage(net::Message{0, 0, request.command}),
                        zmq::send_flags::dontwait);
  } catch (const std::exception& e) {
    if (request.id != 0) {
      emit commandFinished(request.id, false, tr("could not send the command: %1").arg(e.what()),
                           QByteArray());
    }
    return;
  }
  m_inflight.push_back(std::move(request));
}

void CloudLinkWorker::sendSync() {
  net::Command sync;
  sync.kind = net::CommandKind::Sync;
  sync.since_us = m_syncSince;
  m_syncInFlight = true;
  m_lastSyncMs = m_clock.elapsed();
  sendRequest(Request{0, sync, m_lastSyncMs, 0});
}

void CloudLinkWorker::tick() {
  QVector<cleave::Event> out;
  drainMonitor();
  drainEvents(out);
  drainReplies(out);
  checkTimers();
  if (!out.isEmpty()) emit eventsReady(out);
}

void CloudLinkWorker::drainEvents(QVector<cleave::Event>& out) {
  for (int i = 0; i < kDrainBudget; ++i) {
    std::optional<net::Message> message = receiveMessage(*m_events);
    if (!message) return;
    const auto* e = std::get_if<net::Event>(&message->body);
    if (!e) continue;
    cleave::Event event{e->t_us, e->kind, static_cast<int>(e->round), e->device, e->data_json};
    // A live event far behind what SYNC already covered: the cloud's clock went back, so this is
    // a new session (a resumed one continues its clock).
    if (event.t_us + kDedupeMarginUs < m_syncSince) {
      startOver(out);
    }
    if (!m_caughtUp) {
      m_held.push_back(std::move(event));  // sorted in after the SYNC that closes the gap
    } else if (firstSighting(event)) {
      out.push_back(std::move(event));
    }
  }
}

void CloudLinkWorker::drainReplies(QVector<cleave::Event>& out) {
  for (int i = 0; i < kDrainBudget && m_control; ++i) {
    std::optional<net::Message> message = receiveMessage(*m_control);
    if (!message) return;
    const auto* reply = std::get_if<net::CommandReply>(&message->body);
    if (!reply) continue;
    if (m_inflight.empty()) {
      qCWarning(lcLink) << "a reply from the cloud that answers nothing was dropped";
      continue;
    }
    Request request = std::move(m_inflight.front());
    m_inflight.pop_front();
    if (request.id == 0) {
      m_syncInFlight = false;
      onSyncReply(*reply, out);
    } else {
      emit commandFinished(request.id, reply->ok, QString::fromStdString(reply->error),
                           QByteArray::fromStdString(reply->data_json));
    }
  }
}

void CloudLinkWorker::onSyncReply(const net::CommandReply& reply, QVector<cleave::Event>& out) {
  if (m_state != SourceState::Connected) {
    setState(SourceState::Connected, QString::fromStdString(m_config.control_endpoint));
    while (!m_queued.empty()) {  // commands that waited for a connection
      sendRequest(std::move(m_queued.front()));
      m_queued.pop_front();
    }
  }
  if (!reply.ok) {
    qCWarning(lcLink) << "the cloud refused SYNC:" << QString::fromStdString(reply.error);
    m_caughtUp = true;  // an old cloud without SYNC: live events only
  } else {
    bool more = false;
    try {
      const nlohmann::json data = nlohmann::json::parse(reply.data_json);
      int64_t newest = m_syncSince;
      for (const auto& item : data.value("events", nlohmann::json::array())) {
        cleave::Event event;
        event.t_us = item.value("t_us", int64_t{0});
        event.kind = item.value("kind", std::string());
        event.round = item.value("round", -1);
        event.device = item.value("device", std::string());
        const auto d = item.find("data");
        if (d == item.end() || d->is_null()) {
          event.data_json = "{}";
        } else {
          event.data_json = d->is_string() ? d->get<std::string>() : d->dump();
        }
        newest = std::max(newest, event.t_us);
        if (firstSighting(event)) out.push_back(std::move(event));
      }
      m_syncSince = data.value("next_since_us", newest);
      more = data.value("more", false);
    } catch (const nlohmann::json::exception& e) {
      qCWarning(lcLink) << "unreadable SYNC reply:" << e.what();
    }
    if (more) {
      sendSync();  // the cloud pages big histories; keep asking until it has no more
      return;
    }
    m_caughtUp = true;
  }
  for (cleave::Event& event : m_held) {
    if (firstSighting(event)) out.push_back(std::move(event));
  }
  m_held.clear();
  std::stable_sort(out.begin(), out.end(),
                   [](const cleave::Event& a, const cleave::Event& b) { return a.t_us < b.t_us; });
  pruneSeen();
}

void CloudLinkWorker::checkTimers() {
  const qint64 now = m_clock.elapsed();
  if (!m_inflight.empty()) {
    const qint64 waited = now - m_inflight.front().sent_ms;
    const QString reason = !m_authError.isEmpty()
                               ? m_authError
                               : tr("no reply from the cloud at %1 for %2 s")
                                     .arg(QString::fromStdString(m_config.control_endpoint))
                                     .arg(m_config.liveness_timeout_ms / 1000.0);
    // A busy cloud may answer late: show Disconnected at once, but give up on the socket (and
    // the requests in flight on it) only after the longer reconnect timeout.
    const qint64 give_up =
        std::max<qint64>(m_config.command_timeout_ms, 2 * qint64{m_config.liveness_timeout_ms});
    if (waited > give_up) {
      dropControl(reason);
    } else if (waited > m_config.liveness_timeout_ms) {
      setState(SourceState::Disconnected, reason);
    }
  }
  while (!m_queued.empty() && now - m_queued.front().queued_ms > m_config.command_timeout_ms) {
    emit commandFinished(m_queued.front().id, false,
                         tr("not connected to the cloud at %1: the command was not sent")
                             .arg(QString::fromStdString(m_config.control_endpoint)),
                         QByteArray());
    m_queued.pop_front();
  }
  if (!m_syncInFlight && now - m_lastSyncMs >= m_config.sync_interval_ms) sendSync();
}

void CloudLinkWorker::startOver(QVector<cleave::Event>& out) {
  qCInfo(lcLink) << "the cloud started a new session: starting over";
  out.clear();  // the old session's events of this tick must not follow the reset
  m_held.clear();
  m_seen.clear();
  m_seenByTime.clear();
  m_syncSince = 0;
  m_caughtUp = false;  // held until a SYNC from 0 has brought the new session's history
  if (!m_syncInFlight) m_lastSyncMs = -m_config.sync_interval_ms;
  emit resetNeeded();
}

bool CloudLinkWorker::firstSighting(const cleave::Event& event) {
  std::string key = dedupeKey(event);
  if (!m_seen.insert(key).second) return false;
  m_seenByTime.emplace(event.t_us, std::move(key));
  return true;
}

void CloudLinkWorker::pruneSeen() {
  const int64_t horizon = m_syncSince - kDedupeMarginUs;
  auto end = m_seenByTime.lower_bound(horizon);
  for (auto it = m_seenByTime.begin(); it != end; ++it)
    m_seen.erase(it->second);
  m_seenByTime.erase(m_seenByTime.begin(), end);
}

}  // namespace cleave::studio
