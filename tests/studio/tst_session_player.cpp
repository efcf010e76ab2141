// SessionPlayer over a session file written in code: every event comes out exactly once and in
// order, seeking backwards resets and re-emits up to the new position, speed scales time.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "app/link/session_player.h"
#include "core/session/session_writer.h"

using namespace cleave;
using namespace cleave::studio;

namespace {

constexpr int64_t kSpanUs = 1'000'000;  // the recorded session lasts one second

std::vector<Event> writeSession(const QString& path) {
  SessionWriter writer(path.toStdString(),
                       SessionInfo{"", R"({"name":"tiny"})", "factory", R"({"rounds":3})", 0});
  std::vector<Event> events;
  events.push_back({0, "session_start", -1, "", "{}"});
  for (int i = 1; i <= 40; ++i) {
    const int64_t t = i * kSpanUs / 40;
    events.push_back({t, i % 2 ? "phase_timing" : "log", i / 10, "dev-" + std::to_string(i % 3),
                      "{\"i\":" + std::to_string(i) + "}"});
    if (i % 10 == 0) events.push_back({t, "round_end", i / 10, "", "{}"});  // same instant
  }
  for (const Event& e : events)
    writer.appendEvent(e);
  writer.flush();
  return events;
}

std::vector<Event> flatten(const QSignalSpy& spy, qsizetype from = 0) {
  std::vector<Event> all;
  for (qsizetype i = from; i < spy.size(); ++i) {
    for (const Event& e : spy.at(i).at(0).value<QVector<Event>>())
      all.push_back(e);
  }
  return all;
}

}  // namespace

class TstSessionPlayer : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  QString m_path;
  std::vector<Event> m_events;

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath("s.cleave");
    m_events = writeSession(m_path);
  }

  void opensAndReportsInfo() {
    SessionPlayer player;
    QSignalSpy opened(&player, &SessionPlayer::opened);
    player.open(m_path);
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 5000);
    const auto info = opened.at(0).at(0).value<SessionFileInfo>();
    QCOMPARE(info.use_case, QStringLiteral("factory"));
    QCOMPARE(info.start_us, 0);
    QCOMPARE(info.end_us, kSpanUs);
    QVERIFY(info.model_spec_json.contains("tiny"));
    QTRY_COMPARE_WITH_TIMEOUT(player.state(), SourceState::Paused, 5000);
  }

  void missingFileFails() {
    SessionPlayer player;
    player.open(m_dir.filePath("nope.cleave"));
    QTRY_COMPARE_WITH_TIMEOUT(player.state(), SourceState::Failed, 5000);
    QVERIFY(!player.stateDetail().isEmpty());
  }

  void playsEveryEventOnceInOrder() {
    SessionPlayer player;
    QSignalSpy events(&player, &SessionPlayer::eventsArrived);
    QSignalSpy positions(&player, &SessionPlayer::positionChanged);
    player.open(m_path);
    QTRY_COMPARE_WITH_TIMEOUT(player.state(), SourceState::Paused, 5000);
    player.setSpeed(100);
    player.play();
    QTRY_COMPARE_WITH_TIMEOUT(player.state(), SourceState::Finished, 10000);
    QCOMPARE(flatten(events), m_events);
    QVERIFY(positions.size() > 1);
    QCOMPARE(player.position(), kSpanUs);
  }

  void seekBackwardsResetsAndReEmits() {
    SessionPlayer player;
    QSignalSpy events(&player, &SessionPlayer::eventsArrived);
    QSignalSpy resets(&player, &SessionPlayer::resetRequested);
    player.open(m_path);
    QTRY_COMPARE_WITH_TIMEOUT(player.state(), SourceState::Paused, 5000);
    const qsizetype resets_after_open = resets.size();
    player.seek(kSpanUs);  // forward: everything, no reset
    QTRY_COMPARE_WITH_TIMEOUT(flatten(events).size(), m_events.size(), 5000);
    QCOMPARE(resets.size(), resets_after_open);

    const qsizetype mark = events.size();
    const int64_t t = kSpanUs / 2;
    player.seek(t);
    QTRY_COMPARE_WITH_TIMEOUT(resets.size(), resets_after_open + 1, 5000);
    std::vector<Event> expected;
    for (const Event& e : m_events)
      if (e.t_us <= t) expected.push_back(e);
    QTRY_COMPARE_WITH_TIMEOUT(flatten(events, mark).size(), expected.size(), 5000);
    QCOMPARE(flatten(events, mark), expected);
    QTRY_COMPARE_WITH_TIMEOUT(player.position(), t, 5000);
    QCOMPARE(player.state(), SourceState::Paused);  // seeking keeps the paused state
  }

  void speedScalesTime() {
    SessionPlayer player;
    player.open(m_path);
    QTRY_COMPARE_WITH_TIMEOUT(player.state(), SourceState::Paused, 5000);
    player.setSpeed(1000);  // clamped
    QCOMPARE(player.speed(), SessionPlayer::kMaxSpeed);
    player.setSpeed(4);
    QElapsedTimer wall;
    wall.start();
    player.play();
    QTRY_COMPARE_WITH_TIMEOUT(player.state(), SourceState::Finished, 10000);
    // One second of session at 4x takes at least 250 ms of wall time (never early).
    QVERIFY2(wall.elapsed() >= 240, qPrintable(QString::number(wall.elapsed())));

    player.pause();
    player.setSpeed(100);
    QSignalSpy resets(&player, &SessionPlayer::resetRequested);
    player.play();  // at the end: starts over
    QTRY_COMPARE_WITH_TIMEOUT(resets.size(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(player.state(), SourceState::Finished, 10000);
  }
};

QTEST_GUILESS_MAIN(TstSessionPlayer)
#include "tst_session_player.moc"
