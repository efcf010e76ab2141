// Activation / gradient codecs: names, sizes, error bounds of round trips, hostile input.
#include <QtTest>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "core/compress/codec.h"
#include "core/compress/compress_error.h"
#include "tests/compress/test_data.h"

using namespace cleave;

Q_DECLARE_METATYPE(cleave::Codec)

namespace {

std::vector<float> makeData(const QString& kind, size_t n, uint32_t seed) {
  if (kind == "normal") return testdata::normal(n, seed);
  if (kind == "wide") return testdata::logUniform(n, seed, 1e-6, 1e4);
  if (kind == "relu") return testdata::relu(n, seed);
  qFatal("unknown data kind");
}

// The int8 scale the layout documents for chunk c, derived from the inputs, in double.
double expectedScale(const std::vector<float>& x, size_t c) {
  double max_abs = 0.0;
  const size_t end = std::min(x.size(), (c + 1) * static_cast<size_t>(kInt8Chunk));
  for (size_t i = c * static_cast<size_t>(kInt8Chunk); i < end; ++i) {
    max_abs = std::max(max_abs, std::fabs(static_cast<double>(x[i])));
  }
  return std::max(max_abs / 127.0, static_cast<double>(std::numeric_limits<float>::min()));
}

float storedScale(const std::vector<uint8_t>& bytes, size_t c) {
  float s = 0.0f;
  std::memcpy(&s, bytes.data() + 4 * c, 4);
  return s;
}

}  // namespace

class TstCodec : public QObject {
  Q_OBJECT

 private slots:
  void names_data() {
    QTest::addColumn<Codec>("codec");
    QTest::addColumn<QString>("name");
    QTest::addRow("fp32") << Codec::Fp32 << "fp32";
    QTest::addRow("fp16") << Codec::Fp16 << "fp16";
    QTest::addRow("int8") << Codec::Int8 << "int8";
  }
  void names() {
    QFETCH(Codec, codec);
    QFETCH(QString, name);
    QCOMPARE(QString::fromUtf8(codecName(codec).data(), qsizetype(codecName(codec).size())), name);
    QCOMPARE(parseCodec(name.toStdString()), codec);
    QCOMPARE(codecFromName(name.toStdString()), std::optional<Codec>(codec));
  }

  void unknownNameThrows_data() {
    QTest::addColumn<QString>("name");
    QTest::addRow("empty") << "";
    QTest::addRow("upper case") << "FP16";
    QTest::addRow("other") << "bf16";
  }
  void unknownNameThrows() {
    QFETCH(QString, name);
    QVERIFY(!codecFromName(name.toStdString()));
    try {
      parseCodec(name.toStdString());
      QFAIL("no exception");
    } catch (const CompressError& e) {
      QVERIFY2(QString(e.what()).contains("fp16"), e.what());  // tells the user what is valid
    }
  }

  void encodedBytes_data() {
    QTest::addColumn<Codec>("codec");
    QTest::addColumn<qint64>("elements");
    QTest::addColumn<qint64>("bytes");
    QTest::addRow("fp32 1000") << Codec::Fp32 << qint64{1000} << qint64{4000};
    QTest::addRow("fp16 1000") << Codec::Fp16 << qint64{1000} << qint64{2000};
    QTest::addRow("int8 0") << Codec::Int8 << qint64{0} << qint64{0};
    QTest::addRow("int8 1") << Codec::Int8 << qint64{1} << qint64{5};
    QTest::addRow("int8 one chunk") << Codec::Int8 << qint64{4096} << qint64{4100};
    QTest::addRow("int8 chunk + 1") << Codec::Int8 << qint64{4097} << qint64{4105};
  }
  void encodedBytes() {
    QFETCH(Codec, codec);
    QFETCH(qint64, elements);
    QFETCH(qint64, bytes);
    QCOMPARE(cleave::encodedBytes(codec, elements), bytes);
    QCOMPARE(qint64(encode(codec, std::vector<float>(size_t(elements), 1.0f)).size()), bytes);
  }

  void negativeCountThrows() {
    QVERIFY_THROWS_EXCEPTION(CompressError, cleave::encodedBytes(Codec::Fp16, -1));
  }

