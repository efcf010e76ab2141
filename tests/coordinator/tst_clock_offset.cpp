// ClockOffsetEstimator with synthetic clocks: a known offset is recovered from exchanges with
// random queueing, the NTP bias under asymmetric delays is what RFC 5905 says, drift is followed.
#include <QtTest>
#include <random>

#include "core/metrics/clock_offset.h"

using namespace cleave;

namespace {

// One exchange with the peer's clock `offset_us` ahead of ours; returns whether it was taken.
bool exchange(ClockOffsetEstimator& e, int64_t t1, int64_t offset_us, int64_t down_us,
              int64_t hold_us, int64_t up_us) {
  const int64_t t2 = t1 + down_us + offset_us;
  const int64_t t3 = t2 + hold_us;
  const int64_t t4 = t3 - offset_us + up_us;
  return e.add(t1, t2, t3, t4);
}

}  // namespace

class TstClockOffset : public QObject {
  Q_OBJECT

 private slots:
  void emptyEstimatorIsInvalid() {
    const ClockOffsetEstimator e;
    QVERIFY(!e.valid());
    QCOMPARE(e.offsetUs(), 0.0);
  }

  void recoversSyntheticOffset_data() {
    QTest::addColumn<qint64>("offset_us");
    QTest::addRow("agent 3.7 s ahead") << qint64(3'700'000);
    QTest::addRow("agent 250 ms behind") << qint64(-250'000);
    QTest::addRow("epoch clock vs session clock") << qint64(1'763'800'000'000'000);
  }
  void recoversSyntheticOffset() {
    QFETCH(qint64, offset_us);
    // 20 ms each way plus random queueing up to 30 ms per leg; the agent holds 5..50 ms.
    std::mt19937_64 rng(7);
    std::exponential_distribution<double> queue(1.0 / 8000);
    std::uniform_int_distribution<int64_t> hold(5000, 50000);
    ClockOffsetEstimator e(64);
    int64_t t1 = 1'000'000;
    for (int i = 0; i < 200; ++i) {
      const auto q = [&] { return std::min<int64_t>(30'000, int64_t(queue(rng))); };
      QVERIFY(exchange(e, t1, offset_us, 20'000 + q(), hold(rng), 20'000 + q()));
      t1 += 100'000;
    }
    // The error is at most half the best sample's queueing asymmetry: well under a millisecond
    // here.
    QVERIFY2(std::abs(e.offsetUs() - double(offset_us)) < 1000,
             qPrintable(QString::number(e.offsetUs() - double(offset_us))));
    // And never more than half the best round trip's excess over the symmetric 40 ms.
    QVERIFY(e.rttUs() >= 40'000);
    QVERIFY(std::abs(e.offsetUs() - double(offset_us)) <= (e.rttUs() - 40'000) / 2 + 1);
    QCOMPARE(e.toLocalUs(offset_us + 5'000'000), 5'000'000 - (e.offsetUs() - double(offset_us)));
  }

  // RFC 5905: with one-way delays d_up, d_down the estimate is off by (d_down - d_up) / 2.
  void asymmetricDelaysBiasByHalfTheDifference() {
    ClockOffsetEstimator e;
    QVERIFY(exchange(e, 0, 1'000'000, 2'000, 1'000, 10'000));
    QCOMPARE(e.offsetUs(), 1'000'000.0 + (2'000 - 10'000) / 2.0);
    QCOMPARE(e.rttUs(), 12'000.0);
  }

  void minimumRoundTripWins() {
    ClockOffsetEstimator e;
    QVERIFY(exchange(e, 0, 500'000, 40'000, 0, 10'000));      // skewed by queueing: -15 ms
    QVERIFY(exchange(e, 100'000, 500'000, 5'000, 0, 5'000));  // clean
    QVERIFY(exchange(e, 200'000, 500'000, 10'000, 0, 60'000));
    QCOMPARE(e.offsetUs(), 500'000.0);
    QCOMPARE(e.samples(), size_t(3));
  }

  void nonCausalSamplesIgnored() {
    ClockOffsetEstimator e;
    QVERIFY(!e.add(100, 0, 50, 90));   // answer received before the question was sent
    QVERIFY(!e.add(0, 100, 50, 200));  // the peer answered before it received
    QVERIFY(!e.valid());
  }

  void windowFollowsDrift() {
    ClockOffsetEstimator e(8);
    for (int i = 0; i < 8; ++i)
      QVERIFY(exchange(e, i * 1000, 100, 1000, 0, 1000));
    QCOMPARE(e.offsetUs(), 100.0);
    // The peer's clock stepped by 2 ms; slower samples than the old best, but it ages out.
    for (int i = 8; i < 16; ++i)
      QVERIFY(exchange(e, i * 1000, 2100, 1500, 0, 1500));
    QCOMPARE(e.offsetUs(), 2100.0);
  }
};

QTEST_APPLESS_MAIN(TstClockOffset)
#include "tst_clock_offset.moc"
