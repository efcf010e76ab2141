// Early-exit inference with real processes on loopback: a cleave-cloud and cleave-agents in
// inference mode. Answers arrive, exit_stats events carry plausible rates (threshold 1 -> every
// sample exits on the edge, a tiny threshold -> every sample goes to the cloud), inferring agents
// are left out of training rounds, and SetInference switches a training agent to inference. A
// camera agent's previews are published as PNGs and never recorded.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "core/net/curve_socket.h"
#include "core/net/key_store.h"
#include "core/net/keys.h"
#include "core/net/wire_codec.h"
#include "core/session/session_reader.h"

using namespace cleave;
using Json = nlohmann::json;

namespace {

struct Process {
  QProcess process;
  QByteArray output;

  void start(const QString& binary, const QStringList& args) {
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(binary, args);
  }
  QByteArray read() {
    output += process.readAll();
    return output;
  }
  ~Process() {
    process.terminate();
    if (!process.waitForFinished(5000)) process.kill();
  }
};

// An operator: SUB on the cloud's events, DEALER on its control socket, both over CURVE.
struct Operator {
  zmq::context_t ctx;
  zmq::socket_t events{ctx, zmq::socket_type::sub};
  zmq::socket_t control{ctx, zmq::socket_type::dealer};
  std::vector<net::Event> seen;

  Operator(const CurveKeyPair& keys, const std::string& server_public, const std::string& events_ep,
           const std::string& control_ep) {
    configureCurveClient(events, keys, server_public);
    events.set(zmq::sockopt::subscribe, "");
    events.connect(events_ep);
    control.set(zmq::sockopt::routing_id, "operator");
    configureCurveClient(control, keys, server_public);
    control.connect(control_ep);
  }

  void drain(int ms) {
    zmq::pollitem_t item{events.handle(), 0, ZMQ_POLLIN, 0};
    zmq::poll(&item, 1, std::chrono::milliseconds(ms));
    while (true) {
      std::vector<zmq::message_t> frames;
      if (!zmq::recv_multipart(events, std::back_inserter(frames), zmq::recv_flags::dontwait))
        return;
      auto decoded = net::decodeMessage(std::move(frames));
      if (!decoded.ok()) continue;
      if (auto* e = std::get_if<net::Event>(&decoded.message().body)) seen.push_back(*e);
    }
  }

  // Waits up to `ms` for an event matching `pred` among those not yet consumed.
  template <typename Pred>
  std::optional<net::Event> waitFor(Pred pred, int ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    size_t checked = 0;
    while (std::chrono::steady_clock::now() < deadline) {
      for (; checked < seen.size(); ++checked) {
        if (pred(seen[checked])) return seen[checked];
      }
      drain(100);
    }
    return std::nullopt;
  }

  std::optional<net::CommandReply> command(const net::Command& cmd, int ms) {
    zmq::send_multipart(control, net::encodeMessage(net::Message{0, 0, cmd}));
    zmq::pollitem_t item{control.handle(), 0, ZMQ_POLLIN, 0};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < deadline) {
      zmq::poll(&item, 1, std::chrono::milliseconds(100));
      if (!(item.revents & ZMQ_POLLIN)) continue;
      std::vector<zmq::message_t> frames;
      (void)zmq::recv_multipart(control, std::back_inserter(frames));
      auto decoded = net::decodeMessage(std::move(frames));
      if (!decoded.ok()) continue;
      if (auto* r = std::get_if<net::CommandReply>(&decoded.message().body)) return *r;
    }
    return std::nullopt;
  }
};

// An exit_stats event from `device` with samples answered and the inference mode set.
auto exitStatsOf(const std::string& device) {
  return [device](const net::Event& e) {
    if (e.kind != "exit_stats" || e.device != device) return false;
    const Json j = Json::parse(e.data_json, nullptr, false);
    return j.is_object() && j.value("mode", "") == "inference" && j.value("samples", 0) > 0;
  };
}

}  // namespace

class TstCloudInference : public QObject {
  Q_OBJECT

