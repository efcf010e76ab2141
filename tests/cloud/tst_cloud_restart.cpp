// The cloud killed mid-session (SIGKILL, no goodbye) and restarted on the same port with the same
// --session: it resumes from its last checkpoint, the agents (still running, never restarted)
// reconnect by themselves with back-off, and the session file ends with every round exactly once.
#include <QTemporaryDir>
#include <QtTest>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/session/metric_names.h"
#include "core/session/session_reader.h"
#include "tests/cloud/cloud_harness.h"

using namespace cleave;
using cleave::test::ChildProcess;
using cleave::test::CloudProcess;

namespace {

// Polls the session file (read-only, beside the cloud's writer) until `round` is checkpointed.
bool waitForCheckpoint(const std::string& session, int round, int ms) {
  QElapsedTimer timer;
  timer.start();
  while (timer.elapsed() < ms) {
    try {
      const SessionReader reader(session);
      for (const auto& c : reader.checkpoints())
        if (c.round >= round) return true;
    } catch (const std::exception&) {  // not created yet
    }
    QTest::qWait(100);
  }
  return false;
}

}  // namespace

class TstCloudRestart : public QObject {
  Q_OBJECT

 private slots:
  void killedCloudResumesAndAgentsReconnect() {
    QTemporaryDir dir;
    const std::string keys = dir.filePath("keys").toStdString();
    const std::string agents = dir.filePath("agents").toStdString();
    const std::string session = dir.filePath("s.cleave").toStdString();
    test::prepareCloudKeys(keys);
    const int kRounds = 3;
    auto cloudArgs = [&](const std::string& listen) {
      return QStringList{"--use-case",     "factory",
                         "--keys",         QString::fromStdString(keys),
                         "--session",      QString::fromStdString(session),
                         "--listen",       QString::fromStdString(listen),
                         "--control",      "tcp://127.0.0.1:*",
                         "--events",       "tcp://127.0.0.1:*",
                         "--rounds",       QString::number(kRounds),
                         "--steps",        "6",
                         "--batch",        "16",
                         "--min-devices",  "2",
                         "--fedavg-every", "1",
                         "--test-limit",   "100"};
    };
    CloudProcess first;
    QVERIFY(first.startCloud(cloudArgs("tcp://127.0.0.1:*")));
    const std::string endpoint = first.endpoint;  // the restarted cloud binds this same port

    ChildProcess agent[2];
    for (int i = 0; i < 2; ++i) {
      const std::string name = "edge-" + std::to_string(i + 1);
      test::approvedAgentKeys(keys, agents, name);
      agent[i].start(CLEAVE_AGENT_BINARY, test::agentArgs(endpoint, name, agents, keys, i + 1));
    }
    // Round 1 completes and is checkpointed; then the cloud dies without a word.
    QVERIFY2(waitForCheckpoint(session, 1, 60'000),
             (first.output() + agent[0].output() + agent[1].output()).constData());
    first.kill();
    QCOMPARE(first.exitStatus(), QProcess::CrashExit);
    {
      const SessionReader before(session);
      QVERIFY2(before.checkpoints().size() < size_t(kRounds), "the kill must come mid-session");
    }
    QVERIFY(agent[0].running() && agent[1].running());

    CloudProcess second;
    QVERIFY2(second.startCloud(cloudArgs(endpoint)), second.output().constData());
    QCOMPARE(second.endpoint, endpoint);
    QVERIFY2(second.waitForExit(90'000), second.output().constData());
    QCOMPARE(second.exitCode(), 0);

    // The same agent processes served both clouds: they noticed the silence and reconnected.
    for (auto& a : agent) {
      QVERIFY2(a.output().contains("reconnecting in"), a.output().constData());
      QVERIFY2(a.output().count("welcomed as device") >= 2, a.output().constData());
      a.stop();  // agents outlive sessions (they wait for the next one); SIGTERM ends them
      QCOMPARE(a.exitStatus(), QProcess::NormalExit);
      QCOMPARE(a.exitCode(), 0);
    }

    // Every round exactly once (round 1 is not trained again): checkpoints, the session-wide
    // metrics, and one round_end each.
    const SessionReader reader(session);
    std::vector<int> checkpointed;
    for (const auto& c : reader.checkpoints())
      checkpointed.push_back(c.round);
    QCOMPARE(checkpointed, (std::vector<int>{1, 2, 3}));
    for (const char* name : {metric_name::kAccuracyFinal, metric_name::kRoundMs}) {
      MetricQuery q;
      q.device = "";
      q.name = name;
      std::vector<int> rounds;
      for (const auto& m : reader.metrics(q))
        rounds.push_back(m.round);
      QCOMPARE(rounds, (std::vector<int>{1, 2, 3}));
    }
    EventQuery ends;
    ends.kind = event_kind::kRoundEnd;
    std::vector<int> ended;
    for (const auto& e : reader.events(ends))
      ended.push_back(e.round);
    QCOMPARE(ended, (std::vector<int>{1, 2, 3}));
    // The session says where the second cloud took over.
    EventQuery starts;
    starts.kind = event_kind::kSessionStart;
    const auto started = reader.events(starts);
    QCOMPARE(started.size(), size_t(2));
    const auto resumed = nlohmann::json::parse(started[1].data_json);
    QVERIFY2(resumed.value("resumed", false), started[1].data_json.c_str());
    QVERIFY2(resumed.contains("from_round") && resumed["from_round"].get<int>() >= 1 &&
                 resumed["from_round"].get<int>() < kRounds,
             started[1].data_json.c_str());
    QVERIFY(!nlohmann::json::parse(started[0].data_json).value("resumed", true));
    // Both devices trained in the rounds after the restart.
    MetricQuery per_device;
    per_device.name = metric_name::kRoundMs;
    std::map<int, std::set<std::string>> devices;
    for (const auto& m : reader.metrics(per_device))
      if (!m.device.empty()) devices[m.round].insert(m.device);
    for (int r = 2; r <= kRounds; ++r)
      QCOMPARE(devices[r], (std::set<std::string>{"edge-1", "edge-2"}));
  }
};

QTEST_GUILESS_MAIN(TstCloudRestart)
#include "tst_cloud_restart.moc"
