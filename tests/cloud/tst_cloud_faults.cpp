// Faults against the real cleave-cloud process over CURVE on loopback: a peer speaking another
// wire version is refused with a readable reason, garbage and oversized frames are dropped and
// logged once per peer, and through all of it the cloud keeps serving real agents.
#include <zmq.h>

#include <QTemporaryDir>
#include <QtTest>
#include <chrono>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "core/net/bad_message_log.h"
#include "core/net/curve_socket.h"
#include "core/net/protocol.pb.h"
#include "core/net/wire_codec.h"
#include "core/net/wire_tensor.h"
#include "tests/cloud/cloud_harness.h"

using namespace cleave;
using cleave::test::CloudProcess;

namespace {

// A protocol-level peer: a CURVE DEALER that sends hand-made frames.
struct Peer {
  zmq::context_t& ctx;
  std::string name;
  zmq::socket_t socket{ctx, zmq::socket_type::dealer};

  Peer(zmq::context_t& c, std::string n, const CurveKeyPair& keys, const std::string& server,
       const std::string& endpoint)
      : ctx(c), name(std::move(n)) {
    socket.set(zmq::sockopt::routing_id, name);
    socket.set(zmq::sockopt::linger, 0);
    configureCurveClient(socket, keys, server);
    socket.connect(endpoint);
  }
  void sendFrames(std::vector<zmq::message_t> frames) {
    QVERIFY(zmq::send_multipart(socket, frames).has_value());
  }
  void send(const net::Body& body) { sendFrames(net::encodeMessage(net::Message{0, 0, body})); }
  // The next decodable message within `ms`, skipping heartbeats.
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

net::Hello hello(const std::string& name) {
  net::Hello h;
  h.device_name = name;
  h.role = "edge";
  h.memory_bytes = 1ull << 30;
  h.link = {100, 100, 1, 0, 0};
  return h;
}

std::vector<zmq::message_t> copyFrames(const std::vector<zmq::message_t>& frames) {
  std::vector<zmq::message_t> out;
  for (const auto& f : frames)
    out.emplace_back(f.data(), f.size());
  return out;
}

// Why the local decoder refuses `frames`: the reason the cloud must log for them.
std::string localReason(const std::vector<zmq::message_t>& frames) {
  auto result = net::decodeMessage(copyFrames(frames));
  return result.ok() ? std::string("(decodes fine)")
                     : std::string(net::decodeErrorReasonName(result.error().reason));
}

// Watches `socket` for its connection being dropped by the other side.
class DisconnectWatch {
 public:
  DisconnectWatch(zmq::context_t& ctx, zmq::socket_t& socket, const std::string& tag)
      : m_pair(ctx, zmq::socket_type::pair) {
    const std::string address = "inproc://watch-" + tag;
    zmq_socket_monitor(socket.handle(), address.c_str(), ZMQ_EVENT_DISCONNECTED);
    m_pair.connect(address);
  }
  bool waitForDisconnect(int ms) {
    zmq::pollitem_t item{m_pair.handle(), 0, ZMQ_POLLIN, 0};
    if (zmq::poll(&item, 1, std::chrono::milliseconds(ms)) == 0) return false;
    std::vector<zmq::message_t> frames;
    (void)zmq::recv_multipart(m_pair, std::back_inserter(frames));
    uint16_t event = 0;
    if (!frames.empty() && frames[0].size() >= 2) std::memcpy(&event, frames[0].data(), 2);
    return event == ZMQ_EVENT_DISCONNECTED;  // the only event subscribed to
  }

 private:
  zmq::socket_t m_pair;
};

}  // namespace

class TstCloudFaults : public QObject {
  Q_OBJECT

