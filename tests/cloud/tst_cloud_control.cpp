// The studio's contract with a real cleave-cloud process (--stay) and a real cleave-agent: SYNC
// catches up on events (session_start with the model spec, device_joined with the profile),
// SetSplit shows in the next plan, SetLink reaches the agent, PauseRounds stops new rounds,
// StartRounds continues, StopRounds ends the session but the cloud keeps serving, bad commands
// get error replies, and an unknown key is a pending device an operator lets in by its name.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "core/net/curve_socket.h"
#include "core/net/key_store.h"
#include "core/net/keys.h"
#include "core/net/wire_codec.h"

using namespace cleave;
using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

// A started process whose merged output is collected as it comes.
struct Process {
  QProcess process;
  QByteArray out;

  void start(const QString& program, const QStringList& args) {
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, args);
  }
  // Waits (polling) until the output contains `text`; returns the output from there on.
  std::optional<QByteArray> waitFor(const QByteArray& text, int ms) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(ms);
    while (Clock::now() < deadline) {
      out += process.readAll();
      const int at = out.indexOf(text);
      if (at >= 0) return out.mid(at);
      if (process.state() == QProcess::NotRunning) break;
      process.waitForReadyRead(100);
    }
    out += process.readAll();
    return std::nullopt;
  }
  bool running() const { return process.state() == QProcess::Running; }
  ~Process() {
    process.terminate();
    if (!process.waitForFinished(10000)) process.kill();
  }
};

// The endpoint named `key` in the cloud's "endpoints agents=... control=... events=..." line.
std::string endpointOf(const QByteArray& line, const QByteArray& key) {
  const int at = line.indexOf(key + "=");
  if (at < 0) return {};
  int end = at + key.size() + 1;
  while (end < line.size() && line[end] != ' ' && line[end] != '\n')
    ++end;
  return line.mid(at + key.size() + 1, end - at - key.size() - 1).toStdString();
}

// The studio's side: a CURVE DEALER on the control socket.
struct Control {
  zmq::context_t ctx;
  zmq::socket_t socket{ctx, zmq::socket_type::dealer};
  Control(const CurveKeyPair& keys, const std::string& server_public, const std::string& endpoint) {
    socket.set(zmq::sockopt::routing_id, "studio");  // the operator's approved name
    configureCurveClient(socket, keys, server_public);
    socket.connect(endpoint);
  }
  std::optional<net::CommandReply> send(const net::Command& command, int ms = 10000) {
    zmq::send_multipart(socket, net::encodeMessage(net::Message{0, 0, command}));
    zmq::pollitem_t item{socket.handle(), 0, ZMQ_POLLIN, 0};
    if (zmq::poll(&item, 1, std::chrono::milliseconds(ms)) <= 0) return std::nullopt;
    std::vector<zmq::message_t> frames;
    (void)zmq::recv_multipart(socket, std::back_inserter(frames));
    auto decoded = net::decodeMessage(std::move(frames));
    if (!decoded.ok()) return std::nullopt;
    if (auto* reply = std::get_if<net::CommandReply>(&decoded.message().body)) return *reply;
    return std::nullopt;
  }
  // Every event the cloud kept, paging while "more".
  std::vector<Json> sync(int* pages = nullptr) {
    std::vector<Json> events;
    int64_t since = 0;
    for (int page = 1; page < 1000; ++page) {
      net::Command c;
      c.kind = net::CommandKind::Sync;
      c.since_us = since;
      auto reply = send(c);
      if (!reply || !reply->ok) return events;
      const Json data = Json::parse(reply->data_json);
      for (const auto& e : data["events"])
        events.push_back(e);
      since = data["next_since_us"].get<int64_t>();
      if (pages) *pages = page;
      if (!data["more"].get<bool>()) break;
    }
    return events;
  }
  // The first event `match` accepts, polling SYNC for up to `ms`.
  std::optional<Json> waitEvent(const std::function<bool(const Json&)>& match, int ms) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(ms);
    while (Clock::now() < deadline) {
      for (const Json& e : sync())
        if (match(e)) return e;
      QTest::qWait(100);
    }
    return std::nullopt;
  }
};

net::Command command(net::CommandKind kind) {
  net::Command c;
  c.kind = kind;
  return c;
}

