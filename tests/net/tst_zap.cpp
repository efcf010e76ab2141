// The ZAP handler with real CURVE sockets on loopback: approved keys talk, unknown keys are
// refused and become pending, roles are kept apart per ZAP domain, shutdown never hangs.
#include <QTemporaryDir>
#include <QtTest>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <zmq.hpp>

#include "core/net/curve_socket.h"
#include "core/net/zap.h"

using namespace cleave;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

constexpr auto kTimeout =
    5000ms;  // generous: the machine is shared; nothing waits this long when all is well

// Polls `pred` until it holds or the deadline passes.
template <typename Pred>
bool waitFor(Pred pred, std::chrono::milliseconds timeout = kTimeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!pred()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

// One multipart message from `socket` within `timeout`, or nothing.
std::optional<std::vector<zmq::message_t>> receive(zmq::socket_t& socket,
                                                   std::chrono::milliseconds timeout) {
  std::array<zmq::pollitem_t, 1> items{{{socket.handle(), 0, ZMQ_POLLIN, 0}}};
  if (zmq::poll(items.data(), 1, timeout) == 0) return std::nullopt;
  std::vector<zmq::message_t> frames;
  do {
    zmq::message_t m;
    if (!socket.recv(m, zmq::recv_flags::dontwait)) break;
    frames.push_back(std::move(m));
  } while (socket.get(zmq::sockopt::rcvmore));
  return frames;
}

// Handshake events of one socket (zmq_socket_monitor), read with deadlines.
class Monitor {
 public:
  Monitor(zmq::context_t& ctx, zmq::socket_t& socket, const std::string& name)
      : m_pair(ctx, zmq::socket_type::pair) {
    const std::string endpoint = "inproc://monitor." + name;
    const int events = ZMQ_EVENT_HANDSHAKE_SUCCEEDED | ZMQ_EVENT_HANDSHAKE_FAILED_AUTH |
                       ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL | ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL;
    if (zmq_socket_monitor(socket.handle(), endpoint.c_str(), events) != 0)
      throw std::runtime_error("zmq_socket_monitor failed");
    m_pair.set(zmq::sockopt::linger, 0);
    m_pair.connect(endpoint);
  }
  // The next event within the timeout: {event, value}.
  std::optional<std::pair<int, int>> next(std::chrono::milliseconds timeout = kTimeout) {
    const auto frames = receive(m_pair, timeout);
    if (!frames || frames->empty() || frames->front().size() < 6) return std::nullopt;
    uint16_t event = 0;
    uint32_t value = 0;
    std::memcpy(&event, frames->front().data(), 2);
    std::memcpy(&value, static_cast<const char*>(frames->front().data()) + 2, 4);
    return std::pair<int, int>{event, static_cast<int>(value)};
  }

 private:
  zmq::socket_t m_pair;
};

std::string gets(const zmq::message_t& m, const char* property) {
  const char* v = zmq_msg_gets(m.handle(), property);
  return v ? v : "";
}

}  // namespace

class TstZap : public QObject {
  Q_OBJECT

 private slots:
  void init();
  void cleanup();
  void approvedKeyTalks_data();
  void approvedKeyTalks();
  void unknownKeyIsRefusedAndPending();
  void approvalLetsANewConnectionIn();
  void wrongServerKeyFails();
  void rolesPerDomain_data();
  void rolesPerDomain();
  void noHandlerMeansNoEntry();
  void secondHandlerInOneContextIsRefused();
  void stopsAfterContextShutdown();

 private:
  // A CURVE ROUTER bound to loopback in `domain`; returns its endpoint.
  std::string bindServer(const std::string& domain = kZapDomain);
  zmq::socket_t client(const CurveKeyPair& keys, const std::string& server_key,
                       const std::string& routing_id);
  std::vector<ZapDecision> decisions();

  std::unique_ptr<QTemporaryDir> m_tmp;
  std::unique_ptr<KeyStore> m_store;
  std::unique_ptr<zmq::context_t> m_ctx;
  std::unique_ptr<ZapHandler> m_zap;
  std::unique_ptr<zmq::socket_t> m_server;
  CurveKeyPair m_server_keys;
  std::mutex m_mutex;
  std::vector<ZapDecision> m_decisions;
  int m_monitors = 0;
};

void TstZap::init() {
  m_tmp = std::make_unique<QTemporaryDir>();
  m_store = std::make_unique<KeyStore>(fs::path(m_tmp->path().toStdString()) / "keys");
  m_server_keys = m_store->serverKeys();
  m_ctx = std::make_unique<zmq::context_t>();
  m_decisions.clear();
  m_zap = std::make_unique<ZapHandler>(*m_ctx, *m_store, [this](const ZapDecision& d) {
    std::lock_guard lock(m_mutex);
    m_decisions.push_back(d);
  });
  m_zap->start();
  QVERIFY(m_zap->running());
}

void TstZap::cleanup() {
  m_server.reset();
  m_zap.reset();
  m_ctx.reset();
  m_store.reset();
}

