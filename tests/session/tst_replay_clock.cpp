// ReplayClock timing (speeds, pause, seek, speed changes) and replayEvents' schedule, all on a fake
// clock: nothing sleeps, every expected time is derived from t_us / speed.
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "core/session/replay.h"
#include "core/session/replay_clock.h"
#include "core/session/session_reader.h"
#include "core/session/session_writer.h"
#include "session_fixture.h"

using namespace cleave;
using namespace cleave::test;

namespace {

struct FakeTime {
  int64_t now = 1'000;
  ReplayClock::NowFn fn() {
    return [this] { return now; };
  }
};

constexpr int64_t kT0 = 5'000'000;

}  // namespace

class TstReplayClock : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  std::string m_path;

 private slots:
  void initTestCase() {
    m_path = m_dir.filePath("replay.cleave").toStdString();
    SessionWriter writer(m_path, sampleInfo());
    for (int r = 0; r < 3; ++r)
      recordRound(writer, r);
  }

  void speeds_data() {
    QTest::addColumn<double>("speed");
    for (double s : {0.25, 0.5, 1.0, 2.0, 3.0, 100.0})
      QTest::addRow("%gx", s) << s;
  }
  void speeds() {
    QFETCH(double, speed);
    FakeTime time;
    ReplayClock clock(speed, time.fn());
    clock.start(kT0);
    QCOMPARE(clock.position(), kT0);
    const int64_t event = kT0 + 1'000'000;
    const auto expectedWait = static_cast<int64_t>(std::ceil(1'000'000 / speed));
    QCOMPARE(clock.waitUs(event), std::optional<int64_t>(expectedWait));
    QVERIFY(clock.isDue(kT0));
    time.now += expectedWait - 1;
    QCOMPARE(clock.waitUs(event), std::optional<int64_t>(1));
    QVERIFY(!clock.isDue(event));
    time.now += 1;
    QVERIFY(clock.isDue(event));
    const int64_t elapsed = expectedWait;
    QCOMPARE(clock.position(), kT0 + static_cast<int64_t>(std::floor(elapsed * speed)));
    time.now += 10'000'000;  // long overdue stays due, never negative
    QCOMPARE(clock.waitUs(event), std::optional<int64_t>(0));
  }

  void asFastAsPossible() {
    FakeTime time;
    ReplayClock clock(kReplayAsFastAsPossible, time.fn());
    clock.start(kT0);
    QVERIFY(clock.isDue(kT0 + 3'600'000'000));
    time.now += 5;
    QCOMPARE(clock.position(), kT0);
    clock.pause();
    QVERIFY(!clock.waitUs(kT0).has_value());
  }

  void pauseFreezesAndResumeContinues() {
    FakeTime time;
    ReplayClock clock(2.0, time.fn());
    clock.start(kT0);
    time.now += 100'000;
    clock.pause();
    QVERIFY(clock.paused());
    QCOMPARE(clock.position(), kT0 + 200'000);
    time.now += 10'000'000;
    QCOMPARE(clock.position(), kT0 + 200'000);
    QVERIFY(!clock.waitUs(kT0).has_value());  // nothing is due while paused
    clock.resume();
    QCOMPARE(clock.waitUs(kT0 + 500'000), std::optional<int64_t>(150'000));
    time.now += 150'000;
    QVERIFY(clock.isDue(kT0 + 500'000));
  }

  void seek() {
    FakeTime time;
    ReplayClock clock(1.0, time.fn());
    clock.start(kT0);
    time.now += 2'000'000;
    clock.seek(kT0 + 10'000'000);
    QCOMPARE(clock.position(), kT0 + 10'000'000);
    QCOMPARE(clock.waitUs(kT0 + 10'500'000), std::optional<int64_t>(500'000));
    QVERIFY(clock.isDue(kT0 + 9'000'000));  // before the seek point: due at once
    clock.seek(kT0);                        // backwards
    QCOMPARE(clock.waitUs(kT0 + 1'000'000), std::optional<int64_t>(1'000'000));
    clock.pause();
    clock.seek(kT0 + 42);
    QVERIFY(clock.paused());
    QCOMPARE(clock.position(), kT0 + 42);
    clock.resume();
    QCOMPARE(clock.waitUs(kT0 + 1'042), std::optional<int64_t>(1'000));
  }

  void speedChangeKeepsPosition() {
    FakeTime time;
    ReplayClock clock(1.0, time.fn());
    clock.start(kT0);
    time.now += 1'000'000;
    clock.setSpeed(4.0);
    QCOMPARE(clock.position(), kT0 + 1'000'000);
    QCOMPARE(clock.waitUs(kT0 + 3'000'000), std::optional<int64_t>(500'000));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, clock.setSpeed(1000.0));
    QCOMPARE(clock.speed(), 4.0);
  }

  void invalidSpeeds_data() {
    QTest::addColumn<double>("speed");
    QTest::addRow("zero") << 0.0;
    QTest::addRow("too slow") << 0.2;
    QTest::addRow("too fast") << 100.5;
    QTest::addRow("negative") << -1.0;
    QTest::addRow("nan") << std::nan("");
  }
  void invalidSpeeds() {
    QFETCH(double, speed);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ReplayClock clock(speed));
  }

  void parseSpeed_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("speed");  // 0: must be refused
    QTest::addRow("plain") << "2" << 2.0;
    QTest::addRow("suffix") << "0.25x" << 0.25;
    QTest::addRow("upper suffix") << "100X" << 100.0;
    QTest::addRow("max") << "max" << kReplayAsFastAsPossible;
    QTest::addRow("fast") << "fast" << kReplayAsFastAsPossible;
    QTest::addRow("garbage") << "2y" << 0.0;
    QTest::addRow("empty") << "" << 0.0;
    QTest::addRow("only x") << "x" << 0.0;
    QTest::addRow("out of range") << "500x" << 0.0;
  }
  void parseSpeed() {
    QFETCH(QString, text);
    QFETCH(double, speed);
    const auto utf8 = text.toStdString();
    if (speed == 0.0) {
      QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseReplaySpeed(utf8));
    } else {
      QCOMPARE(parseReplaySpeed(utf8), speed);
    }
  }

  void replayFollowsTheSchedule_data() {
    QTest::addColumn<double>("speed");
    QTest::addColumn<qint64>("from");  // -1: from the first event
    QTest::addRow("1x") << 1.0 << qint64(-1);
    QTest::addRow("2x") << 2.0 << qint64(-1);
    QTest::addRow("0.25x") << 0.25 << qint64(-1);
    QTest::addRow("100x seek") << 100.0 << qint64(1'000'250);
    QTest::addRow("max") << kReplayAsFastAsPossible << qint64(-1);
  }
  void replayFollowsTheSchedule() {
    QFETCH(double, speed);
    QFETCH(qint64, from);
    FakeTime time;
    const int64_t wallStart = time.now;
    int64_t longestSleep = 0;
    ReplayOptions options;
    options.now = time.fn();
    options.sleep = [&](int64_t us) {
      QVERIFY(us > 0);
      longestSleep = std::max(longestSleep, us);
      time.now += us;
    };
    if (from >= 0) options.from_us = from;
    std::vector<Event> emitted;
    std::vector<int64_t> at;
    SessionReader reader(m_path);
    const auto count = replayEvents(
        reader, speed,
        [&](const Event& e) {
          emitted.push_back(e);
          at.push_back(time.now - wallStart);
        },
        [] { return false; }, options);

    auto expected = expectedEvents(0, 2);
    if (from >= 0) std::erase_if(expected, [&](const Event& e) { return e.t_us < from; });
    QCOMPARE(count, static_cast<int64_t>(expected.size()));
    QVERIFY(emitted == expected);
    const int64_t origin = from >= 0 ? from : expected.front().t_us;
    for (size_t i = 0; i < expected.size(); ++i) {
      const int64_t due =
          speed == kReplayAsFastAsPossible
              ? 0
              : static_cast<int64_t>(std::ceil(double(expected[i].t_us - origin) / speed));
      QCOMPARE(at[i], due);
    }
    QVERIFY(longestSleep <= 50'000);  // should_stop is polled at least every 50 ms
  }

  void replayStops() {
    FakeTime time;
    ReplayOptions options;
    options.now = time.fn();
    int sleeps = 0;
    options.sleep = [&](int64_t us) {
      ++sleeps;
      time.now += us;
    };
    int emitted = 0;
    SessionReader reader(m_path);
    // Stop while waiting for the 4th event (round 0's events are all within 1 s).
    const auto count = replayEvents(
        reader, 1.0, [&](const Event&) { ++emitted; }, [&] { return emitted >= 3 && sleeps > 0; },
        options);
    QCOMPARE(count, int64_t{3});
    QCOMPARE(emitted, 3);
  }
};

QTEST_APPLESS_MAIN(TstReplayClock)
#include "tst_replay_clock.moc"
