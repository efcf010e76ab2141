// Step 2 of the update compression: top-k selection, error feedback, the wire format and its
// validation against corrupt input.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include "core/compress/codec.h"
#include "core/compress/compress_error.h"
#include "core/compress/compressed_update.h"
#include "tests/compress/test_data.h"

using namespace cleave;

namespace {

// Magnitudes in [1, 2) with random signs: every kept value quantises to a non-zero code
// (>= 63 of 127), so the non-zeros of the decoded update are exactly the kept entries.
std::vector<float> boundedAwayFromZero(size_t n, uint32_t seed) {
  std::vector<float> v = testdata::normal(n, seed);
  std::mt19937 rng(seed + 1);
  std::uniform_real_distribution<float> mag(1.0f, 2.0f);
  for (float& x : v)
    x = std::copysign(mag(rng), x);
  return v;
}

std::vector<float> decompressed(const CompressedUpdate& update) {
  std::vector<float> out(size_t(update.elements), NAN);
  decompressUpdate(update.bytes, out);
  return out;
}

void putU64(std::vector<uint8_t>& bytes, size_t at, uint64_t v) {
  std::memcpy(&bytes[at], &v, 8);
}

}  // namespace

class TstCompressedUpdate : public QObject {
  Q_OBJECT

 private slots:
  void keepsTheLargestMagnitudes_data() {
    QTest::addColumn<int>("n");
    QTest::addColumn<double>("k");
    QTest::addColumn<int>("period");  // > 0: every period-th entry is 4x larger
    QTest::addRow("k=0.01 n=100000") << 100000 << 0.01 << 0;
    QTest::addRow("k=0.1 n=100000") << 100000 << 0.1 << 0;
    QTest::addRow("k=0.5 n=9999") << 9999 << 0.5 << 0;
    QTest::addRow("k=1 n=5000") << 5000 << 1.0 << 0;
    QTest::addRow("k tiny n=10 keeps 1") << 10 << 1e-9 << 0;
    QTest::addRow("n=1") << 1 << 0.3 << 0;
    // Large values exactly where a strided sample looks: a selection that trusted the sample
    // would find too few candidates; the result must still be the exact top k.
    QTest::addRow("periodic 64 k=0.1") << 100000 << 0.1 << 64;
    QTest::addRow("periodic 64 k=0.01") << 100000 << 0.01 << 64;
    QTest::addRow("periodic 7 k=0.05") << 100000 << 0.05 << 7;
  }
  void keepsTheLargestMagnitudes() {
    QFETCH(int, n);
    QFETCH(double, k);
    QFETCH(int, period);
    std::vector<float> original = boundedAwayFromZero(size_t(n), uint32_t(n));
    for (int i = period / 2; period > 0 && i < n; i += period)
      original[size_t(i)] *= 4.0f;
    std::vector<float> residual = original;
    const CompressedUpdate update = compressTopK(residual, k);
    const auto want_kept = qint64(std::ceil(k * n));
    QCOMPARE(update.kept, want_kept);
    QCOMPARE(update.elements, qint64(n));
    QCOMPARE(update.bytesBefore(), qint64(4) * n);
    QCOMPARE(update.bytesAfter(), qint64(update.bytes.size()));

    const std::vector<float> sent = decompressed(update);
    float min_kept = INFINITY, max_dropped = 0.0f;
    qint64 kept = 0;
    for (size_t i = 0; i < original.size(); ++i) {
      if (sent[i] != 0.0f) {
        ++kept;
        min_kept = std::min(min_kept, std::fabs(original[i]));
        QCOMPARE(std::signbit(sent[i]), std::signbit(original[i]));
      } else {
        max_dropped = std::max(max_dropped, std::fabs(original[i]));
        QCOMPARE(residual[i], original[i]);  // untouched, waits for a later round
      }
      // Error feedback: what stays behind plus what was sent is what there was.
      QVERIFY(std::fabs(residual[i] + sent[i] - original[i]) <= 1e-6f * std::fabs(original[i]));
    }
    QCOMPARE(kept, want_kept);
    QVERIFY2(min_kept >= max_dropped,
             qPrintable(QString("%1 < %2").arg(min_kept).arg(max_dropped)));
  }

  void tiesGoToLowerIndices() {
    std::vector<float> residual(8, 1.0f);
    residual[5] = -1.0f;
    const std::vector<float> sent = decompressed(compressTopK(residual, 0.375));  // 3 of 8
    const std::vector<float> want{1, 1, 1, 0, 0, 0, 0, 0};
    QCOMPARE(sent, want);
  }

  void zerosAreNeverSent() {
    std::vector<float> residual(100, 0.0f);
    residual[3] = 0.5f;
    residual[50] = -2.0f;
    residual[99] = 1.0f;
    residual[7] = -0.0f;
    const CompressedUpdate update = compressTopK(residual, 0.5);
    QCOMPARE(update.kept, qint64(3));
    const std::vector<float> sent = decompressed(update);
    QCOMPARE(std::count_if(sent.begin(), sent.end(), [](float v) { return v != 0.0f; }), 3);
  }

