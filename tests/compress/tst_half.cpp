// IEEE binary16 conversion against references derived from the format definition.
#include <QtTest>
#include <bit>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "core/compress/compress_error.h"
#include "core/compress/half.h"

using namespace cleave;

namespace {

bool isHalfNan(uint16_t h) {
  return (h & 0x7c00u) == 0x7c00u && (h & 0x03ffu) != 0;
}

// Value of a half from its fields: (-1)^s * 2^(e-15) * 1.m, or 2^-14 * 0.m when e == 0.
double referenceHalfValue(uint16_t h) {
  const int e = (h >> 10) & 0x1f;
  const int m = h & 0x3ff;
  const double sign = (h & 0x8000u) ? -1.0 : 1.0;
  if (e == 31) return m ? std::numeric_limits<double>::quiet_NaN() : sign * INFINITY;
  if (e == 0) return sign * std::ldexp(m, -24);
  return sign * std::ldexp(1024 + m, e - 25);
}

// Correctly rounded (nearest, ties to even) half value of x, computed in double.
double referenceRounded(float x) {
  const double a = std::fabs(static_cast<double>(x));
  if (a == 0.0) return x;
  int e = 0;
  std::frexp(a, &e);  // a in [2^(e-1), 2^e)
  const double ulp = std::ldexp(1.0, std::max(e - 1, -14) - 10);
  double q = std::nearbyint(a / ulp) * ulp;  // default rounding mode: to nearest even
  if (q > 65504.0) q = INFINITY;
  return std::signbit(x) ? -q : q;
}

std::vector<float> sampleFloats(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<uint32_t> mantissa(0, 0x7fffff);
  std::uniform_int_distribution<uint32_t> exponent(127 - 30, 127 + 17);  // under/overflow too
  std::vector<float> v;
  v.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const uint32_t sign = (i & 1u) << 31;
    v.push_back(std::bit_cast<float>(sign | exponent(rng) << 23 | mantissa(rng)));
  }
  // Every exact midpoint between two adjacent halves and its two float neighbours: the ties.
  for (uint32_t h = 0; h < 0x7c00; ++h) {
    const double mid = (referenceHalfValue(static_cast<uint16_t>(h)) +
                        referenceHalfValue(static_cast<uint16_t>(h + 1))) /
                       2;
    const auto f = static_cast<float>(mid);
    v.insert(v.end(), {f, std::nextafter(f, 0.0f), std::nextafter(f, INFINITY), -f});
  }
  return v;
}

}  // namespace

class TstHalf : public QObject {
  Q_OBJECT

 private slots:
  void halfToFloatMatchesFieldDefinition() {
    for (uint32_t h = 0; h <= 0xffff; ++h) {
      const auto bits = static_cast<uint16_t>(h);
      const float f = halfToFloat(bits);
      const double ref = referenceHalfValue(bits);
      if (std::isnan(ref)) {
        QVERIFY2(std::isnan(f), qPrintable(QString::number(h, 16)));
        QCOMPARE(std::signbit(f), (h & 0x8000u) != 0);
      } else {
        QVERIFY2(std::bit_cast<uint32_t>(f) == std::bit_cast<uint32_t>(static_cast<float>(ref)),
                 qPrintable(QString::number(h, 16)));
      }
    }
  }

  void everyHalfRoundTripsExactly() {
    for (uint32_t h = 0; h <= 0xffff; ++h) {
      const auto bits = static_cast<uint16_t>(h);
      const uint16_t back = floatToHalf(halfToFloat(bits));
      if (isHalfNan(bits)) {
        QVERIFY(isHalfNan(back));
        QCOMPARE(back & 0x8000u, bits & 0x8000u);
      } else {
        QCOMPARE(back, bits);
      }
    }
  }

  void knownValues_data() {
    QTest::addColumn<float>("value");
    QTest::addColumn<uint16_t>("expected");
    QTest::addRow("one") << 1.0f << uint16_t{0x3c00};
    QTest::addRow("minus two") << -2.0f << uint16_t{0xc000};
    QTest::addRow("max finite") << 65504.0f << uint16_t{0x7bff};
    QTest::addRow("rounds down to max") << 65519.0f << uint16_t{0x7bff};
    QTest::addRow("overflow tie goes to even = inf") << 65520.0f << uint16_t{0x7c00};
    QTest::addRow("huge") << 1e10f << uint16_t{0x7c00};
    QTest::addRow("-huge") << -1e10f << uint16_t{0xfc00};
    QTest::addRow("inf") << INFINITY << uint16_t{0x7c00};
    QTest::addRow("-inf") << -INFINITY << uint16_t{0xfc00};
    QTest::addRow("zero") << 0.0f << uint16_t{0x0000};
    QTest::addRow("negative zero") << -0.0f << uint16_t{0x8000};
    QTest::addRow("min normal") << std::ldexp(1.0f, -14) << uint16_t{0x0400};
    QTest::addRow("max subnormal") << std::ldexp(1023.0f, -24) << uint16_t{0x03ff};
    QTest::addRow("subnormal tie up to min normal") << std::ldexp(2047.0f, -25) << uint16_t{0x0400};
    QTest::addRow("min subnormal") << std::ldexp(1.0f, -24) << uint16_t{0x0001};
    QTest::addRow("half min subnormal ties to 0") << std::ldexp(1.0f, -25) << uint16_t{0x0000};
    QTest::addRow("just above that")
        << std::nextafter(std::ldexp(1.0f, -25), 1.0f) << uint16_t{0x0001};
    QTest::addRow("1.5 units ties to 2") << std::ldexp(3.0f, -25) << uint16_t{0x0002};
    QTest::addRow("2.5 units ties to 2") << std::ldexp(5.0f, -25) << uint16_t{0x0002};
    QTest::addRow("-tiny") << -1e-30f << uint16_t{0x8000};
    QTest::addRow("normal tie to even (down)") << 1.0f + std::ldexp(1.0f, -11) << uint16_t{0x3c00};
    QTest::addRow("normal tie to even (up)") << 1.0f + std::ldexp(3.0f, -11) << uint16_t{0x3c02};
    QTest::addRow("mantissa carry into exponent")
        << 2.0f - std::ldexp(1.0f, -12) << uint16_t{0x4000};
  }
  void knownValues() {
    QFETCH(float, value);
    QFETCH(uint16_t, expected);
    QCOMPARE(floatToHalf(value), expected);
  }