std::string TstZap::bindServer(const std::string& domain) {
  m_server = std::make_unique<zmq::socket_t>(*m_ctx, zmq::socket_type::router);
  configureCurveServer(*m_server, m_server_keys, domain);
  m_server->bind("tcp://127.0.0.1:*");
  return m_server->get(zmq::sockopt::last_endpoint);
}

zmq::socket_t TstZap::client(const CurveKeyPair& keys, const std::string& server_key,
                             const std::string& routing_id) {
  zmq::socket_t s(*m_ctx, zmq::socket_type::dealer);
  s.set(zmq::sockopt::routing_id, routing_id);
  configureCurveClient(s, keys, server_key);
  return s;
}

std::vector<ZapDecision> TstZap::decisions() {
  std::lock_guard lock(m_mutex);
  return m_decisions;
}

void TstZap::approvedKeyTalks_data() {
  QTest::addColumn<int>("role");
  QTest::addRow("device") << int(PeerRole::Device);
  QTest::addRow("operator") << int(PeerRole::Operator);
}

void TstZap::approvedKeyTalks() {
  QFETCH(int, role);
  const CurveKeyPair keys = generateCurveKeyPair();
  m_store->approveKey("peer-1", keys.public_z85, PeerRole(role));
  const std::string endpoint = bindServer();
  zmq::socket_t c = client(keys, m_server_keys.public_z85, "peer-1");
  c.connect(endpoint);
  c.send(zmq::str_buffer("hello"), zmq::send_flags::none);
  const auto got = receive(*m_server, kTimeout);
  QVERIFY(got);
  QCOMPARE(got->size(), std::size_t{2});
  QCOMPARE(got->at(0).to_string(), std::string("peer-1"));  // ROUTER sees the routing id
  QCOMPARE(got->at(1).to_string(), std::string("hello"));
  QCOMPARE(gets(got->at(1), "User-Id"), std::string("peer-1"));
  QCOMPARE(gets(got->at(1), "Role"), std::string(peerRoleName(PeerRole(role))));
  // And back: the reply reaches the client through the same encrypted connection.
  m_server->send(zmq::buffer(got->at(0).to_string()), zmq::send_flags::sndmore);
  m_server->send(zmq::str_buffer("welcome"), zmq::send_flags::none);
  const auto reply = receive(c, kTimeout);
  QVERIFY(reply);
  QCOMPARE(reply->at(0).to_string(), std::string("welcome"));
  QCOMPARE(m_zap->stats().accepted, uint64_t{1});
  QCOMPARE(m_zap->stats().refused, uint64_t{0});
  QVERIFY(m_store->pending().empty());
}

void TstZap::unknownKeyIsRefusedAndPending() {
  const CurveKeyPair keys = generateCurveKeyPair();
  const std::string endpoint = bindServer();
  zmq::socket_t c = client(keys, m_server_keys.public_z85, "cam-7");
  Monitor monitor(*m_ctx, c, QTest::currentTestFunction());
  c.connect(endpoint);
  c.send(zmq::str_buffer("let me in"), zmq::send_flags::dontwait);
  const auto event = monitor.next();
  QVERIFY(event);
  QCOMPARE(event->first, ZMQ_EVENT_HANDSHAKE_FAILED_AUTH);
  QCOMPARE(event->second, 400);  // the ZAP status code reaches the client
  QVERIFY(waitFor([&] { return !m_store->pending().empty(); }));
  const PendingPeer p = m_store->pending().at(0);
  QCOMPARE(p.public_z85, keys.public_z85);
  QCOMPARE(p.address, std::string("127.0.0.1"));
  QVERIFY(p.name.rfind("unnamed-", 0) == 0);  // ZAP never sees the client's routing id
  QVERIFY(!receive(*m_server, 300ms));        // nothing got through
  QVERIFY(waitFor([&] { return !decisions().empty(); }));
  const ZapDecision d = decisions().front();
  QVERIFY(!d.accepted);
  QVERIFY(d.new_pending);
  QCOMPARE(d.fingerprint, keyFingerprint(keys.public_z85));
  QVERIFY(d.reason.find(keys.public_z85) == std::string::npos);
  QVERIFY(m_zap->stats().refused >= 1);
  QCOMPARE(m_zap->stats().accepted, uint64_t{0});
}

void TstZap::approvalLetsANewConnectionIn() {
  const CurveKeyPair keys = generateCurveKeyPair();
  const std::string endpoint = bindServer();
  {
    zmq::socket_t refused = client(keys, m_server_keys.public_z85, "cam-7");
    refused.connect(endpoint);
    QVERIFY(waitFor([&] { return !m_store->pending().empty(); }));
  }
  m_store->approve(keyFingerprint(keys.public_z85), PeerRole::Device, "cam-7");
  zmq::socket_t c = client(keys, m_server_keys.public_z85, "cam-7");
  c.connect(endpoint);
  c.send(zmq::str_buffer("hello again"), zmq::send_flags::none);
  const auto got = receive(*m_server, kTimeout);
  QVERIFY(got);
  QCOMPARE(got->back().to_string(), std::string("hello again"));
  QCOMPARE(gets(got->back(), "User-Id"), std::string("cam-7"));
  QCOMPARE(gets(got->back(), "Role"), std::string("device"));
  QVERIFY(m_store->pending().empty());
}

