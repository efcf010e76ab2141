// Tests for the bearing-vibration generator: shapes, balance, reproducibility, and the physics
// (each fault's impacts show up at its defect frequency in the envelope spectrum).
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <complex>
#include <numbers>

#include "core/data/vibration_generator.h"

using namespace cleave;

namespace {

constexpr double kShaftHz = 25.0;

// One channel of one window as doubles.
std::vector<double> channel(const Dataset& d, int64_t sample, int64_t c) {
  const int64_t length = d.sample_shape[1];
  const float* p = d.values.data() + sample * d.sampleNumel() + c * length;
  return std::vector<double>(p, p + length);
}

// DFT of a Hann-windowed signal at an arbitrary frequency (not only at bin centres).
std::complex<double> dftAt(const std::vector<double>& x, double hz, double rate) {
  std::complex<double> sum = 0;
  const double n = double(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    const double hann = 0.5 - 0.5 * std::cos(2 * std::numbers::pi * double(i) / n);
    sum += x[i] * hann * std::polar(1.0, -2 * std::numbers::pi * hz * double(i) / rate);
  }
  return sum;
}

// Squared signal minus its mean: impacts ringing at ~3 kHz become a pulse train at their rate.
std::vector<double> envelope(std::vector<double> x) {
  double mean = 0;
  for (double& v : x) {
    v *= v;
    mean += v / double(x.size());
  }
  for (double& v : x)
    v -= mean;
  return x;
}

VibrationConfig fixedSpeedLongWindows() {
  VibrationConfig config;
  config.window = 8192;  // 0.68 s: 1.5 Hz resolution separates the defect frequencies
  config.shaft_hz_min = kShaftHz;
  config.shaft_hz_max = kShaftHz;
  return config;
}

}  // namespace

class TstVibration : public QObject {
  Q_OBJECT

 private slots:
  void shapesAndBalance() {
    const Dataset d = generateVibration(VibrationConfig{}, 6, 1);
    QCOMPARE(d.size(), 30);
    QCOMPARE(d.sample_shape, (Shape{3, 1024}));
    QCOMPARE(d.values.size(), size_t(30 * 3 * 1024));
    QCOMPARE(d.class_names, (std::vector<std::string>{"healthy", "inner_race", "outer_race", "ball",
                                                      "imbalance"}));
    std::vector<int> counts(5);
    for (int64_t label : d.labels)
      ++counts[size_t(label)];
    QCOMPARE(counts, std::vector<int>(5, 6));
    for (int64_t i = 0; i < d.size(); ++i)
      QCOMPARE(d.labels[size_t(i)], i % 5);
  }

  void standardisedPerWindowAndChannel() {
    const Dataset d = generateVibration(VibrationConfig{}, 3, 5);
    for (int64_t s = 0; s < d.size(); ++s) {
      for (int64_t c = 0; c < 3; ++c) {
        const auto x = channel(d, s, c);
        double mean = 0, sq = 0;
        for (double v : x)
          mean += v / double(x.size());
        for (double v : x)
          sq += (v - mean) * (v - mean) / double(x.size());
        QVERIFY(std::abs(mean) < 1e-4);
        QVERIFY(std::abs(sq - 1.0) < 1e-3);
      }
    }
  }

  void reproducibleBySeed() {
    const Dataset a = generateVibration(VibrationConfig{}, 4, 42);
    QCOMPARE(generateVibration(VibrationConfig{}, 4, 42).values, a.values);
    QVERIFY(generateVibration(VibrationConfig{}, 4, 43).values != a.values);
    // Window i depends only on (seed, i): a larger set starts with the same windows.
    const Dataset b = generateVibration(VibrationConfig{}, 2, 42);
    QVERIFY(std::equal(b.values.begin(), b.values.end(), a.values.begin()));
  }

  void bearingOrdersMatchPublishedCwruValues() {
    // Case Western Reserve bearing data centre, 6205-2RS JEM SKF: multiples of running speed.
    const BearingDefectOrders o = bearingDefectOrders(BearingGeometry{});
    QVERIFY(std::abs(o.bpfi - 5.4152) < 2e-3);
    QVERIFY(std::abs(o.bpfo - 3.5848) < 2e-3);
    QVERIFY(std::abs(o.ftf - 0.39828) < 2e-3);
    QVERIFY(std::abs(2 * o.bsf - 4.7135) < 4e-3);  // CWRU lists the rolling element at 2 x BSF
  }