 private slots:
  void inferenceFleetAndSwitch() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string keys = dir.filePath("keys").toStdString();
    const std::string agent_keys_dir = dir.filePath("agent-keys").toStdString();
    const CurveKeyPair op = generateCurveKeyPair();
    std::string server_public;
    {
      KeyStore store(keys);
      server_public = store.serverKeys().public_z85;
      store.approveKey("operator", op.public_z85, PeerRole::Operator);
      for (const char* name : {"edge-local", "edge-cloud", "edge-train"}) {
        const CurveKeyPair pair = generateCurveKeyPair();
        writeKeyPair(agent_keys_dir, name, pair);
        store.approveKey(name, pair.public_z85, PeerRole::Device);
      }
    }
    // ipc endpoints in the temporary directory: ephemeral, and known without parsing output.
    const std::string control_ep = "ipc://" + dir.filePath("control").toStdString();
    const std::string events_ep = "ipc://" + dir.filePath("events").toStdString();
    Process cloud;
    cloud.start(CLEAVE_CLOUD_BINARY, {"--use-case",    "factory",
                                      "--keys",        QString::fromStdString(keys),
                                      "--listen",      "tcp://127.0.0.1:*",
                                      "--control",     QString::fromStdString(control_ep),
                                      "--events",      QString::fromStdString(events_ep),
                                      "--rounds",      "1000",
                                      "--steps",       "2",
                                      "--batch",       "8",
                                      "--split",       "4",
                                      "--test-limit",  "50",
                                      "--min-devices", "1"});
    std::string endpoint;
    for (int i = 0; i < 300 && endpoint.empty(); ++i) {
      cloud.process.waitForReadyRead(200);
      const QByteArray out = cloud.read();
      const int at = out.indexOf("listening for agents on ");
      const int end = out.indexOf('\n', at);
      if (at >= 0 && end > at) endpoint = out.mid(at + 24, end - at - 24).trimmed().toStdString();
      QVERIFY2(cloud.process.state() != QProcess::NotRunning, cloud.output.constData());
    }
    QVERIFY2(!endpoint.empty(), cloud.output.constData());
    Operator ops(op, server_public, events_ep, control_ep);

    const QString cloud_key =
        QString::fromStdString(keyFilePaths(keys, "cloud").public_file.string());
    auto agent = [&](Process& p, const char* name, QStringList extra) {
      QStringList args{"--cloud",     QString::fromStdString(endpoint),
                       "--name",      name,
                       "--keys",      QString::fromStdString(agent_keys_dir),
                       "--cloud-key", cloud_key,
                       "--data",      "factory:seed=3",
                       "--quiet"};
      p.start(CLEAVE_AGENT_BINARY, args + extra);
    };
    Process local;
    Process remote;
    Process trainer;
    agent(local, "edge-local", {"--mode", "inference", "--threshold", "1", "--rate", "40"});
    agent(remote, "edge-cloud", {"--mode", "inference", "--threshold", "0.000001", "--rate", "40"});
    agent(trainer, "edge-train", {});

    // Threshold 1: every sample leaves at the edge's exit; the cloud answers none.
    auto local_stats = ops.waitFor(exitStatsOf("edge-local"), 45000);
    QVERIFY2(local_stats, (cloud.read() + local.read()).constData());
    Json j = Json::parse(local_stats->data_json);
    QCOMPARE(j["exit_rate"].get<double>(), 1.0);
    QCOMPARE(j["exits"]["cloud"].get<int>(), 0);
    QCOMPARE(j["threshold"].get<double>(), 1.0);
    QVERIFY(j.contains("accuracy_per_exit"));  // the factory generator's labels are known
    QVERIFY(j["latency_ms_mean"].get<double>() > 0);

    // A tiny threshold: every sample goes up and comes back answered by the cloud.
    auto cloud_stats = ops.waitFor(exitStatsOf("edge-cloud"), 30000);
    QVERIFY2(cloud_stats, (cloud.read() + remote.read()).constData());
    j = Json::parse(cloud_stats->data_json);
    QCOMPARE(j["exit_rate"].get<double>(), 0.0);
    QCOMPARE(j["exits"]["cloud"].get<int>(), j["samples"].get<int>());
    QVERIFY(j["latency_ms_p95"].get<double>() >= j["latency_ms_mean"].get<double>());
    QCOMPARE(j["timeouts"].get<int>(), 0);

    // Rounds go on with the training agent alone: inferring agents are never planned.
    auto round = ops.waitFor(
        [](const net::Event& e) {
          if (e.kind != "round_start") return false;
          const Json d = Json::parse(e.data_json, nullptr, false);
          return d.is_object() && d["devices"].size() == 1 && d["devices"][0] == "edge-train";
        },
        45000);
    QVERIFY2(round, (cloud.read() + trainer.read()).constData());
    for (const auto& e : ops.seen) {
      if (e.kind != "round_start") continue;
      const std::string devices = Json::parse(e.data_json)["devices"].dump();
      QVERIFY2(devices.find("edge-local") == std::string::npos, devices.c_str());
      QVERIFY2(devices.find("edge-cloud") == std::string::npos, devices.c_str());
    }

