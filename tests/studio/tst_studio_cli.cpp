// cleave-studio as a program, the way the README and the docs use it: --local-fleet N with a
// screenshot after a while (a live session with rounds on the plots), then --replay of the
// session that fleet recorded. Real processes; skipped with a reason when a binary is missing.
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
  int exit_code = -1;
  QString output;
};

Run runStudio(const QStringList& args, const QString& home, int timeout_ms) {
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("QT_QPA_PLATFORM", "offscreen");
  env.insert("HOME", home);  // settings and the local fleet's data stay in the temporary dir
  env.insert("XDG_CONFIG_HOME", home + "/config");
  env.insert("XDG_DATA_HOME", home + "/data");
  p.setProcessEnvironment(env);
  p.setProcessChannelMode(QProcess::MergedChannels);
  p.start(CLEAVE_STUDIO_BINARY, args);
  if (!p.waitForFinished(timeout_ms)) {
    p.kill();
    p.waitForFinished();
  }
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
          QString::fromLocal8Bit(p.readAll())};
}

int roundIn(const QString& state) {  // "… · round 4 of 10 · …" -> 4
  const qsizetype at = state.indexOf("round ");
  return at < 0 ? -1 : state.mid(at + 6).section(' ', 0, 0).toInt();
}

}  // namespace

class TstStudioCli : public QObject {
  Q_OBJECT

 private slots:
  void localFleetThenReplay() {
    if (!QFileInfo::exists(CLEAVE_CLOUD_BINARY)) QSKIP("cleave-cloud is not built");
    QTemporaryDir home;
    const QString live_png = home.filePath("live.png");
    const Run live =
        runStudio({"--local-fleet", "3", "--screenshot", live_png, "--quit-after", "40"},
                  home.path(), 120'000);
    QVERIFY2(live.exit_code == 0, qPrintable(live.output));
    const QImage shot(live_png);
    QVERIFY2(!shot.isNull() && shot.width() >= 800, qPrintable(live.output));
    const QString state = live.output.section("state: ", 1).section('\n', 0, 0);
    QVERIFY2(roundIn(state) >= 1, qPrintable("no round on the plots: " + live.output));

    // The fleet recorded its session under the data dir; replay it to the end.
    QStringList sessions;
    for (QDirIterator it(home.path() + "/data", {"session.cleave"}, QDir::Files,
                         QDirIterator::Subdirectories);
         it.hasNext();)
      sessions << it.next();
    QCOMPARE(sessions.size(), 1);
    const QString replay_png = home.filePath("replay.png");
    const Run replay =
        runStudio({"--replay", sessions.first(), "--screenshot", replay_png, "--quit-after", "10"},
                  home.path(), 60'000);
    QVERIFY2(replay.exit_code == 0, qPrintable(replay.output));
    QVERIFY(!QImage(replay_png).isNull());
    const QString replayed = replay.output.section("state: ", 1).section('\n', 0, 0);
    QVERIFY2(roundIn(replayed) >= roundIn(state) - 1, qPrintable(replay.output));
  }

  void badArgumentsAreRefusedWithAReason() {
    QTemporaryDir home;
    const Run r = runStudio({"--local-fleet", "0"}, home.path(), 20'000);
    QCOMPARE(r.exit_code, 2);
    QVERIFY2(r.output.contains("--local-fleet"), qPrintable(r.output));
    const Run s = runStudio({"--screenshot", "x.png"}, home.path(), 20'000);
    QCOMPARE(s.exit_code, 2);
    QVERIFY2(s.output.contains("--quit-after"), qPrintable(s.output));
  }
};

QTEST_GUILESS_MAIN(TstStudioCli)
#include "tst_studio_cli.moc"