  void defectFrequencyInEnvelopeSpectrum_data() {
    QTest::addColumn<int>("cls");
    QTest::addColumn<double>("order");  // expected envelope line, as a multiple of the shaft speed
    const BearingDefectOrders o = bearingDefectOrders(BearingGeometry{});
    QTest::addRow("inner race at BPFI") << int(VibrationClass::InnerRace) << o.bpfi;
    QTest::addRow("outer race at BPFO") << int(VibrationClass::OuterRace) << o.bpfo;
    QTest::addRow("ball at BSF") << int(VibrationClass::Ball) << o.bsf;
  }
  void defectFrequencyInEnvelopeSpectrum() {
    QFETCH(int, cls);
    QFETCH(double, order);
    const VibrationConfig config = fixedSpeedLongWindows();
    const Dataset d = generateVibration(config, 4, 7);
    const BearingDefectOrders o = bearingDefectOrders(config.bearing);
    const std::vector<double> all_orders = {o.bpfi, o.bpfo, o.bsf};

    // Average envelope magnitudes over this class's windows and over healthy windows.
    auto magnitude = [&](int which, double hz) {
      double sum = 0;
      for (int64_t s = 0; s < d.size(); ++s) {
        if (d.labels[size_t(s)] != which) continue;
        sum += std::abs(dftAt(envelope(channel(d, s, 0)), hz, config.sample_rate_hz));
      }
      return sum;
    };
    // Noise floor: the median envelope magnitude over 20..300 Hz.
    std::vector<double> grid;
    for (double hz = 20; hz < 300; hz += 3.1)
      grid.push_back(magnitude(cls, hz));
    std::nth_element(grid.begin(), grid.begin() + long(grid.size() / 2), grid.end());
    const double floor = grid[grid.size() / 2];

    const double own = magnitude(cls, order * kShaftHz);
    qInfo("line at %.1f Hz: %.0f, noise floor %.0f", order * kShaftHz, own, floor);
    QVERIFY2(own > 5 * floor, qPrintable(QString("line %1 vs floor %2").arg(own).arg(floor)));
    for (double other : all_orders) {
      if (other == order) continue;
      const double at_other = magnitude(cls, other * kShaftHz);
      qInfo("  at %.1f Hz: %.0f", other * kShaftHz, at_other);
      QVERIFY2(
          own > 2 * at_other,
          qPrintable(
              QString("%1 at own vs %2 at %3 Hz").arg(own).arg(at_other).arg(other * kShaftHz)));
    }
    // A healthy bearing has no line there: well below the faulty one.
    QVERIFY(magnitude(int(VibrationClass::Healthy), order * kShaftHz) < own / 4);
  }

  void imbalanceIsStrongOncePerRevolutionAndQuadrature() {
    VibrationConfig config = fixedSpeedLongWindows();
    config.standardise = false;  // compare absolute 1x levels
    const Dataset d = generateVibration(config, 8, 3);
    double imbalance_1x = 0, healthy_1x = 0;
    std::complex<double> cross = 0;
    for (int64_t s = 0; s < d.size(); ++s) {
      const auto x = dftAt(channel(d, s, 0), kShaftHz, config.sample_rate_hz);
      if (d.labels[size_t(s)] == int64_t(VibrationClass::Imbalance)) {
        imbalance_1x += std::abs(x);
        cross += x * std::conj(dftAt(channel(d, s, 1), kShaftHz, config.sample_rate_hz));
      } else if (d.labels[size_t(s)] == int64_t(VibrationClass::Healthy)) {
        healthy_1x += std::abs(x);
      }
    }
    QVERIFY2(imbalance_1x > 3 * healthy_1x,
             qPrintable(QString("%1 vs %2").arg(imbalance_1x).arg(healthy_1x)));
    // The radial x and y sensors see the rotating unbalance force a quarter turn apart.
    const double degrees = std::abs(std::arg(cross)) * 180 / std::numbers::pi;
    qInfo("1x: imbalance %.0f, healthy %.0f; x-y phase %.1f deg", imbalance_1x, healthy_1x,
          degrees);
    QVERIFY2(std::abs(degrees - 90) < 10, qPrintable(QString::number(degrees)));
  }

  void rejectsInvalidConfigs_data() {
    QTest::addColumn<int>("which");
    for (int i = 0; i < 6; ++i)
      QTest::addRow("case %d", i) << i;
  }
  void rejectsInvalidConfigs() {
    QFETCH(int, which);
    VibrationConfig c;
    switch (which) {
      case 0:
        c.channels = 0;
        break;
      case 1:
        c.window = 0;
        break;
      case 2:
        c.resonance_hz = 6000;
        break;  // at Nyquist for 12 kHz
      case 3:
        c.shaft_hz_min = 40;
        break;  // above the maximum
      case 4:
        c.bearing.ball_diameter_mm = 50;
        break;
      default:
        c.noise_std = -1;
        break;
    }
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, generateVibration(c, 1, 1));
  }

  void exportsCsv() {
    QTemporaryDir dir;
    const Dataset d = generateVibration(VibrationConfig{}, 1, 9);
    const QString path = dir.filePath("windows.csv");
    writeVibrationCsv(d, path.toStdString(), 2);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString(f.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 2 * 1024);
    QCOMPARE(lines[0], QString("window,sample,ch0,ch1,ch2,label"));
    const QStringList row = lines[1024 + 1 + 5].split(',');  // window 1, sample 5
    QCOMPARE(row[0], QString("1"));
    QCOMPARE(row[1], QString("5"));
    QCOMPARE(row[3].toFloat(), d.values[size_t(1 * 3072 + 1 * 1024 + 5)]);
    QCOMPARE(row[5], QString("inner_race"));
  }
};

QTEST_APPLESS_MAIN(TstVibration)
#include "tst_vibration.moc"
