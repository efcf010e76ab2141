// The whole runtime end to end: cleave-cloud --demo starts real cleave-agent processes, runs the
// rounds to completion over CURVE on loopback, and records every round in the session and JSON.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
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