 private slots:
  void otherWireVersionIsRefusedAndOthersAreServed() {
    QTemporaryDir dir;
    const std::string keys = dir.filePath("keys").toStdString();
    const std::string agents = dir.filePath("agents").toStdString();
    const std::string server = test::prepareCloudKeys(keys);
    const CurveKeyPair old_keys = test::approvedAgentKeys(keys, agents, "old-agent");
    const CurveKeyPair good_keys = test::approvedAgentKeys(keys, agents, "good-agent");
    CloudProcess cloud;
    QVERIFY(cloud.startCloud({"--use-case", "factory", "--keys", QString::fromStdString(keys),
                              "--listen", "tcp://127.0.0.1:*", "--control", "tcp://127.0.0.1:*",
                              "--events", "tcp://127.0.0.1:*", "--rounds", "1", "--steps", "2",
                              "--test-limit", "50"}));
    zmq::context_t ctx;
    Peer old_agent(ctx, "old-agent", old_keys, server, cloud.endpoint);
    // A Hello in an envelope of the next wire version, as a newer agent would send it.
    std::vector<zmq::message_t> frames = net::encodeMessage({0, 0, hello("old-agent")});
    wire::Envelope envelope;
    QVERIFY(envelope.ParseFromArray(frames[0].data(), static_cast<int>(frames[0].size())));
    envelope.set_version(net::kWireVersion + 1);
    const std::string head = envelope.SerializeAsString();
    frames[0] = zmq::message_t(head.data(), head.size());
    old_agent.sendFrames(std::move(frames));

    const auto answer = old_agent.receive(15'000);
    QVERIFY2(answer.has_value(), cloud.output().constData());
    const auto* refused = std::get_if<net::Refused>(&answer->body);
    QVERIFY2(refused != nullptr, std::string(net::bodyName(answer->body)).c_str());
    QVERIFY(refused->reason == net::RefusedReason::VersionMismatch);
    // Readable: says both versions.
    const std::string theirs = std::to_string(net::kWireVersion + 1);
    const std::string ours = std::to_string(net::kWireVersion);
    QVERIFY2(refused->text.find("version " + theirs) != std::string::npos, refused->text.c_str());
    QVERIFY2(refused->text.find(ours) != std::string::npos, refused->text.c_str());

    // The cloud keeps serving a current agent.
    Peer good(ctx, "good-agent", good_keys, server, cloud.endpoint);
    good.send(hello("good-agent"));
    const auto welcome = good.receive(15'000);
    QVERIFY2(welcome.has_value(), cloud.output().constData());
    QVERIFY2(std::holds_alternative<net::Welcome>(welcome->body),
             std::string(net::bodyName(welcome->body)).c_str());
    QVERIFY(cloud.running());
  }

  void garbageAndOversizedFramesAreDroppedAndARealAgentFinishes() {
    QTemporaryDir dir;
    const std::string keys = dir.filePath("keys").toStdString();
    const std::string agents = dir.filePath("agents").toStdString();
    const std::string server = test::prepareCloudKeys(keys);
    const QString json = dir.filePath("r.json");
    CloudProcess cloud;
    QVERIFY(cloud.startCloud({"--use-case",   "factory",
                              "--keys",       QString::fromStdString(keys),
                              "--listen",     "tcp://127.0.0.1:*",
                              "--control",    "tcp://127.0.0.1:*",
                              "--events",     "tcp://127.0.0.1:*",
                              "--rounds",     "1",
                              "--steps",      "3",
                              "--batch",      "16",
                              "--test-limit", "100",
                              "--json",       json}));
    zmq::context_t ctx;

    // Each kind of garbage comes from its own authenticated peer, twice: it must be logged once.
    struct Junk {
      std::string peer;
      std::vector<zmq::message_t> frames;
    };
    std::vector<Junk> junk;
    {
      std::mt19937 rng(20261122);
      std::vector<uint8_t> random(300);
      for (auto& b : random)
        b = static_cast<uint8_t>(rng());
      std::vector<zmq::message_t> f;
      f.emplace_back(random.data(), random.size());
      f.emplace_back(random.data(), 77);
      junk.push_back({"junk-random", std::move(f)});
    }
    {
      net::Hello h = hello("junk-truncated");
      h.cpu_model = std::string(200, 'x');
      std::vector<zmq::message_t> f = net::encodeMessage({0, 0, h});
      f[0] = zmq::message_t(f[0].data(), f[0].size() / 2);  // cut inside a field
      junk.push_back({"junk-truncated", std::move(f)});
    }
    {
      net::Activations a;
      a.round = 1;
      a.labels = {1, 2};
      a.activation = net::encodeTensor("act", Tensor(Shape{2, 4}, std::vector<float>(8, 0.5f)),
                                       net::TensorCodec::Fp32);
      std::vector<zmq::message_t> f = net::encodeMessage({0, 0, a});
      std::vector<uint8_t> longer(f[1].size() * 2, 7);  // twice what the envelope declares
      f[1] = zmq::message_t(longer.data(), longer.size());
      junk.push_back({"junk-long-tensor", std::move(f)});
    }
    std::vector<std::unique_ptr<Peer>> peers;
    for (const Junk& j : junk) {
      const CurveKeyPair k = test::approvedAgentKeys(keys, agents, j.peer);
      peers.push_back(std::make_unique<Peer>(ctx, j.peer, k, server, cloud.endpoint));
      const std::string reason = localReason(j.frames);
      QVERIFY2(reason != "(decodes fine)", j.peer.c_str());
      peers.back()->sendFrames(copyFrames(j.frames));
      peers.back()->sendFrames(copyFrames(j.frames));
    }
    for (size_t i = 0; i < junk.size(); ++i) {
      const std::string line = "dropped a bad message from " +
                               net::BadMessageLog::anonymousLabel(junk[i].peer) + ": " +
                               localReason(junk[i].frames);
      QVERIFY2(cloud.waitFor(QByteArray::fromStdString(line), 20'000),
               (line + "\n--- cloud output:\n" + cloud.output().toStdString()).c_str());
    }

    // A frame above the cloud's ZMQ_MAXMSGSIZE (512 MiB): libzmq drops the connection as soon as
    // it reads the frame's size, before any byte of it reaches the cloud's code.
    {
      const CurveKeyPair k = test::approvedAgentKeys(keys, agents, "junk-huge");
      Peer huge(ctx, "junk-huge", k, server, cloud.endpoint);
      DisconnectWatch watch(ctx, huge.socket, "huge");
      // No Hello: a welcomed peer would be planned into the round the real agent must finish.
      const int64_t values = (int64_t{513} << 20) / 4;
      net::Activations a;
      a.round = 1;
      a.labels = {0};
      a.activation = net::ownedTensor("act", Shape{1, values}, net::TensorCodec::Fp32,
                                      std::vector<uint8_t>(size_t(values) * 4, 0));
      huge.send(a);
      QVERIFY2(watch.waitForDisconnect(60'000), "the cloud must drop an oversized frame");
    }
    QVERIFY(cloud.running());

    // A real agent joins after all that and completes its round; the cloud then exits cleanly.
    const CurveKeyPair k = test::approvedAgentKeys(keys, agents, "edge-real");
    test::ChildProcess agent;
    agent.start(CLEAVE_AGENT_BINARY, test::agentArgs(cloud.endpoint, "edge-real", agents, keys, 1));
    QVERIFY2(cloud.waitForExit(60'000), cloud.output().constData());
    QCOMPARE(cloud.exitStatus(), QProcess::NormalExit);
    QCOMPARE(cloud.exitCode(), 0);
    std::ifstream in(json.toStdString());
    const auto report = nlohmann::json::parse(in);
    QCOMPARE(report["rounds"].size(), size_t(1));
    bool real_done = false;
    for (const auto& d : report["rounds"][0]["devices"]) {
      if (d["device"] == "edge-real")
        real_done = d["steps"].get<int>() == 3 && !d["straggler"].get<bool>();
    }
    QVERIFY2(real_done, report.dump().c_str());
    // Logged once per peer, though each sent its garbage twice.
    for (const Junk& j : junk) {
      const QByteArray label =
          QByteArray::fromStdString("from " + net::BadMessageLog::anonymousLabel(j.peer) + ":");
      QCOMPARE(cloud.output().count(label), 1);
    }
  }
};

QTEST_GUILESS_MAIN(TstCloudFaults)
#include "tst_cloud_faults.moc"