  void emptyUpdateRoundTrips() {
    std::vector<float> residual;
    const CompressedUpdate update = compressTopK(residual, 0.1);
    QCOMPARE(update.kept, qint64(0));
    QCOMPARE(update.bytesAfter(), kCompressedUpdateHeaderBytes);
    std::vector<float> out;
    QCOMPARE(decompressUpdate(update.bytes, out), qint64(0));
  }

  void picksTheSmallerIndexEncoding_data() {
    QTest::addColumn<double>("k");
    QTest::addColumn<int>("encoding");
    // 1% of 100000: gaps ~100 need 1-byte varints (1000 B) vs a 12500 B bitmap.
    QTest::addRow("sparse -> varint") << 0.01 << int(IndexEncoding::DeltaVarint);
    // 50%: about one varint byte per entry (50000 B) vs a 12500 B bitmap.
    QTest::addRow("dense -> bitmap") << 0.5 << int(IndexEncoding::Bitmap);
  }
  void picksTheSmallerIndexEncoding() {
    QFETCH(double, k);
    QFETCH(int, encoding);
    const size_t n = 100000;
    const std::vector<float> original = boundedAwayFromZero(n, 21);
    std::vector<float> residual = original;
    const CompressedUpdate update = compressTopK(residual, k);
    QCOMPARE(int(update.index_encoding), encoding);
    QCOMPARE(int(update.bytes[3]), encoding);
    const qint64 values = encodedBytes(Codec::Int8, update.kept);
    const qint64 index_bytes = update.bytesAfter() - kCompressedUpdateHeaderBytes - values;
    if (encoding == int(IndexEncoding::Bitmap)) {
      QCOMPARE(index_bytes, qint64((n + 7) / 8));
    } else {
      QVERIFY(index_bytes >= update.kept);         // at least one byte per entry...
      QVERIFY(index_bytes < qint64((n + 7) / 8));  // ...and still smaller than the bitmap
    }
    const std::vector<float> sent = decompressed(update);
    for (size_t i = 0; i < n; ++i) {
      QVERIFY(std::fabs(residual[i] + sent[i] - original[i]) <= 1e-6f * std::fabs(original[i]));
    }
  }

  void largeGapsUseMultiByteVarints() {
    std::vector<float> residual(1 << 20, 0.0f);
    residual[0] = 1.0f;
    residual[200] = 2.0f;            // gap 199: two bytes
    residual[(1 << 20) - 1] = 3.0f;  // gap ~2^20: three bytes
    const std::vector<float> original = residual;
    const CompressedUpdate update = compressTopK(residual, 0.5);
    QCOMPARE(update.index_encoding, IndexEncoding::DeltaVarint);
    QCOMPARE(update.bytesAfter(),
             kCompressedUpdateHeaderBytes + 1 + 2 + 3 + encodedBytes(Codec::Int8, 3));
    const std::vector<float> sent = decompressed(update);
    for (size_t i = 0; i < original.size(); ++i) {
      QVERIFY(std::fabs(sent[i] - original[i]) <= 3.0f / 127.0f / 2.0f * 1.001f);
    }
  }

  void badArgumentsThrow_data() {
    QTest::addColumn<double>("k");
    QTest::addColumn<float>("value");
    QTest::addRow("k = 0") << 0.0 << 1.0f;
    QTest::addRow("k < 0") << -0.5 << 1.0f;
    QTest::addRow("k > 1") << 1.5 << 1.0f;
    QTest::addRow("k nan") << double(NAN) << 1.0f;
    QTest::addRow("nan in update") << 0.1 << float(NAN);
    QTest::addRow("inf in update") << 0.1 << float(INFINITY);
  }
  void badArgumentsThrow() {
    QFETCH(double, k);
    QFETCH(float, value);
    std::vector<float> residual = testdata::normal(1000, 8);
    residual[123] = value;
    QVERIFY_THROWS_EXCEPTION(CompressError, compressTopK(residual, k));
  }