void TstZap::wrongServerKeyFails() {
  const CurveKeyPair keys = generateCurveKeyPair();
  m_store->approveKey("cam-1", keys.public_z85, PeerRole::Device);
  const std::string endpoint = bindServer();
  Monitor server_monitor(*m_ctx, *m_server, QTest::currentTestFunction());
  const std::string impostor_server = generateCurveKeyPair().public_z85;
  zmq::socket_t c = client(keys, impostor_server, "cam-1");
  c.connect(endpoint);
  c.send(zmq::str_buffer("hello"), zmq::send_flags::dontwait);
  const auto event = server_monitor.next();
  QVERIFY(event);
  QVERIFY2(event->first == ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL ||
               event->first == ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL,
           qPrintable(QString::number(event->first, 16)));
  QVERIFY(!receive(*m_server, 300ms));
  // The handshake broke before the client proved its key: ZAP was never asked.
  QCOMPARE(m_zap->stats().accepted + m_zap->stats().refused, uint64_t{0});
  QVERIFY(m_store->pending().empty());
}

void TstZap::rolesPerDomain_data() {
  QTest::addColumn<QString>("domain");
  QTest::addColumn<int>("role");
  QTest::addColumn<bool>("accepted");
  QTest::addRow("devices socket, device") << kZapDomainDevices << int(PeerRole::Device) << true;
  QTest::addRow("devices socket, operator")
      << kZapDomainDevices << int(PeerRole::Operator) << false;
  QTest::addRow("control socket, operator")
      << kZapDomainOperators << int(PeerRole::Operator) << true;
  QTest::addRow("control socket, device") << kZapDomainOperators << int(PeerRole::Device) << false;
  QTest::addRow("any, operator") << kZapDomain << int(PeerRole::Operator) << true;
  QTest::addRow("unknown domain") << "elsewhere" << int(PeerRole::Device) << false;
}

void TstZap::rolesPerDomain() {
  QFETCH(QString, domain);
  QFETCH(int, role);
  QFETCH(bool, accepted);
  const CurveKeyPair keys = generateCurveKeyPair();
  m_store->approveKey("peer", keys.public_z85, PeerRole(role));
  const std::string endpoint = bindServer(domain.toStdString());
  zmq::socket_t c = client(keys, m_server_keys.public_z85, "peer");
  Monitor monitor(*m_ctx, c, QTest::currentDataTag());
  c.connect(endpoint);
  c.send(zmq::str_buffer("ping"), zmq::send_flags::dontwait);
  const auto event = monitor.next();
  QVERIFY(event);
  QCOMPARE(event->first,
           accepted ? ZMQ_EVENT_HANDSHAKE_SUCCEEDED : ZMQ_EVENT_HANDSHAKE_FAILED_AUTH);
  if (accepted) {
    const auto got = receive(*m_server, kTimeout);
    QVERIFY(got);
    QCOMPARE(gets(got->back(), "Role"), std::string(peerRoleName(PeerRole(role))));
  } else {
    QVERIFY(!receive(*m_server, 300ms));
  }
  QVERIFY(m_store->pending().empty());  // a known key on the wrong socket is not "pending"
}

void TstZap::noHandlerMeansNoEntry() {
  m_zap->stop();
  QVERIFY(!m_zap->running());
  const CurveKeyPair keys = generateCurveKeyPair();
  m_store->approveKey("cam-1", keys.public_z85, PeerRole::Device);
  zmq::socket_t server(*m_ctx, zmq::socket_type::router);
  if (!configureCurveServer(server, m_server_keys))
    QSKIP("this libzmq lacks ZMQ_ZAP_ENFORCE_DOMAIN: without a handler it admits every client");
  Monitor server_monitor(*m_ctx, server, QTest::currentTestFunction());
  server.bind("tcp://127.0.0.1:*");
  zmq::socket_t c = client(keys, m_server_keys.public_z85, "cam-1");
  c.connect(server.get(zmq::sockopt::last_endpoint));
  c.send(zmq::str_buffer("hello"), zmq::send_flags::dontwait);
  const auto event = server_monitor.next();
  QVERIFY(event);
  QVERIFY(event->first != ZMQ_EVENT_HANDSHAKE_SUCCEEDED);
  QVERIFY(!receive(server, 300ms));
}

void TstZap::secondHandlerInOneContextIsRefused() {
  ZapHandler second(*m_ctx, *m_store);
  QVERIFY_THROWS_EXCEPTION(std::runtime_error, second.start());
  QVERIFY(!second.running());
  m_zap->stop();
  m_zap->stop();   // idempotent
  second.start();  // the endpoint is free again
  QVERIFY(second.running());
}

void TstZap::stopsAfterContextShutdown() {
  m_ctx->shutdown();  // sockets now fail with ETERM; the handler's thread must notice and leave
  QVERIFY(waitFor([&] { return !m_zap->running(); }));
  m_zap->stop();
  m_zap.reset();
  m_ctx.reset();  // would block forever if a socket were left open
}

QTEST_APPLESS_MAIN(TstZap)
#include "tst_zap.moc"
