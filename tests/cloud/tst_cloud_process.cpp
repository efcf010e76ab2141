// The real cleave-cloud process over CURVE on loopback: an approved agent is welcomed and planned,
// an unknown key is refused and waits as pending, garbage does not hurt the cloud.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <chrono>
#include <optional>
#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "core/net/curve_socket.h"
#include "core/net/key_store.h"
#include "core/net/keys.h"
#include "core/net/wire_codec.h"

using namespace cleave;

namespace {

// Starts cleave-cloud on ephemeral ports and reads the agent endpoint it prints.
struct CloudProcess {
  QProcess process;
  std::string endpoint;

  bool start(const QString& keys) {
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(CLEAVE_CLOUD_BINARY, {"--use-case",   "factory",
                                        "--keys",       keys,
                                        "--listen",     "tcp://127.0.0.1:*",
                                        "--control",    "tcp://127.0.0.1:*",
                                        "--events",     "tcp://127.0.0.1:*",
                                        "--rounds",     "1",
                                        "--steps",      "2",
                                        "--batch",      "8",
                                        "--split",      "4",
                                        "--test-limit", "50"});
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    QByteArray out;
    while (std::chrono::steady_clock::now() < deadline) {
      process.waitForReadyRead(200);
      out += process.readAll();
      const int at = out.indexOf("listening for agents on ");
      const int end = out.indexOf('\n', at);
      if (at >= 0 && end > at) {
        endpoint = out.mid(at + 24, end - at - 24).trimmed().toStdString();
        return true;
      }
      if (process.state() == QProcess::NotRunning) break;
    }
    qWarning("cloud output: %s", out.constData());
    return false;
  }
  ~CloudProcess() {
    process.terminate();
    if (!process.waitForFinished(5000)) process.kill();
  }
};

struct Agent {
  zmq::context_t ctx;
  zmq::socket_t socket{ctx, zmq::socket_type::dealer};
  Agent(const std::string& name, const CurveKeyPair& keys, const std::string& server_public,
        const std::string& endpoint) {
    socket.set(zmq::sockopt::routing_id, name);
    configureCurveClient(socket, keys, server_public);
    socket.connect(endpoint);
  }
  void send(const net::Body& body) {
    auto frames = net::encodeMessage(net::Message{0, 0, body});
    zmq::send_multipart(socket, frames);
  }
  // The next message within `ms`, skipping heartbeats.
  std::optional<net::Message> receive(int ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < deadline) {
      zmq::pollitem_t item{socket.handle(), 0, ZMQ_POLLIN, 0};
      zmq::poll(&item, 1, std::chrono::milliseconds(100));
      if (!(item.revents & ZMQ_POLLIN)) continue;
      std::vector<zmq::message_t> frames;
      (void)zmq::recv_multipart(socket, std::back_inserter(frames));
      auto decoded = net::decodeMessage(std::move(frames));
      if (decoded.ok() && !std::holds_alternative<net::Heartbeat>(decoded.message().body)) {
        return decoded.message();
      }
    }
    return std::nullopt;
  }
};

net::Hello hello(const std::string& name, size_t layers) {
  net::Hello h;
  h.device_name = name;
  h.role = "edge";
  h.memory_bytes = 1ull << 30;
  h.link = {100, 100, 1, 0, 0};
  h.layer_ms.assign(layers, 1.0);
  return h;
}

}  // namespace

class TstCloudProcess : public QObject {
  Q_OBJECT

 private slots:
  void approvedAgentIsWelcomedAndPlanned() {
    QTemporaryDir dir;
    const auto keys = dir.filePath("keys").toStdString();
    const CurveKeyPair agent_keys = generateCurveKeyPair();
    std::string server_public;
    {
      KeyStore store(keys);
      server_public = store.serverKeys().public_z85;
      store.approveKey("edge-a", agent_keys.public_z85, PeerRole::Device);
    }
    CloudProcess cloud;
    QVERIFY(cloud.start(QString::fromStdString(keys)));
    Agent agent("edge-a", agent_keys, server_public, cloud.endpoint);
    agent.send(hello("edge-a", 0));
    auto welcome = agent.receive(20000);
    QVERIFY(welcome.has_value());
    const auto* w = std::get_if<net::Welcome>(&welcome->body);
    QVERIFY(w != nullptr);
    QVERIFY(w->model_spec_json.find("factory_cnn1d") != std::string::npos);
    QVERIFY(!w->weights.empty());
    agent.send(hello("edge-a", 14));  // the profile: factory_cnn1d has 14 layers
    std::optional<net::RoundPlan> plan;
    for (int i = 0; i < 4 && !plan; ++i) {
      auto m = agent.receive(10000);
      QVERIFY(m.has_value());
      if (auto* p = std::get_if<net::RoundPlan>(&m->body)) plan = *p;
    }
    QVERIFY(plan.has_value());
    QCOMPARE(plan->round, 1u);
    QCOMPARE(plan->cut, 4u);
    QCOMPARE(plan->steps, 2u);
    QCOMPARE(cloud.process.state(), QProcess::Running);
  }

  void unknownKeyIsRefusedAndPending() {
    QTemporaryDir dir;
    const auto keys = dir.filePath("keys").toStdString();
    std::string server_public;
    {
      KeyStore store(keys);
      server_public = store.serverKeys().public_z85;
    }
    CloudProcess cloud;
    QVERIFY(cloud.start(QString::fromStdString(keys)));
    const CurveKeyPair stranger = generateCurveKeyPair();
    Agent agent("stranger", stranger, server_public, cloud.endpoint);
    agent.send(hello("stranger", 0));
    QVERIFY(!agent.receive(1500).has_value());  // the handshake never completes
    bool pending = false;
    for (int i = 0; i < 50 && !pending; ++i) {  // the cloud writes pending.json; read it afresh
      const KeyStore store(keys);
      for (const auto& p : store.pending())
        pending |= p.public_z85 == stranger.public_z85;
      if (!pending) QTest::qWait(100);
    }
    QVERIFY2(pending, "the unknown key must be listed as pending");
    QCOMPARE(cloud.process.state(), QProcess::Running);
  }
};

QTEST_GUILESS_MAIN(TstCloudProcess)
#include "tst_cloud_process.moc"
