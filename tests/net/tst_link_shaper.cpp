// Link emulation arithmetic: bandwidth, queueing, latency + half-normal jitter, loss as extra round
// trips, in-order delivery, run-time profile changes; and the CPU slowdown helper. No sleeping:
// times are handed in explicitly or come from an injected clock.
#include <QtTest>
#include <cmath>
#include <numbers>
#include <thread>

#include "core/net/link_shaper.h"

using namespace cleave;
using namespace std::chrono_literals;
using TimePoint = LinkShaper::TimePoint;
using Duration = LinkShaper::Duration;

namespace {

LinkProfile link(double up, double down, double lat = 0, double jitter = 0, double loss = 0) {
  LinkProfile p;
  p.up_mbps = up;
  p.down_mbps = down;
  p.latency_ms = lat;
  p.jitter_ms = jitter;
  p.loss = loss;
  return p;
}

double ms(Duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

const TimePoint kT0 = TimePoint(1000s);

}  // namespace

class TstLinkShaper : public QObject {
  Q_OBJECT

 private slots:
  void bandwidth_data();
  void bandwidth();
  void backToBackMessagesQueue();
  void directionsAreIndependent();
  void latencyAndJitterBounds();
  void sameSeedSameSamples();
  void lossAddsRoundTrips();
  void deliveryStaysInOrder();
  void profileChangesAtRunTime();
  void invalidProfilesAreRefused();
  void injectedClock();
  void slowdown_data();
  void slowdown();
};

void TstLinkShaper::bandwidth_data() {
  QTest::addColumn<qint64>("bytes");
  QTest::addColumn<double>("mbps");
  QTest::addColumn<double>("latency_ms");
  QTest::addColumn<double>("expected_ms");
  // expected = bytes * 8 / (mbps * 10^6) seconds + latency
  QTest::addRow("1 MB at 8 Mbit") << qint64{1'000'000} << 8.0 << 0.0 << 1000.0;
  QTest::addRow("125 kB at 1 Mbit + 30 ms") << qint64{125'000} << 1.0 << 30.0 << 1030.0;
  QTest::addRow("1500 B at 100 Mbit") << qint64{1500} << 100.0 << 0.0 << 0.12;
  QTest::addRow("784 floats at 20 Mbit") << qint64{784 * 4} << 20.0 << 5.0 << 5.0 + 1.2544;
  QTest::addRow("unlimited") << qint64{50'000'000} << 0.0 << 10.0 << 10.0;
}

void TstLinkShaper::bandwidth() {
  QFETCH(qint64, bytes);
  QFETCH(double, mbps);
  QFETCH(double, latency_ms);
  QFETCH(double, expected_ms);
  LinkShaper shaper(link(mbps, mbps, latency_ms), 1);
  const auto d = shaper.schedule(LinkDirection::Up, static_cast<std::size_t>(bytes), kT0);
  QCOMPARE(d.queued, Duration(0));
  QCOMPARE(d.retransmissions, 0);
  QVERIFY2(std::abs(ms(d.delivered - kT0) - expected_ms) < 1e-6,
           qPrintable(QString::number(ms(d.delivered - kT0))));
  QVERIFY(std::abs(ms(d.total()) - expected_ms) < 1e-6);
}

void TstLinkShaper::backToBackMessagesQueue() {
  // 125,000 B at 10 Mbit/s = 100 ms on the wire each; 20 ms latency.
  LinkShaper shaper(link(10, 10, 20), 1);
  for (int i = 0; i < 3; ++i) {
    const auto d = shaper.schedule(LinkDirection::Up, 125'000, kT0);
    QVERIFY(std::abs(ms(d.queued) - 100.0 * i) < 1e-6);
    QVERIFY(std::abs(ms(d.delivered - kT0) - (100.0 * (i + 1) + 20.0)) < 1e-6);
  }
  // Sent after the wire has drained (t0 + 300 ms): no queue again.
  const auto later = shaper.schedule(LinkDirection::Up, 125'000, kT0 + 500ms);
  QCOMPARE(later.queued, Duration(0));
  QVERIFY(std::abs(ms(later.delivered - kT0) - 620.0) < 1e-6);
  // Sent while the previous one is half way through: waits for the remaining 50 ms.
  const auto overlap = shaper.schedule(LinkDirection::Up, 125'000, kT0 + 550ms);
  QVERIFY(std::abs(ms(overlap.queued) - 50.0) < 1e-6);
}

void TstLinkShaper::directionsAreIndependent() {
  LinkShaper shaper(link(1, 100, 10), 1);  // 1 Mbit up, 100 Mbit down
  const auto up = shaper.schedule(LinkDirection::Up, 125'000, kT0);
  const auto down = shaper.schedule(LinkDirection::Down, 125'000, kT0);
  QVERIFY(std::abs(ms(up.serialise) - 1000.0) < 1e-6);
  QVERIFY(std::abs(ms(down.serialise) - 10.0) < 1e-6);
  QCOMPARE(down.queued, Duration(0));  // not behind the slow uplink
  QVERIFY(std::abs(ms(down.delivered - kT0) - 20.0) < 1e-6);
}

void TstLinkShaper::latencyAndJitterBounds() {
  const double latency = 30;
  const double sigma = 5;
  LinkShaper shaper(link(0, 0, latency, sigma), 42);
  constexpr int kSamples = 20000;
  double sum = 0;
  double lo = 1e9;
  double hi = 0;
  for (int i = 0; i < kSamples; ++i) {
    // One second apart: no queueing and no holding back behind a slower predecessor.
    const auto d = shaper.schedule(LinkDirection::Down, 1000, kT0 + i * 1s);
    const double extra = ms(d.latency) - latency;
    QCOMPARE(d.reordered, Duration(0));
    sum += extra;
    lo = std::min(lo, extra);
    hi = std::max(hi, extra);
  }
  QVERIFY(lo >= 0);         // jitter only ever adds delay
  QVERIFY(hi < 6 * sigma);  // P(|N| > 6 sigma) ~ 2e-9 per sample
  QVERIFY(hi > 2 * sigma);  // ~900 of 20,000 samples exceed 2 sigma
  // Half-normal mean sigma * sqrt(2/pi), sd sigma * sqrt(1 - 2/pi); 5 standard errors margin.
  const double mean = sum / kSamples;
  const double expected = sigma * std::sqrt(2 / std::numbers::pi);
  const double se = sigma * std::sqrt(1 - 2 / std::numbers::pi) / std::sqrt(double(kSamples));
  QVERIFY2(std::abs(mean - expected) < 5 * se,
           qPrintable(QString("mean %1 expected %2").arg(mean).arg(expected)));
}

void TstLinkShaper::sameSeedSameSamples() {
  const LinkProfile p = link(10, 10, 30, 5, 0.05);
  LinkShaper a(p, 7);
  LinkShaper b(p, 7);
  LinkShaper c(p, 8);
  int differ = 0;
  for (int i = 0; i < 100; ++i) {
    const auto t = kT0 + i * 1s;
    const auto da = a.schedule(LinkDirection::Up, 5000, t);
    QCOMPARE(da.delivered, b.schedule(LinkDirection::Up, 5000, t).delivered);
    if (da.delivered != c.schedule(LinkDirection::Up, 5000, t).delivered) ++differ;
  }
  QVERIFY(differ > 90);
}

void TstLinkShaper::lossAddsRoundTrips() {
  const double loss = 0.1;
  const double latency = 20;
  LinkShaper shaper(link(0, 0, latency, 0, loss), 3);
  constexpr int kSamples = 20000;
  int lost = 0;
  int retransmissions = 0;
  for (int i = 0; i < kSamples; ++i) {
    const auto d = shaper.schedule(LinkDirection::Up, 100, kT0 + i * 1s);
    // Every retransmission costs exactly one round trip.
    QVERIFY(std::abs(ms(d.retransmit) - d.retransmissions * 2 * latency) < 1e-6);
    QVERIFY(std::abs(ms(d.delivered - (kT0 + i * 1s)) - latency - ms(d.retransmit)) < 1e-6);
    if (d.retransmissions > 0) ++lost;
    retransmissions += d.retransmissions;
  }
  // First attempt lost with probability `loss`: binomial, 5 standard deviations margin.
  const double rate = double(lost) / kSamples;
  const double sd = std::sqrt(loss * (1 - loss) / kSamples);
  QVERIFY2(std::abs(rate - loss) < 5 * sd, qPrintable(QString::number(rate)));
  // Repeated losses are geometric: mean retransmissions loss / (1 - loss).
  const double mean = double(retransmissions) / kSamples;
  QVERIFY2(std::abs(mean - loss / (1 - loss)) < 0.015, qPrintable(QString::number(mean)));

  LinkShaper lossless(link(0, 0, latency), 3);
  for (int i = 0; i < 1000; ++i)
    QCOMPARE(lossless.schedule(LinkDirection::Up, 100, kT0 + i * 1s).retransmissions, 0);
}

void TstLinkShaper::deliveryStaysInOrder() {
  // Large jitter on small back-to-back messages: arrivals would overtake each other; ZeroMQ over
  // TCP does not, so later messages are held back.
  LinkShaper shaper(link(100, 100, 10, 20, 0.05), 11);
  TimePoint previous{};
  Duration held{0};
  for (int i = 0; i < 2000; ++i) {
    const auto d = shaper.schedule(LinkDirection::Up, 1000, kT0 + i * 1ms);
    QVERIFY(d.delivered >= previous);
    QVERIFY(std::abs(ms(d.delivered - (kT0 + i * 1ms)) - ms(d.total())) < 1e-6);
    previous = d.delivered;
    held += d.reordered;
  }
  QVERIFY(held > Duration(0));
}

void TstLinkShaper::profileChangesAtRunTime() {
  LinkShaper shaper(link(10, 10, 5), 1);
  const auto before = shaper.schedule(LinkDirection::Up, 125'000, kT0);
  QVERIFY(std::abs(ms(before.serialise) - 100.0) < 1e-6);
  shaper.setProfile(link(1, 1, 50));
  QCOMPARE(shaper.profile().up_mbps, 1.0);
  QCOMPARE(shaper.profile().latency_ms, 50.0);
  const auto after = shaper.schedule(LinkDirection::Up, 125'000, kT0 + 10s);
  QVERIFY(std::abs(ms(after.serialise) - 1000.0) < 1e-6);
  QVERIFY(std::abs(ms(after.latency) - 50.0) < 1e-6);

  // A command thread changes the link while the I/O thread keeps scheduling.
  std::atomic<bool> done{false};
  std::thread changer([&] {
    for (int i = 0; !done; ++i)
      shaper.setProfile(link(1 + i % 10, 5, 1 + i % 3));
  });
  TimePoint previous{};
  for (int i = 0; i < 5000; ++i) {
    const auto d = shaper.schedule(LinkDirection::Up, 1000, kT0 + 20s + i * 1ms);
    QVERIFY(d.delivered >= previous);
    previous = d.delivered;
  }
  done = true;
  changer.join();
}

void TstLinkShaper::invalidProfilesAreRefused() {
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, LinkShaper(link(10, 10, 5, 0, 1.0), 1));
  LinkShaper shaper(link(10, 10, 5), 1);
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, shaper.setProfile(link(-1, 10)));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, shaper.setProfile(link(10, 10, NAN)));
  QCOMPARE(shaper.profile().up_mbps, 10.0);  // unchanged after a refused update
}

void TstLinkShaper::injectedClock() {
  TimePoint now = kT0;
  LinkShaper shaper(link(8, 8, 10), 1, [&now] { return now; });
  QCOMPARE(shaper.now(), kT0);
  const auto first = shaper.schedule(LinkDirection::Up, 1'000'000);  // 1 s on the wire
  QCOMPARE(first.delivered, kT0 + 1010ms);
  now = kT0 + 400ms;
  const auto second = shaper.schedule(LinkDirection::Up, 1'000'000);
  QCOMPARE(second.queued, Duration(600ms));
  QCOMPARE(second.delivered, kT0 + 2010ms);
}

void TstLinkShaper::slowdown_data() {
  QTest::addColumn<double>("factor");
  QTest::addColumn<int>("elapsed_ms");
  QTest::addColumn<int>("extra_ms");
  QTest::addRow("3x") << 3.0 << 100 << 200;
  QTest::addRow("1.5x") << 1.5 << 40 << 20;
  QTest::addRow("none") << 1.0 << 100 << 0;
  QTest::addRow("faster is not emulated") << 0.5 << 100 << 0;
}

void TstLinkShaper::slowdown() {
  QFETCH(double, factor);
  QFETCH(int, elapsed_ms);
  QFETCH(int, extra_ms);
  CpuSlowdown slow(factor);
  QCOMPARE(slow.extra(std::chrono::milliseconds(elapsed_ms)),
           Duration(std::chrono::milliseconds(extra_ms)));
  slow.setFactor(2.0);
  QCOMPARE(slow.factor(), 2.0);
  QCOMPARE(slow.pad(1us), Duration(1us));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, slow.setFactor(0));
  QVERIFY_THROWS_EXCEPTION(std::invalid_argument, slow.setFactor(INFINITY));
  QCOMPARE(slow.factor(), 2.0);
}

QTEST_APPLESS_MAIN(TstLinkShaper)
#include "tst_link_shaper.moc"
