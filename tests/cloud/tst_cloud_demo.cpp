// The whole runtime end to end: cleave-cloud --demo starts real cleave-agent processes, runs the
// rounds to completion over CURVE on loopback, and records every round in the session and JSON.
#include <sys/types.h>

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/session/metric_names.h"
#include "core/session/session_reader.h"

using namespace cleave;

namespace {

// Runs cleave-cloud --demo to completion; returns its output, or fails the test.
QByteArray runDemo(const QTemporaryDir& dir, const QStringList& extra) {
  QProcess cloud;
  cloud.setProcessChannelMode(QProcess::MergedChannels);
  cloud.start(CLEAVE_CLOUD_BINARY, QStringList{"--demo", "2", "--use-case", "factory", "--steps",
                                               "5", "--keys", dir.filePath("keys"), "--session",
                                               dir.filePath("demo.cleave"), "--test-limit", "200"} +
                                       extra);
  const bool done = cloud.waitForFinished(90'000);
  const QByteArray output = cloud.readAll();
  if (!done) cloud.kill();
  if (!done || cloud.exitCode() != 0) qWarning("%s", output.constData());
  return done && cloud.exitCode() == 0 ? output : QByteArray();
}

}  // namespace

class TstCloudDemo : public QObject {
  Q_OBJECT

 private slots:
  void killedAgentBecomesAStragglerAndTheRunFinishes() {
    QTemporaryDir dir;
    QProcess cloud;
    cloud.setProcessChannelMode(QProcess::MergedChannels);
    cloud.start(CLEAVE_CLOUD_BINARY,
                {"--demo", "2", "--use-case", "factory", "--rounds", "3", "--steps", "10", "--keys",
                 dir.filePath("keys"), "--json", dir.filePath("r.json"), "--test-limit", "100"});
    QByteArray output;
    qint64 victim = 0;
    QElapsedTimer timer;
    timer.start();
    // Wait for round 1 to finish, then kill edge-2 without a chance to say goodbye.
    while (timer.elapsed() < 60'000 && !output.contains("round   1/3")) {
      cloud.waitForReadyRead(200);
      output += cloud.readAll();
    }
    const int at = output.indexOf("started edge-2");
    QVERIFY2(at >= 0 && output.contains("round   1/3"), output.constData());
    const int pid_at = output.indexOf("pid ", at) + 4;
    victim = output.mid(pid_at, output.indexOf(')', pid_at) - pid_at).toLongLong();
    QVERIFY(victim > 0);
    QCOMPARE(::kill(static_cast<pid_t>(victim), SIGKILL), 0);
    QVERIFY(cloud.waitForFinished(90'000));
    output += cloud.readAll();
    QCOMPARE(cloud.exitCode(), 0);
    QVERIFY2(output.contains("round   3/3"), output.constData());
    std::ifstream in(dir.filePath("r.json").toStdString());
    const auto report = nlohmann::json::parse(in);
    QCOMPARE(report["rounds"].size(), size_t(3));
    // After the kill edge-1 keeps training; edge-2 is a straggler or gone.
    const auto& last = report["rounds"][2]["devices"];
    bool edge1_done = false;
    for (const auto& d : last) {
      if (d["device"] == "edge-1")
        edge1_done = d["steps"].get<int>() == 10 && !d["straggler"].get<bool>();
      if (d["device"] == "edge-2") QVERIFY(d["straggler"].get<bool>());
    }
    QVERIFY(edge1_done);
  }

  void restartedCloudResumesFromTheCheckpoint() {
    QTemporaryDir dir;
    QVERIFY(!runDemo(dir, {"--rounds", "1"}).isEmpty());
    const QByteArray second = runDemo(dir, {"--rounds", "2"});  // same keys, same session
    QVERIFY(second.contains("from round 1"));
    QVERIFY(second.contains("round   2/2"));
    QVERIFY(!second.contains("round   1/2"));  // round 1 is not trained again
    const SessionReader reader(dir.filePath("demo.cleave").toStdString());
    QCOMPARE(reader.checkpoints().size(), size_t(2));
  }

  void demoFleetCompletesEveryRound() {
    QTemporaryDir dir;
    const QString session = dir.filePath("demo.cleave");
    const QString json = dir.filePath("demo.json");
    QProcess cloud;
    cloud.setProcessChannelMode(QProcess::MergedChannels);
    cloud.start(CLEAVE_CLOUD_BINARY,
                {"--demo", "2", "--use-case", "factory", "--rounds", "2", "--steps", "5",
                 "--fedavg-every", "2", "--keys", dir.filePath("keys"), "--session", session,
                 "--json", json, "--test-limit", "200"});
    QVERIFY(cloud.waitForStarted());
    const bool done = cloud.waitForFinished(90'000);
    const QByteArray output = cloud.readAll();
    if (!done) cloud.kill();
    QVERIFY2(done, output.constData());
    QCOMPARE(cloud.exitCode(), 0);
    QVERIFY2(output.contains("round   2/2"), output.constData());

    std::ifstream in(json.toStdString());
    const auto report = nlohmann::json::parse(in);
    QCOMPARE(report["rounds"].size(), size_t(2));
    for (const auto& r : report["rounds"]) {
      QCOMPARE(r["reason"].get<std::string>(), std::string("completed"));
      QCOMPARE(r["devices"].size(), size_t(2));
      for (const auto& d : r["devices"])
        QCOMPARE(d["steps"].get<int>(), 5);
    }
    QVERIFY(report["rounds"][1]["averaged"].get<bool>());

    const SessionReader reader(session.toStdString());
    MetricQuery q;
    q.device = "";
    q.name = metric_name::kAccuracyFinal;
    QCOMPARE(reader.metrics(q).size(), size_t(2));
    QCOMPARE(reader.checkpoints().size(), size_t(2));  // a restarted cloud resumes from these
  }
};

QTEST_GUILESS_MAIN(TstCloudDemo)
#include "tst_cloud_demo.moc"
