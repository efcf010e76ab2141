// Two-step update compression: the threshold holds updates back, error feedback makes the sum
// of what was sent track the sum of the true updates, link quality maps to a threshold.
#include <QtTest>
#include <cmath>
#include <vector>

#include "core/compress/compress_error.h"
#include "core/compress/update_compressor.h"
#include "tests/compress/test_data.h"

using namespace cleave;

namespace {

double norm(const std::vector<double>& v) {
  double s = 0.0;
  for (const double x : v)
    s += x * x;
  return std::sqrt(s);
}

double norm(std::span<const float> v) {
  double s = 0.0;
  for (const float x : v)
    s += double(x) * x;
  return std::sqrt(s);
}

}  // namespace

class TstUpdateCompressor : public QObject {
  Q_OBJECT

 private slots:
  void nothingIsSentBelowTheThreshold() {
    const std::vector<float> weights = testdata::normal(5000, 1);
    const double w = norm(weights);
    // The same update every round: the residual norm grows by 0.011 * |w| per round, so the
    // relative threshold 0.05 is first reached in round ceil(0.05 / 0.011) = 5.
    std::vector<float> update = testdata::normal(5000, 2);
    const double scale = 0.011 * w / norm(update);
    for (float& x : update)
      x = float(x * scale);
    UpdateCompressor compressor(5000, 0.05, 1.0);
    for (int round = 1; round <= 4; ++round) {
      QVERIFY2(!compressor.push(update, weights), qPrintable(QString::number(round)));
      QVERIFY(std::fabs(compressor.residualNorm() - 0.011 * round * w) < 1e-4 * w);
    }
    const auto sent = compressor.push(update, weights);
    QVERIFY(sent.has_value());
    QCOMPARE(sent->kept, qint64(5000));
    // With k = 1 only the int8 quantisation error stays behind: at most half a step each.
    QVERIFY(compressor.residualNorm() < 0.05 * w / 127.0 * std::sqrt(5000.0));
    QVERIFY(!compressor.push(update, weights));  // small again: held
  }

  void zeroThresholdSendsWheneverSomethingIsPending() {
    const std::vector<float> weights = testdata::normal(1000, 3);
    UpdateCompressor compressor(1000, 0.0, 0.1);
    QVERIFY(compressor.push(testdata::normal(1000, 4, 1e-6f), weights).has_value());
    const std::vector<float> zero(1000, 0.0f);
    compressor.reset();
    QVERIFY(!compressor.push(zero, weights).has_value());
  }

  void zeroWeightsSendAnyChange() {
    const std::vector<float> weights(100, 0.0f);
    UpdateCompressor compressor(100, 0.5, 0.1);
    QVERIFY(compressor.push(testdata::normal(100, 5, 1e-3f), weights).has_value());
  }

  void sumOfSentTracksSumOfUpdates_data() {
    QTest::addColumn<double>("k");
    QTest::addColumn<double>("threshold");
    QTest::addRow("k=0.01 send every round") << 0.01 << 0.0;
    QTest::addRow("k=0.1 send every round") << 0.1 << 0.0;
    // |w| = 14.1, one update ~0.2: thresholds above the settled residual hold rounds back.
    QTest::addRow("k=0.01 poor link") << 0.01 << 0.6;
    QTest::addRow("k=0.1 poor link") << 0.1 << 0.1;
    QTest::addRow("k=1 poor link") << 1.0 << 0.05;
  }
  void sumOfSentTracksSumOfUpdates() {
    QFETCH(double, k);
    QFETCH(double, threshold);
    const size_t n = 20000;
    const int rounds = 400;
    // Training-like updates: a consistent direction plus as much noise; |w| >> |update|.
    const std::vector<float> drift = testdata::normal(n, 6, 1e-3f);
    const std::vector<float> weights = testdata::normal(n, 7, 0.1f);
    UpdateCompressor compressor(int64_t(n), threshold, k);
    std::vector<double> truth(n, 0.0), received(n, 0.0);
    std::vector<float> dense(n);
    double rel_at_100 = 0.0, peak_mid = 0.0, peak_late = 0.0;
    int sends = 0;
    for (int round = 1; round <= rounds; ++round) {
      std::vector<float> update = testdata::normal(n, 100 + uint32_t(round), 1e-3f);
      for (size_t i = 0; i < n; ++i)
        update[i] += drift[i];
      for (size_t i = 0; i < n; ++i)
        truth[i] += update[i];
      if (const auto sent = compressor.push(update, weights)) {
        ++sends;
        decompressUpdate(sent->bytes, dense);
        for (size_t i = 0; i < n; ++i)
          received[i] += dense[i];
      }
      // Nothing is lost: sent + pending == true sum (up to float accumulation).
      if (round % 50 == 0) {
        std::vector<double> gap(n);
        for (size_t i = 0; i < n; ++i)
          gap[i] = truth[i] - received[i] - compressor.residual()[i];
        QVERIFY2(norm(gap) <= 1e-4 * norm(truth), qPrintable(QString::number(norm(gap))));
      }
      std::vector<double> miss(n);
      for (size_t i = 0; i < n; ++i)
        miss[i] = truth[i] - received[i];
      const double rel = norm(miss) / norm(truth);
      if (round == 100) rel_at_100 = rel;
      if (round > 100 && round <= 200) peak_mid = std::max(peak_mid, compressor.residualNorm());
      if (round > 300) peak_late = std::max(peak_late, compressor.residualNorm());
      if (round == rounds) {
        qInfo("k=%g threshold=%g sends=%d rel error @100=%.4f @400=%.4f peak residual %.4f -> %.4f",
              k, threshold, sends, rel_at_100, rel, peak_mid, peak_late);
        // The residual is bounded, so the relative miss shrinks like 1/rounds as truth grows.
        QVERIFY(rel < 0.35 * rel_at_100);
        QVERIFY(peak_late < 1.2 * peak_mid);
      }
    }
    if (threshold > 0.0) QVERIFY(sends < rounds);  // the poor link really held rounds back
  }

