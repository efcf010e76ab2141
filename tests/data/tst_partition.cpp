// Tests for IID and Dirichlet (label-skew) partitions of sample indices across devices.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <set>

#include "core/data/partition.h"

using namespace cleave;

namespace {

std::vector<int64_t> balancedLabels(int classes, int per_class) {
  std::vector<int64_t> labels;
  for (int i = 0; i < classes * per_class; ++i)
    labels.push_back(i % classes);
  return labels;
}

// Every index 0..n-1 appears in exactly one part.
void verifyExactCover(const Partition& parts, int64_t n) {
  std::vector<int> seen(size_t(n), 0);
  for (const auto& part : parts) {
    for (int64_t index : part) {
      QVERIFY(index >= 0 && index < n);
      ++seen[size_t(index)];
    }
  }
  QVERIFY(std::all_of(seen.begin(), seen.end(), [](int s) { return s == 1; }));
}

// Mean over devices of the total-variation distance between the device's label distribution and
// the global one: 0 for perfectly IID parts, approaching 1 - 1/classes when each holds one class.
double meanLabelSkew(const Partition& parts, const std::vector<int64_t>& labels, int classes) {
  std::vector<double> global(static_cast<size_t>(classes));
  for (int64_t l : labels)
    global[size_t(l)] += 1.0 / double(labels.size());
  double total = 0;
  for (const auto& part : parts) {
    std::vector<double> local(static_cast<size_t>(classes));
    for (int64_t index : part)
      local[size_t(labels[size_t(index)])] += 1.0 / double(part.size());
    double tv = 0;
    for (int c = 0; c < classes; ++c)
      tv += 0.5 * std::abs(local[size_t(c)] - global[size_t(c)]);
    total += tv;
  }
  return total / double(parts.size());
}

}  // namespace

class TstPartition : public QObject {
  Q_OBJECT

 private slots:
  void iid_data() {
    QTest::addColumn<qint64>("n");
    QTest::addColumn<int>("devices");
    QTest::addRow("10 over 3") << qint64(10) << 3;
    QTest::addRow("1000 over 7") << qint64(1000) << 7;
    QTest::addRow("one each") << qint64(5) << 5;
    QTest::addRow("single device") << qint64(42) << 1;
  }
  void iid() {
    QFETCH(qint64, n);
    QFETCH(int, devices);
    const Partition parts = partitionIid(n, devices, 7);
    QCOMPARE(int(parts.size()), devices);
    verifyExactCover(parts, n);
    const auto [smallest, largest] =
        std::minmax_element(parts.begin(), parts.end(),
                            [](const auto& a, const auto& b) { return a.size() < b.size(); });
    QVERIFY(largest->size() - smallest->size() <= 1);
    QCOMPARE(int64_t(smallest->size()), n / devices);
  }

  void iidIsReproducibleAndShuffled() {
    QCOMPARE(partitionIid(500, 4, 11), partitionIid(500, 4, 11));
    QVERIFY(partitionIid(500, 4, 11) != partitionIid(500, 4, 12));
    // Shuffled, not contiguous blocks: the first part is not simply 0..124.
    const auto first = partitionIid(500, 4, 11).front();
    std::vector<int64_t> sorted = first;
    std::sort(sorted.begin(), sorted.end());
    QVERIFY(sorted.back() - sorted.front() > 300);
  }

  void dirichlet_data() {
    QTest::addColumn<double>("alpha");
    QTest::addColumn<int>("devices");
    QTest::addRow("alpha 0.1, 10 devices") << 0.1 << 10;
    QTest::addRow("alpha 1, 4 devices") << 1.0 << 4;
    QTest::addRow("alpha 100, 10 devices") << 100.0 << 10;
    QTest::addRow("alpha 1e-6, 30 devices") << 1e-6 << 30;
  }
  void dirichlet() {
    QFETCH(double, alpha);
    QFETCH(int, devices);
    const auto labels = balancedLabels(10, 100);
    const Partition parts = partitionDirichlet(labels, 10, devices, alpha, 3);
    QCOMPARE(int(parts.size()), devices);
    verifyExactCover(parts, int64_t(labels.size()));
    for (const auto& part : parts)
      QVERIFY(!part.empty());
    QCOMPARE(partitionDirichlet(labels, 10, devices, alpha, 3), parts);
    QVERIFY(partitionDirichlet(labels, 10, devices, alpha, 4) != parts);
  }

  void smallAlphaIsSkewedLargeAlphaIsNot() {
    const auto labels = balancedLabels(10, 300);
    double skew_small = 0, skew_large = 0;
    for (uint64_t seed = 0; seed < 5; ++seed) {
      skew_small += meanLabelSkew(partitionDirichlet(labels, 10, 10, 0.1, seed), labels, 10) / 5;
      skew_large += meanLabelSkew(partitionDirichlet(labels, 10, 10, 100.0, seed), labels, 10) / 5;
    }
    // Dir(0.1) over 10 devices puts most of a class on one or two devices; Dir(100) spreads each
    // class within a few percent of evenly, so the skews are far apart.
    QVERIFY2(skew_small > 0.5, qPrintable(QString::number(skew_small)));
    QVERIFY2(skew_large < 0.1, qPrintable(QString::number(skew_large)));
    // IID sits lower still, as a reference point for the statistic itself.
    QVERIFY(meanLabelSkew(partitionIid(3000, 10, 1), labels, 10) < skew_large + 0.05);
  }

  void everyDeviceGetsASampleEvenFromOneClass() {
    const std::vector<int64_t> labels(25, 0);
    const Partition parts = partitionDirichlet(labels, 1, 25, 0.01, 9);
    verifyExactCover(parts, 25);
    for (const auto& part : parts)
      QCOMPARE(part.size(), size_t(1));
  }

  void histogramCountsLabels() {
    const std::vector<int64_t> labels = {0, 1, 2, 2, 1, 0, 2};
    const Partition parts = {{0, 2, 3}, {1, 4, 5, 6}};
    const auto histogram = labelHistogram(parts, labels, 3);
    QCOMPARE(histogram, (std::vector<std::vector<int64_t>>{{1, 0, 2}, {1, 2, 1}}));
  }

  void invalidArguments() {
    const auto labels = balancedLabels(3, 4);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, partitionIid(10, 0, 1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, partitionIid(3, 4, 1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, partitionDirichlet(labels, 3, 2, 0.0, 1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, partitionDirichlet(labels, 3, 2, -1.0, 1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, partitionDirichlet(labels, 3, 2, NAN, 1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, partitionDirichlet(labels, 0, 2, 1.0, 1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, partitionDirichlet(labels, 3, 13, 1.0, 1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, partitionDirichlet(labels, 2, 2, 1.0, 1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, labelHistogram({{0, 99}}, labels, 3));
    try {
      partitionDirichlet({0, 1, 7, 1}, 3, 2, 1.0, 1);
      QFAIL("no exception");
    } catch (const std::invalid_argument& e) {
      QVERIFY2(QString(e.what()).contains("label 7 at index 2"), e.what());
    }
  }
};

QTEST_APPLESS_MAIN(TstPartition)
#include "tst_partition.moc"