    // SetInference: the training agent switches, reports exit stats at the new threshold.
    net::Command cmd;
    cmd.kind = net::CommandKind::SetInference;
    cmd.device = "edge-train";
    cmd.mode = net::AgentMode::Inference;
    cmd.threshold = 1.0;
    const auto reply = ops.command(cmd, 10000);
    QVERIFY(reply);
    QVERIFY2(reply->ok, reply->error.c_str());
    auto switched = ops.waitFor(exitStatsOf("edge-train"), 30000);
    QVERIFY2(switched, (cloud.read() + trainer.read()).constData());
    QCOMPARE(Json::parse(switched->data_json)["exit_rate"].get<double>(), 1.0);
    auto status = ops.waitFor(
        [](const net::Event& e) {
          return e.kind == "device_status" && e.device == "edge-train" &&
                 e.data_json.find("inference") != std::string::npos;
        },
        1);
    QVERIFY(status);

    // An unknown device is refused with a reason (a threshold outside [0, 1] never gets past
    // the wire decoder).
    cmd.device = "nobody";
    const auto refused = ops.command(cmd, 10000);
    QVERIFY(refused);
    QVERIFY(!refused->ok);
    QVERIFY(refused->error.find("nobody") != std::string::npos);
    QCOMPARE(cloud.process.state(), QProcess::Running);
  }

  void cameraPreviewsArePublishedNotRecorded() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string keys = dir.filePath("keys").toStdString();
    const std::string agent_keys_dir = dir.filePath("agent-keys").toStdString();
    const std::string session = dir.filePath("s.cleave").toStdString();
    const CurveKeyPair op = generateCurveKeyPair();
    std::string server_public;
    {
      KeyStore store(keys);
      server_public = store.serverKeys().public_z85;
      store.approveKey("operator", op.public_z85, PeerRole::Operator);
      const CurveKeyPair pair = generateCurveKeyPair();
      writeKeyPair(agent_keys_dir, "cam-1", pair);
      store.approveKey("cam-1", pair.public_z85, PeerRole::Device);
    }
    const std::string control_ep = "ipc://" + dir.filePath("control").toStdString();
    const std::string events_ep = "ipc://" + dir.filePath("events").toStdString();
    Process cloud;
    cloud.start(CLEAVE_CLOUD_BINARY,
                {"--use-case", "camera", "--mode", "inference", "--keys",
                 QString::fromStdString(keys), "--session", QString::fromStdString(session),
                 "--listen", "tcp://127.0.0.1:*", "--control", QString::fromStdString(control_ep),
                 "--events", QString::fromStdString(events_ep), "--test-limit", "50"});
    std::string endpoint;
    for (int i = 0; i < 300 && endpoint.empty(); ++i) {
      cloud.process.waitForReadyRead(200);
      const QByteArray out = cloud.read();
      const int at = out.indexOf("listening for agents on ");
      const int end = out.indexOf('\n', at);
      if (at >= 0 && end > at) endpoint = out.mid(at + 24, end - at - 24).trimmed().toStdString();
      QVERIFY2(cloud.process.state() != QProcess::NotRunning, cloud.output.constData());
    }
    QVERIFY2(!endpoint.empty(), cloud.output.constData());
    Operator ops(op, server_public, events_ep, control_ep);
    Process cam;
    cam.start(CLEAVE_AGENT_BINARY,
              {"--cloud", QString::fromStdString(endpoint), "--name", "cam-1", "--keys",
               QString::fromStdString(agent_keys_dir), "--cloud-key",
               QString::fromStdString(keyFilePaths(keys, "cloud").public_file.string()), "--data",
               "fashion-mnist:shard=1/20", "--mode", "inference", "--threshold", "0.5", "--rate",
               "20", "--quiet"});
    auto preview = ops.waitFor(
        [](const net::Event& e) { return e.kind == "preview" && e.device == "cam-1"; }, 45000);
    QVERIFY2(preview, (cloud.read() + cam.read()).constData());
    const Json p = Json::parse(preview->data_json);
    // "iVBORw0KGgo" is the base64 of the PNG signature.
    QVERIFY(p["png_base64"].get<std::string>().rfind("iVBORw0KGgo", 0) == 0);
    QVERIFY(p["exit"] == "local" || p["exit"] == "edge" || p["exit"] == "cloud");
    QVERIFY(p.contains("label"));
    QVERIFY(ops.waitFor(exitStatsOf("cam-1"), 15000));
    cloud.process.terminate();
    QVERIFY(cloud.process.waitForFinished(15000));
    const SessionReader reader(session);
    size_t exit_stats = 0;
    for (const Event& e : reader.events()) {
      QVERIFY2(e.kind != "preview", "previews must never be recorded");
      exit_stats += e.kind == "exit_stats";
    }
    QVERIFY(exit_stats >= 1);
  }
};

QTEST_GUILESS_MAIN(TstCloudInference)
#include "tst_cloud_inference.moc"