  void lengthMismatchThrows() {
    UpdateCompressor compressor(10, 0.0, 0.5);
    const std::vector<float> nine(9), ten(10);
    QVERIFY_THROWS_EXCEPTION(CompressError, compressor.accumulate(nine));
    QVERIFY_THROWS_EXCEPTION(CompressError, compressor.ready(nine));
    QVERIFY_THROWS_EXCEPTION(CompressError, compressor.push(ten, nine));
  }

  void badConstructionThrows_data() {
    QTest::addColumn<qint64>("elements");
    QTest::addColumn<double>("threshold");
    QTest::addColumn<double>("k");
    QTest::addRow("negative elements") << qint64(-1) << 0.0 << 0.1;
    QTest::addRow("negative threshold") << qint64(10) << -0.1 << 0.1;
    QTest::addRow("nan threshold") << qint64(10) << double(NAN) << 0.1;
    QTest::addRow("infinite threshold") << qint64(10) << double(INFINITY) << 0.1;
    QTest::addRow("k = 0") << qint64(10) << 0.0 << 0.0;
    QTest::addRow("k > 1") << qint64(10) << 0.0 << 1.01;
  }
  void badConstructionThrows() {
    QFETCH(qint64, elements);
    QFETCH(double, threshold);
    QFETCH(double, k);
    QVERIFY_THROWS_EXCEPTION(CompressError, UpdateCompressor(elements, threshold, k));
  }

  void thresholdForLink_data() {
    QTest::addColumn<double>("mbps");
    QTest::addColumn<double>("expected");  // kMax * clamp(log10(100 / mbps) / 3, 0, 1)
    QTest::addRow("1 Gbit/s") << 1000.0 << 0.0;
    QTest::addRow("100 Mbit/s") << 100.0 << 0.0;
    QTest::addRow("10 Mbit/s") << 10.0 << kMaxLinkThreshold / 3.0;
    QTest::addRow("1 Mbit/s") << 1.0 << kMaxLinkThreshold * 2.0 / 3.0;
    QTest::addRow("100 kbit/s") << 0.1 << kMaxLinkThreshold;
    QTest::addRow("10 kbit/s") << 0.01 << kMaxLinkThreshold;
    QTest::addRow("infinite") << double(INFINITY) << 0.0;
  }
  void thresholdForLink() {
    QFETCH(double, mbps);
    QFETCH(double, expected);
    QVERIFY(std::fabs(cleave::thresholdForLink(mbps) - expected) < 1e-12);
  }

  void poorerLinksNeverGetALowerThreshold() {
    double previous = -1.0;
    for (double mbps = 1000.0; mbps > 0.001; mbps *= 0.9) {
      const double t = cleave::thresholdForLink(mbps);
      QVERIFY(t >= previous);
      previous = t;
    }
  }

  void badLinkThrows_data() {
    QTest::addColumn<double>("mbps");
    QTest::addRow("zero") << 0.0;
    QTest::addRow("negative") << -5.0;
    QTest::addRow("nan") << double(NAN);
  }
  void badLinkThrows() {
    QFETCH(double, mbps);
    QVERIFY_THROWS_EXCEPTION(CompressError, cleave::thresholdForLink(mbps));
  }
};

QTEST_APPLESS_MAIN(TstUpdateCompressor)
#include "tst_update_compressor.moc"
