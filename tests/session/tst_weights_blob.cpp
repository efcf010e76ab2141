// Weights blob format: byte layout against an encoder written here from the documented format,
// round trips, and every kind of corruption rejected with a message naming what is wrong.
#include <zlib.h>

#include <QtTest>
#include <bit>
#include <cstring>
#include <optional>

#include "core/session/session_error.h"
#include "core/session/weights_blob.h"

using namespace cleave;

namespace {

struct RawEntry {
  std::string name;
  int32_t layer = 0;
  uint8_t flags = 0;
  std::vector<int64_t> shape;
  std::vector<float> values;
  std::optional<uint32_t> nameLength;  // override the stored length
};

// The documented layout, byte by byte, with knobs to break each field.
struct RawBlob {
  std::string magic = "CLVW";
  uint32_t version = 1;
  std::optional<uint32_t> count;
  std::vector<RawEntry> entries;
  std::vector<uint8_t> trailing;  // extra bytes before the CRC
  bool breakCrc = false;

  std::vector<uint8_t> bytes() const {
    std::vector<uint8_t> out(magic.begin(), magic.end());
    auto le = [&out](uint64_t v, int n) {
      for (int i = 0; i < n; ++i)
        out.push_back(static_cast<uint8_t>(v >> (8 * i)));
    };
    le(version, 4);
    le(count.value_or(static_cast<uint32_t>(entries.size())), 4);
    for (const auto& e : entries) {
      le(e.nameLength.value_or(static_cast<uint32_t>(e.name.size())), 4);
      out.insert(out.end(), e.name.begin(), e.name.end());
      le(static_cast<uint32_t>(e.layer), 4);
      le(e.flags, 1);
      le(e.shape.size(), 4);
      for (int64_t d : e.shape)
        le(static_cast<uint64_t>(d), 8);
      for (float v : e.values)
        le(std::bit_cast<uint32_t>(v), 4);
    }
    out.insert(out.end(), trailing.begin(), trailing.end());
    uint32_t crc = static_cast<uint32_t>(crc32(0, out.data(), static_cast<uInt>(out.size())));
    if (breakCrc) crc ^= 1u;
    le(crc, 4);
    return out;
  }
};

Weights sampleWeights() {
  return {
      {"L0.weight", 0, Tensor({2, 3}, {1.f, -2.f, 3.5f, 0.f, -0.f, 1e-30f}), false},
      {"L0.bias", 0, Tensor({2}, {0.25f, -7.f}), false},
      {"L1.running_var", 1, Tensor({2}, {1.f, 2.f}), true},
      {"exit.local.2.bias", 2, Tensor({}, {42.f}), false},  // scalar
      {"L3.empty", 3, Tensor({0, 4}, {}), false},
      {"Schicht.\xc3\xbc", 7, Tensor({1, 1, 1}, {std::numeric_limits<float>::max()}), false},
  };
}

RawBlob rawOf(const Weights& weights) {
  RawBlob raw;
  for (const auto& w : weights)
    raw.entries.push_back({w.name,
                           w.layer,
                           static_cast<uint8_t>(w.statistic ? 1 : 0),
                           w.value.shape,
                           w.value.data,
                           {}});
  return raw;
}

}  // namespace

class TstWeightsBlob : public QObject {
  Q_OBJECT

 private slots:
  void layoutMatchesDocumentedFormat() {
    const auto weights = sampleWeights();
    const auto expected = rawOf(weights).bytes();
    QCOMPARE(encodeWeightsBlob(weights), expected);
  }

  void roundTrip_data() {
    QTest::addColumn<int>("entries");
    QTest::addRow("empty") << 0;
    QTest::addRow("one") << 1;
    QTest::addRow("all") << static_cast<int>(sampleWeights().size());
  }
  void roundTrip() {
    QFETCH(int, entries);
    auto weights = sampleWeights();
    weights.resize(static_cast<size_t>(entries));
    const auto decoded = decodeWeightsBlob(encodeWeightsBlob(weights));
    QCOMPARE(decoded.size(), weights.size());
    for (size_t i = 0; i < weights.size(); ++i)
      QVERIFY(decoded[i] == weights[i]);
  }