  void malformedBytesThrowAndLeaveOutputAlone_data() {
    QTest::addColumn<double>("k");  // 0.05 -> varint, 0.6 -> bitmap
    QTest::addColumn<QString>("damage");
    for (const double k : {0.05, 0.6}) {
      const char* enc = k < 0.5 ? "varint" : "bitmap";
      for (const char* damage :
           {"empty", "short header", "drop last byte", "extra byte", "bad magic", "bad version",
            "bad encoding", "elements mismatch", "kept > n", "kept + 1", "kept - 1",
            "index bytes huge", "index bytes + 1", "index past end", "scale nan", "bitmap padding",
            "code -128"}) {
        QTest::addRow("%s %s", enc, damage) << k << damage;
      }
    }
  }
  void malformedBytesThrowAndLeaveOutputAlone() {
    QFETCH(double, k);
    QFETCH(QString, damage);
    const size_t n = 1003;  // not a multiple of 8: the bitmap has padding bits
    std::vector<float> residual = testdata::normal(n, 9);
    const CompressedUpdate update = compressTopK(residual, k);
    std::vector<uint8_t> b = update.bytes;
    const bool bitmap = update.index_encoding == IndexEncoding::Bitmap;
    const size_t index_bytes = b.size() - 28 - size_t(encodedBytes(Codec::Int8, update.kept));
    const size_t values_at = 28 + index_bytes;
    if (damage == "empty") b.clear();
    if (damage == "short header") b.resize(20);
    if (damage == "drop last byte") b.pop_back();
    if (damage == "extra byte") b.push_back(0);
    if (damage == "bad magic") b[0] = 'X';
    if (damage == "bad version") b[2] = 2;
    if (damage == "bad encoding") b[3] = 2;
    if (damage == "elements mismatch") putU64(b, 4, n + 1);
    if (damage == "kept > n") putU64(b, 12, n + 1);
    if (damage == "kept + 1") putU64(b, 12, uint64_t(update.kept + 1));
    if (damage == "kept - 1") putU64(b, 12, uint64_t(update.kept - 1));
    if (damage == "index bytes huge") putU64(b, 20, uint64_t(1) << 63);
    if (damage == "index bytes + 1") putU64(b, 20, index_bytes + 1);
    if (damage == "index past end") {
      if (bitmap) {
        b[28] = uint8_t(b[28] ^ 1);  // one entry more or fewer than `kept`
      } else {
        b[28] = 0xff;  // first delta now continues into the next bytes: huge or misaligned
        b[29] = 0xff;
        b[30] = 0x7f;
      }
    }
    if (damage == "scale nan") {
      const float nan = NAN;
      std::memcpy(&b[values_at], &nan, 4);
    }
    if (damage == "bitmap padding") {
      if (bitmap) {
        // Bit 1007 (>= n) set and one real entry cleared, so the count still matches.
        b[28 + index_bytes - 1] |= 0x80;
        const auto first = std::find_if(b.begin() + 28, b.end(), [](uint8_t v) { return v != 0; });
        *first = uint8_t(*first & (*first - 1));
      } else {
        b[28 + index_bytes - 1] |= 0x80;  // last varint claims a continuation byte
      }
    }
    if (damage == "code -128") b.back() = 0x80;

    std::vector<float> out(n, 42.0f);
    QVERIFY_THROWS_EXCEPTION(CompressError, decompressUpdate(b, out));
    QVERIFY(std::all_of(out.begin(), out.end(), [](float v) { return v == 42.0f; }));
  }

  void wrongOutputSizeThrows() {
    std::vector<float> residual = testdata::normal(100, 10);
    const CompressedUpdate update = compressTopK(residual, 0.1);
    std::vector<float> out(99);
    QVERIFY_THROWS_EXCEPTION(CompressError, decompressUpdate(update.bytes, out));
  }

  void everyTruncationThrows() {
    for (const double k : {0.05, 0.6}) {
      std::vector<float> residual = testdata::normal(777, 11);
      const CompressedUpdate update = compressTopK(residual, k);
      std::vector<float> out(777);
      for (size_t len = 0; len < update.bytes.size(); ++len) {
        const std::span<const uint8_t> prefix(update.bytes.data(), len);
        QVERIFY_THROWS_EXCEPTION(CompressError, decompressUpdate(prefix, out));
      }
    }
  }

  void randomCorruptionIsRejectedOrStaysInBounds() {
    // Flip random bytes: the decoder must throw or produce a finite update of the right size,
    // never crash (run under CLEAVE_SANITIZE to check the "never reads out of bounds" part).
    std::mt19937 rng(12);
    int rejected = 0, accepted = 0;
    for (const double k : {0.02, 0.7}) {
      std::vector<float> residual = testdata::normal(2000, 13);
      const CompressedUpdate update = compressTopK(residual, k);
      for (int round = 0; round < 3000; ++round) {
        std::vector<uint8_t> b = update.bytes;
        const int flips = 1 + int(rng() % 3);
        for (int f = 0; f < flips; ++f)
          b[rng() % b.size()] ^= uint8_t(1u << (rng() % 8));
        std::vector<float> out(2000, 0.0f);
        try {
          decompressUpdate(b, out);
          for (const float v : out)
            QVERIFY(std::isfinite(v));
          ++accepted;
        } catch (const CompressError&) {
          ++rejected;
        }
      }
    }
    QVERIFY(rejected > 0);
    QVERIFY(accepted > 0);  // flips inside int8 codes are legitimately undetectable
  }
};

QTEST_APPLESS_MAIN(TstCompressedUpdate)
#include "tst_compressed_update.moc"