int64_t lastRoundStarted(const std::vector<Json>& events) {
  int64_t round = 0;
  for (const Json& e : events)
    if (e["kind"] == "round_start") round = std::max<int64_t>(round, e["round"].get<int64_t>());
  return round;
}

}  // namespace

class TstCloudControl : public QObject {
  Q_OBJECT

 private slots:
  void studioContract() {
    QTemporaryDir dir;
    const auto keys = dir.filePath("keys").toStdString();
    const auto agent_keys_dir = dir.filePath("agent-keys").toStdString();
    const CurveKeyPair studio_keys = generateCurveKeyPair();
    std::string server_public;
    {
      KeyStore store(keys);
      server_public = store.serverKeys().public_z85;
      store.approveKey("studio", studio_keys.public_z85, PeerRole::Operator);
      const CurveKeyPair agent = generateCurveKeyPair();
      writeKeyPair(agent_keys_dir, "edge-a", agent);
      store.approveKey("edge-a", agent.public_z85, PeerRole::Device);
    }
    Process cloud;
    cloud.start(
        CLEAVE_CLOUD_BINARY,
        {"--use-case", "factory", "--keys", QString::fromStdString(keys), "--listen",
         "tcp://127.0.0.1:*", "--control", "tcp://127.0.0.1:*", "--events", "tcp://127.0.0.1:*",
         "--rounds", "100000", "--steps", "2", "--batch", "8", "--test-limit", "50", "--stay"});
    const auto line = cloud.waitFor("endpoints ", 60000);
    QVERIFY2(line.has_value(), cloud.out.constData());
    const std::string agents_ep = endpointOf(*line, "agents");
    const std::string control_ep = endpointOf(*line, "control");
    const std::string events_ep = endpointOf(*line, "events");
    QVERIFY(agents_ep.starts_with("tcp://127.0.0.1:") && !agents_ep.ends_with("*"));
    QVERIFY(control_ep.starts_with("tcp://127.0.0.1:") && events_ep.starts_with("tcp://"));

    // A studio listening on PUB sees the same events as SYNC returns.
    zmq::context_t sub_ctx;
    zmq::socket_t sub(sub_ctx, zmq::socket_type::sub);
    configureCurveClient(sub, studio_keys, server_public);
    sub.set(zmq::sockopt::subscribe, "");
    sub.connect(events_ep);

    Process agent;
    agent.start(CLEAVE_AGENT_BINARY,
                {"--cloud", QString::fromStdString(agents_ep), "--name", "edge-a", "--keys",
                 QString::fromStdString(agent_keys_dir), "--cloud-key",
                 QString::fromStdString(keyFilePaths(keys, "cloud").public_file.string()), "--data",
                 "factory:seed=1", "--link", "bw=100mbit,lat=1ms"});

    Control control(studio_keys, server_public, control_ep);

    // SYNC: session_start with the model spec and settings; device_joined with the profile.
    auto start =
        control.waitEvent([](const Json& e) { return e["kind"] == "session_start"; }, 20000);
    QVERIFY(start.has_value());
    QVERIFY((*start)["data"]["spec_json"].get<std::string>().find("factory_cnn1d") !=
            std::string::npos);
    QCOMPARE((*start)["data"]["settings"]["steps"].get<int>(), 2);
    QCOMPARE((*start)["data"]["split"]["mode"].get<std::string>(), std::string("fastest"));
    auto joined = control.waitEvent(
        [](const Json& e) {
          return e["kind"] == "device_joined" && e["device"] == "edge-a" &&
                 e["data"]["profiled"].get<bool>();
        },
        40000);
    QVERIFY2(joined.has_value(), agent.out.constData());
    QCOMPARE((*joined)["data"]["layer_ms"].size(), size_t{14});  // factory_cnn1d's layers
    QVERIFY((*joined)["data"]["layer_ms"][0].get<double>() > 0);
    QCOMPARE((*joined)["data"]["link"]["up_mbps"].get<double>(), 100.0);
    QVERIFY((*joined)["data"]["memory_bytes"].get<int64_t>() > 0);

    // Bad commands: clear errors, the cloud keeps running.
    net::Command bad_cut = command(net::CommandKind::SetSplit);
    bad_cut.split_mode = net::SplitMode::Manual;
    bad_cut.cut = 99;
    auto reply = control.send(bad_cut);
    QVERIFY(reply.has_value());
    QVERIFY(!reply->ok);
    QVERIFY2(reply->error.find("0..13") != std::string::npos, reply->error.c_str());
    net::Command bad_link = command(net::CommandKind::SetLink);
    bad_link.device = "nope";
    bad_link.link = {10, 10, 5, 0, 0};
    reply = control.send(bad_link);
    QVERIFY(reply.has_value());
    QVERIFY(!reply->ok);
    QVERIFY2(reply->error.find("nope") != std::string::npos, reply->error.c_str());
    net::Command bad_approve = command(net::CommandKind::ApproveKey);
    bad_approve.key = "unnamed-00000000";
    reply = control.send(bad_approve);
    QVERIFY(reply.has_value() && !reply->ok);
    QVERIFY(cloud.running());

    // SetSplit manual cut 3: the next plan puts edge-a at cut 3.
    net::Command split = command(net::CommandKind::SetSplit);
    split.split_mode = net::SplitMode::Manual;
    split.cut = 3;
    reply = control.send(split);
    QVERIFY(reply.has_value());
    QVERIFY2(reply->ok, reply->error.c_str());
    auto settings = control.waitEvent([](const Json& e) { return e["kind"] == "settings"; }, 5000);
    QVERIFY(settings.has_value());
    const int64_t split_at = (*settings)["t_us"].get<int64_t>();
    auto plan = control.waitEvent(
        [&](const Json& e) { return e["kind"] == "plan" && e["t_us"].get<int64_t>() >= split_at; },
        30000);
    QVERIFY2(plan.has_value(), cloud.out.constData());
    QCOMPARE((*plan)["data"]["devices"][0]["cut"].get<int>(), 3);

    // SetLink reaches the agent: a device_settings event, and the agent applies and says so.
    net::Command link = command(net::CommandKind::SetLink);
    link.device = "edge-a";
    link.link = {20, 40, 7, 1, 0};
    link.slowdown = 1.5;
    reply = control.send(link);
    QVERIFY(reply.has_value());
    QVERIFY2(reply->ok, reply->error.c_str());
    auto device_settings = control.waitEvent(
        [](const Json& e) { return e["kind"] == "device_settings" && e["device"] == "edge-a"; },
        5000);
    QVERIFY(device_settings.has_value());
    QCOMPARE((*device_settings)["data"]["link"]["down_mbps"].get<double>(), 40.0);
    QCOMPARE((*device_settings)["data"]["slowdown"].get<double>(), 1.5);
    const auto applied = agent.waitFor("link set by the cloud", 10000);
    QVERIFY2(applied.has_value(), agent.out.constData());
    QVERIFY(applied->left(applied->indexOf('\n')).contains("up 20 Mbit/s, down 40 Mbit/s"));
    QVERIFY(applied->left(applied->indexOf('\n')).contains("slowdown 1.5"));

    // An unknown key knocks: a pending device_status; approved by that name, it is let in.
    const CurveKeyPair stranger_keys = generateCurveKeyPair();
    net::Hello hello;
    hello.device_name = "stranger";
    hello.role = "edge";
    hello.link = {100, 100, 1, 0, 0};
    auto stranger = std::make_unique<zmq::context_t>();
    auto knock = [&] {
      auto s = std::make_unique<zmq::socket_t>(*stranger, zmq::socket_type::dealer);
      s->set(zmq::sockopt::routing_id, "stranger");
      s->set(zmq::sockopt::linger, 0);
      configureCurveClient(*s, stranger_keys, server_public);
      s->connect(agents_ep);
      zmq::send_multipart(*s, net::encodeMessage(net::Message{0, 0, hello}));
      return s;
    };
    auto socket = knock();
    auto pending = control.waitEvent(
        [&](const Json& e) {
          return e["kind"] == "device_status" && e["data"]["status"] == "pending" &&
                 stranger_keys.public_z85.starts_with(
                     e["data"]["fingerprint"].get<std::string>().substr(0, 8));
        },
        10000);
    QVERIFY2(pending.has_value(), cloud.out.constData());
    const std::string pending_name = (*pending)["device"].get<std::string>();
    QVERIFY(pending_name.starts_with("unnamed-"));
    net::Command approve = command(net::CommandKind::ApproveKey);
    approve.key = pending_name;
    approve.device = "stranger";  // admitted under the name its socket uses
    reply = control.send(approve);
    QVERIFY(reply.has_value());
    QVERIFY2(reply->ok, reply->error.c_str());
    auto approved = control.waitEvent(
        [&](const Json& e) {
          return e["kind"] == "device_status" && e["device"] == pending_name &&
                 e["data"]["status"] == "approved";
        },
        5000);
    QVERIFY(approved.has_value());
    bool welcomed = false;
    const auto welcome_deadline = Clock::now() + std::chrono::seconds(15);
    while (!welcomed && Clock::now() < welcome_deadline) {
      socket = knock();  // a new handshake, now with an approved key
      zmq::pollitem_t item{socket->handle(), 0, ZMQ_POLLIN, 0};
      const auto until = Clock::now() + std::chrono::seconds(2);
      while (!welcomed && Clock::now() < until) {
        if (zmq::poll(&item, 1, std::chrono::milliseconds(100)) <= 0) continue;
        std::vector<zmq::message_t> frames;
        (void)zmq::recv_multipart(*socket, std::back_inserter(frames));
        auto decoded = net::decodeMessage(std::move(frames));
        welcomed = decoded.ok() && std::holds_alternative<net::Welcome>(decoded.message().body);
      }
    }
    QVERIFY2(welcomed, "an approved pending key must be welcomed");
    socket.reset();

    // PauseRounds: the round in flight finishes, no new one starts.
    reply = control.send(command(net::CommandKind::PauseRounds));
    QVERIFY(reply.has_value() && reply->ok);
    auto paused = control.waitEvent([](const Json& e) { return e["kind"] == "paused"; }, 5000);
    QVERIFY(paused.has_value());
    const int64_t paused_round = (*paused)["data"]["round"].get<int64_t>();
    // The round in flight (if any) closes by itself: completed or by its deadline.
    auto closed = control.waitEvent(
        [&](const Json& e) {
          return e["kind"] == "round_end" && e["round"].get<int64_t>() >= paused_round;
        },
        30000);
    QVERIFY(closed.has_value());
    QTest::qWait(2000);  // an observation window: rounds here take well under a second
    QCOMPARE(lastRoundStarted(control.sync()), paused_round);

    // StartRounds with new settings continues: a resumed event, a settings event, new rounds.
    net::Command go = command(net::CommandKind::StartRounds);
    go.settings.steps = 3;
    reply = control.send(go);
    QVERIFY(reply.has_value());
    QVERIFY2(reply->ok, reply->error.c_str());
    QCOMPARE(Json::parse(reply->data_json)["settings"]["steps"].get<int>(), 3);
    QVERIFY(control.waitEvent([](const Json& e) { return e["kind"] == "resumed"; }, 5000));
    auto more = control.waitEvent(
        [&](const Json& e) {
          return e["kind"] == "round_start" && e["round"].get<int64_t>() > paused_round;
        },
        30000);
    QVERIFY(more.has_value());

    // StopRounds: the session ends (session_end), the --stay cloud keeps answering.
    reply = control.send(command(net::CommandKind::StopRounds));
    QVERIFY(reply.has_value() && reply->ok);
    auto end = control.waitEvent([](const Json& e) { return e["kind"] == "session_end"; }, 10000);
    QVERIFY(end.has_value());
    QCOMPARE((*end)["data"]["reason"].get<std::string>(), std::string("stopped"));
    int pages = 0;
    const auto all = control.sync(&pages);
    QVERIFY(all.size() > 20);
    for (size_t i = 1; i < all.size(); ++i)  // time order, as the studio replays them
      QVERIFY(all[i - 1]["t_us"].get<int64_t>() <= all[i]["t_us"].get<int64_t>());
    QVERIFY(cloud.running());

    // The PUB socket carried the same stream.
    int published = 0;
    bool saw_paused = false;
    zmq::pollitem_t item{sub.handle(), 0, ZMQ_POLLIN, 0};
    while (zmq::poll(&item, 1, std::chrono::milliseconds(200)) > 0) {
      std::vector<zmq::message_t> frames;
      (void)zmq::recv_multipart(sub, std::back_inserter(frames));
      auto decoded = net::decodeMessage(std::move(frames));
      if (!decoded.ok()) continue;
      if (auto* e = std::get_if<net::Event>(&decoded.message().body)) {
        ++published;
        saw_paused |= e->kind == "paused";
      }
    }
    QVERIFY(published > 10);
    QVERIFY(saw_paused);
  }
};

QTEST_GUILESS_MAIN(TstCloudControl)
#include "tst_cloud_control.moc"