  void nanValuesKeepTheirBits() {
    const float nan = std::bit_cast<float>(0x7fc01234u);
    const Weights weights{{"w", 0, Tensor({1}, {nan}), false}};
    const auto decoded = decodeWeightsBlob(encodeWeightsBlob(weights));
    QCOMPARE(std::bit_cast<uint32_t>(decoded[0].value.data[0]), 0x7fc01234u);
  }

  void largeBlobRoundTrip() {
    Weights weights{{"big", 0, Tensor({256, 1024}), false}};
    for (size_t i = 0; i < weights[0].value.data.size(); ++i)
      weights[0].value.data[i] = static_cast<float>(i) * 0.5f;
    QVERIFY(decodeWeightsBlob(encodeWeightsBlob(weights)) == weights);
  }

  void inconsistentTensorIsRefused() {
    const Weights weights{{"bad", 0, Tensor({3}, {1.f, 2.f}), false}};
    try {
      encodeWeightsBlob(weights);
      QFAIL("expected SessionError");
    } catch (const SessionError& e) {
      QVERIFY2(QString(e.what()).contains("'bad'"), e.what());
    }
  }

  void corruption_data() {
    QTest::addColumn<QByteArray>("blob");
    QTest::addColumn<QString>("message");
    auto add = [](const char* name, const std::vector<uint8_t>& bytes, const char* message) {
      QTest::addRow("%s", name) << QByteArray(reinterpret_cast<const char*>(bytes.data()),
                                              static_cast<qsizetype>(bytes.size()))
                                << QString(message);
    };
    const auto good = rawOf(sampleWeights());
    {
      auto raw = good;
      raw.magic = "CLVX";
      add("bad magic", raw.bytes(), "magic");
    }
    {
      auto raw = good;
      raw.version = 2;
      add("newer version", raw.bytes(), "version 2 is not supported");
    }
    {
      auto raw = good;
      raw.breakCrc = true;
      add("crc mismatch", raw.bytes(), "CRC-32 mismatch");
    }
    {
      auto bytes = good.bytes();
      bytes[30] ^= 0x40;  // inside the first name/value area: the CRC catches it
      add("flipped byte", bytes, "CRC-32 mismatch");
    }
    {
      auto bytes = good.bytes();
      bytes.resize(6);
      add("truncated header", bytes, "truncated");
    }
    add("empty", {}, "truncated");
    {
      auto raw = good;
      raw.count = 1'000'000'000u;
      add("huge count", raw.bytes(), "count 1000000000 cannot fit");
    }
    {
      auto raw = good;
      raw.count = static_cast<uint32_t>(good.entries.size() + 1);
      add("count beyond entries", raw.bytes(), "entry 6");
    }
    {
      auto raw = good;
      raw.entries[1].nameLength = 5000;
      add("name too long", raw.bytes(), "name length 5000");
    }
    {
      auto raw = good;
      raw.entries[0].flags = 0x02;
      add("unknown flag", raw.bytes(), "'L0.weight'): unknown flag bits 2");
    }
    {
      auto raw = good;
      raw.entries[0].shape.assign(9, 1);
      add("rank too high", raw.bytes(), "rank 9");
    }
    {
      auto raw = good;
      raw.entries[1].shape = {-2};
      add("negative dim", raw.bytes(), "'L0.bias'): negative dimension -2");
    }
    {
      auto raw = good;
      raw.entries.resize(1);
      raw.entries[0].shape = {2, 4};  // 8 values declared, 6 stored
      add("values short", raw.bytes(), "needs 32 bytes of values but only 24 remain");
    }
    {
      auto raw = good;
      raw.entries.resize(1);
      raw.entries[0].shape = {int64_t{1} << 40, int64_t{1} << 40, 0};
      add("shape overflow", raw.bytes(), "too many values");
    }
    {
      auto raw = good;
      raw.trailing = {1, 2, 3};
      add("trailing bytes", raw.bytes(), "3 unexpected bytes after the last entry");
    }
  }
  void corruption() {
    QFETCH(QByteArray, blob);
    QFETCH(QString, message);
    const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(blob.constData()),
                                         static_cast<size_t>(blob.size()));
    try {
      decodeWeightsBlob(bytes);
      QFAIL("corrupt blob was accepted");
    } catch (const SessionError& e) {
      QVERIFY2(QString(e.what()).contains(message), e.what());
    }
  }
};

QTEST_APPLESS_MAIN(TstWeightsBlob)
#include "tst_weights_blob.moc"