  void nanStaysNanWithSign_data() {
    QTest::addColumn<uint32_t>("bits");
    QTest::addRow("quiet nan") << 0x7fc00000u;
    QTest::addRow("negative quiet nan") << 0xffc00000u;
    // Payload only in bits a naive truncation drops: must not turn into infinity.
    QTest::addRow("signalling nan, low payload") << 0x7f800001u;
    QTest::addRow("negative nan, low payload") << 0xff800fffu;
  }
  void nanStaysNanWithSign() {
    QFETCH(uint32_t, bits);
    const uint16_t h = floatToHalf(std::bit_cast<float>(bits));
    QVERIFY(isHalfNan(h));
    QCOMPARE((h & 0x8000u) != 0, (bits & 0x80000000u) != 0);
  }

  void roundsToNearestEven() {
    const std::vector<float> values = sampleFloats(1 << 20, 11);
    for (const float x : values) {
      const float got = halfToFloat(floatToHalf(x));
      const auto want = static_cast<float>(referenceRounded(x));
      if (std::bit_cast<uint32_t>(got) != std::bit_cast<uint32_t>(want)) {
        QFAIL(qPrintable(QString("x=%1 got %2 want %3").arg(x, 0, 'g', 9).arg(got).arg(want)));
      }
    }
  }

  void relativeErrorBoundInNormalRange() {
    std::mt19937 rng(12);
    std::uniform_real_distribution<double> exponent(-14.0, 15.99);
    double worst = 0.0;
    for (int i = 0; i < 200000; ++i) {
      const auto x = static_cast<float>(std::exp2(exponent(rng)));
      const double err = std::fabs(static_cast<double>(halfToFloat(floatToHalf(x))) - x) / x;
      worst = std::max(worst, err);
    }
    QVERIFY2(worst <= std::ldexp(1.0, -11), qPrintable(QString::number(worst)));
    QVERIFY(worst > std::ldexp(1.0, -12));  // the bound is tight, so the sampling reached it
  }

  void bulkKernelsMatchScalar_data() {
    QTest::addColumn<int>("kernel");
    QTest::addRow("scalar") << static_cast<int>(HalfKernel::Scalar);
    QTest::addRow("f16c") << static_cast<int>(HalfKernel::F16c);
    QTest::addRow("auto") << static_cast<int>(HalfKernel::Auto);
  }
  void bulkKernelsMatchScalar() {
    QFETCH(int, kernel);
    const auto k = static_cast<HalfKernel>(kernel);
    if (k == HalfKernel::F16c && !f16cAvailable()) QSKIP("this CPU has no F16C");

    std::vector<float> floats = sampleFloats(1 << 20, 13);
    std::mt19937 rng(14);
    for (int i = 0; i < (1 << 20); ++i)
      floats.push_back(std::bit_cast<float>(uint32_t(rng())));
    floats.resize(floats.size() + 5, -0.0f);  // length not a multiple of the vector width
    std::vector<uint16_t> halves(floats.size());
    floatsToHalves(floats, halves, k);
    for (size_t i = 0; i < floats.size(); ++i) {
      if (halves[i] != floatToHalf(floats[i])) {
        QFAIL(qPrintable(QString("float bits %1: %2 vs %3")
                             .arg(std::bit_cast<uint32_t>(floats[i]), 8, 16)
                             .arg(halves[i], 4, 16)
                             .arg(floatToHalf(floats[i]), 4, 16)));
      }
    }

    std::vector<uint16_t> all(0x10000 + 3);
    for (size_t h = 0; h < all.size(); ++h)
      all[h] = static_cast<uint16_t>(h);
    std::vector<float> back(all.size());
    halvesToFloats(all, back, k);
    for (size_t h = 0; h < all.size(); ++h) {
      const uint32_t want = std::bit_cast<uint32_t>(halfToFloat(all[h]));
      if (std::bit_cast<uint32_t>(back[h]) != want) {
        QFAIL(qPrintable(QString("half %1: %2 vs %3")
                             .arg(all[h], 4, 16)
                             .arg(std::bit_cast<uint32_t>(back[h]), 8, 16)
                             .arg(want, 8, 16)));
      }
    }
  }

  void bulkSizeMismatchThrows() {
    std::vector<float> f(10);
    std::vector<uint16_t> h(9);
    QVERIFY_THROWS_EXCEPTION(CompressError, floatsToHalves(f, h));
    QVERIFY_THROWS_EXCEPTION(CompressError, halvesToFloats(h, f));
  }
};

QTEST_APPLESS_MAIN(TstHalf)
#include "tst_half.moc"