  void roundTripBound_data() {
    QTest::addColumn<Codec>("codec");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("n");
    for (const Codec codec : {Codec::Fp32, Codec::Fp16, Codec::Int8}) {
      for (const char* kind : {"normal", "wide", "relu"}) {
        for (const int n : {0, 1, 7, 4095, 4096, 4097, 3 * 4096 + 5, 100000}) {
          QTest::addRow("%s %s %d", codecName(codec).data(), kind, n) << codec << kind << n;
        }
      }
    }
  }
  void roundTripBound() {
    QFETCH(Codec, codec);
    QFETCH(QString, kind);
    QFETCH(int, n);
    const std::vector<float> x = makeData(kind, size_t(n), uint32_t(n) * 7 + 1);
    const std::vector<uint8_t> bytes = encode(codec, x);
    QCOMPARE(qint64(bytes.size()), cleave::encodedBytes(codec, n));
    std::vector<float> y(x.size(), NAN);
    decode(codec, bytes, y);
    for (size_t i = 0; i < x.size(); ++i) {
      const double err = std::fabs(static_cast<double>(x[i]) - y[i]);
      double bound = 0.0;
      switch (codec) {
        case Codec::Fp32:
          bound = 0.0;
          break;
        case Codec::Fp16:  // 2^-11 relative for normal halves, half a subnormal step below
          bound = std::fabs(x[i]) >= std::ldexp(1.0, -14) ? std::ldexp(std::fabs(x[i]), -11)
                                                          : std::ldexp(1.0, -25);
          break;
        case Codec::Int8: {
          const size_t c = i / static_cast<size_t>(kInt8Chunk);
          const double scale = expectedScale(x, c);
          QVERIFY(std::fabs(storedScale(bytes, c) - scale) <= scale * 1e-6);
          bound = scale * (0.5 + std::ldexp(1.0, -15));
          break;
        }
      }
      if (!(err <= bound)) {
        QFAIL(qPrintable(QString("element %1: %2 -> %3, error %4 > bound %5")
                             .arg(i)
                             .arg(x[i], 0, 'g', 9)
                             .arg(y[i], 0, 'g', 9)
                             .arg(err)
                             .arg(bound)));
      }
    }
  }

  void int8ScalesArePerChunk() {
    // Chunk 0 is tiny, chunk 1 huge: a single global scale would wipe chunk 0 out.
    std::vector<float> x = testdata::normal(2 * size_t(kInt8Chunk), 3, 1e-3f);
    for (size_t i = size_t(kInt8Chunk); i < x.size(); ++i)
      x[i] *= 1e6f;
    std::vector<float> y(x.size());
    decode(Codec::Int8, encode(Codec::Int8, x), y);
    const double small_scale = expectedScale(x, 0);
    QVERIFY(small_scale < 1e-4);
    for (size_t i = 0; i < size_t(kInt8Chunk); ++i) {
      QVERIFY(std::fabs(double(x[i]) - y[i]) <= small_scale * 0.5001);
    }
  }

  void int8ZerosAndTinyValues() {
    std::vector<float> x(3 * size_t(kInt8Chunk), 0.0f);
    x[5000] = std::numeric_limits<float>::denorm_min();
    x[9000] = -1e-40f;  // subnormal
    std::vector<float> y(x.size(), NAN);
    decode(Codec::Int8, encode(Codec::Int8, x), y);
    const double tiny_bound = std::numeric_limits<float>::min() / 2.0;
    for (size_t i = 0; i < x.size(); ++i) {
      QVERIFY(std::isfinite(y[i]));
      QVERIFY(std::fabs(double(x[i]) - y[i]) <= tiny_bound);
      if (i < size_t(kInt8Chunk)) QCOMPARE(y[i], 0.0f);  // an all-zero chunk stays exact
    }
  }

  void fp16ExactForRepresentableValues() {
    // Every finite half value, as a float, and the specials: must come back bit for bit.
    std::vector<float> x;
    for (uint32_t sign = 0; sign < 2; ++sign) {
      for (int m = 0; m < 1024; ++m) {
        for (int e = 0; e < 31; ++e) {
          const double v = e == 0 ? std::ldexp(m, -24) : std::ldexp(1024 + m, e - 25);
          x.push_back(static_cast<float>(sign ? -v : v));
        }
      }
    }
    x.insert(x.end(), {INFINITY, -INFINITY, -0.0f});
    std::vector<float> y(x.size());
    decode(Codec::Fp16, encode(Codec::Fp16, x), y);
    for (size_t i = 0; i < x.size(); ++i) {
      QCOMPARE(std::bit_cast<uint32_t>(y[i]), std::bit_cast<uint32_t>(x[i]));
    }
    std::vector<float> nan_in{NAN, -NAN}, nan_out(2);
    decode(Codec::Fp16, encode(Codec::Fp16, nan_in), nan_out);
    QVERIFY(std::isnan(nan_out[0]) && !std::signbit(nan_out[0]));
    QVERIFY(std::isnan(nan_out[1]) && std::signbit(nan_out[1]));
  }

  void fp32KeepsEverythingBitExact() {
    std::vector<float> x{NAN, -INFINITY, -0.0f, std::numeric_limits<float>::denorm_min(), 1e38f};
    std::vector<float> y(x.size());
    decode(Codec::Fp32, encode(Codec::Fp32, x), y);
    QCOMPARE(std::memcmp(x.data(), y.data(), x.size() * 4), 0);
  }

  void int8RejectsNonFinite_data() {
    QTest::addColumn<float>("bad");
    QTest::addRow("nan") << NAN;
    QTest::addRow("inf") << INFINITY;
    QTest::addRow("-inf") << -INFINITY;
  }
  void int8RejectsNonFinite() {
    QFETCH(float, bad);
    std::vector<float> x = testdata::normal(10000, 4);
    x[5000] = bad;
    try {
      encode(Codec::Int8, x);
      QFAIL("no exception");
    } catch (const CompressError& e) {
      QVERIFY2(QString(e.what()).contains("5000"), e.what());
    }
  }

  void wrongLengthThrows_data() {
    QTest::addColumn<Codec>("codec");
    QTest::addColumn<int>("delta");
    for (const Codec codec : {Codec::Fp32, Codec::Fp16, Codec::Int8}) {
      for (const int delta : {-1, 1, -4, 4, -10000, 10000}) {
        QTest::addRow("%s %+d bytes", codecName(codec).data(), delta) << codec << delta;
      }
    }
  }
  void wrongLengthThrows() {
    QFETCH(Codec, codec);
    QFETCH(int, delta);
    const std::vector<float> x = testdata::normal(5000, 5);
    std::vector<uint8_t> bytes = encode(codec, x);
    bytes.resize(size_t(std::max(0, int(bytes.size()) + delta)), 0);
    std::vector<float> y(x.size());
    QVERIFY_THROWS_EXCEPTION(CompressError, decode(codec, bytes, y));
  }

  void int8CorruptContentThrows_data() {
    QTest::addColumn<int>("offset");  // byte to overwrite
    QTest::addColumn<QByteArray>("patch");
    const auto f = [](float v) { return QByteArray(reinterpret_cast<const char*>(&v), 4); };
    QTest::addRow("scale nan") << 4 << f(NAN);
    QTest::addRow("scale inf") << 0 << f(INFINITY);
    QTest::addRow("scale negative") << 4 << f(-1.0f);
    QTest::addRow("scale beyond any input") << 0 << f(std::numeric_limits<float>::max() / 100.0f);
    QTest::addRow("code -128") << 8 + 4100 << QByteArray(1, char(0x80));
  }
  void int8CorruptContentThrows() {
    QFETCH(int, offset);
    QFETCH(QByteArray, patch);
    const std::vector<float> x = testdata::normal(5000, 6);  // two chunks: 8 scale bytes
    std::vector<uint8_t> bytes = encode(Codec::Int8, x);
    std::memcpy(bytes.data() + offset, patch.constData(), size_t(patch.size()));
    std::vector<float> y(x.size());
    QVERIFY_THROWS_EXCEPTION(CompressError, decode(Codec::Int8, bytes, y));
  }

  void randomBytesNeverYieldNonFinite() {
    // Garbage of the right length: either rejected or decoded to finite values.
    std::mt19937 rng(7);
    int rejected = 0;
    for (int round = 0; round < 300; ++round) {
      std::vector<uint8_t> bytes(size_t(cleave::encodedBytes(Codec::Int8, 100)));
      for (auto& b : bytes)
        b = uint8_t(rng());
      if (round % 2) std::memcpy(bytes.data(), "\x00\x00\x80\x3f", 4);  // a sane scale: 1.0
      std::vector<float> y(100);
      try {
        decode(Codec::Int8, bytes, y);
        for (const float v : y)
          QVERIFY(std::isfinite(v) && std::fabs(v) <= 127.0f * 1e38f);
      } catch (const CompressError&) {
        ++rejected;
      }
    }
    QVERIFY(rejected > 0);
  }
};

QTEST_APPLESS_MAIN(TstCodec)
#include "tst_codec.moc"
