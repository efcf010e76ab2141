// Wire codec round trips: every message type, tensors in every codec, zero-copy ownership.
#include <QtTest>
#include <cmath>
#include <set>

#include "core/compress/half.h"
#include "core/net/wire_codec.h"
#include "core/net/wire_samples.h"
#include "core/net/wire_tensor.h"

using namespace cleave;
using namespace cleave::net;

namespace {

std::vector<const WireTensor*> tensorsOf(const Message& m) {
  std::vector<const WireTensor*> out;
  std::visit(
      [&](const auto& b) {
        using B = std::decay_t<decltype(b)>;
        if constexpr (requires { b.weights; }) {
          for (const WireTensor& t : b.weights)
            out.push_back(&t);
        }
        if constexpr (requires { b.activation; }) out.push_back(&b.activation);
        if constexpr (std::is_same_v<B, Gradients>) out.push_back(&b.gradient);
      },
      m.body);
  return out;
}

// Largest error the codec's documented bound allows for value x (codec.h, compressed_update.h).
double allowedError(TensorCodec codec, const std::vector<float>& all, float x) {
  switch (codec) {
    case TensorCodec::Fp32:
      return 0.0;
    case TensorCodec::Fp16:
      return std::fabs(x) * std::ldexp(1.0, -11) + std::ldexp(1.0, -25);
    case TensorCodec::Int8:
    case TensorCodec::TopKInt8: {
      double max_abs = 0;
      for (float v : all)
        max_abs = std::max(max_abs, std::fabs(double(v)));
      return max_abs / 127.0 * 0.51;
    }
  }
  return 0.0;
}

}  // namespace

class TstWire : public QObject {
  Q_OBJECT

 private slots:
  void samplesCoverEveryType() {
    std::set<size_t> seen;
    for (const Message& m : sampleMessages())
      seen.insert(m.body.index());
    QCOMPARE(seen.size(), std::variant_size_v<Body>);
  }

  void roundTrip_data() {
    QTest::addColumn<int>("index");
    const auto samples = sampleMessages();
    for (size_t i = 0; i < samples.size(); ++i)
      QTest::addRow("%s", std::string(bodyName(samples[i].body)).c_str()) << int(i);
  }
  void roundTrip() {
    QFETCH(int, index);
    const Message sent = sampleMessages()[size_t(index)];
    std::vector<zmq::message_t> frames = encodeMessage(sent);
    QCOMPARE(frames.size(), tensorsOf(sent).size() + 1);
    DecodeResult got = decodeMessage(std::move(frames));
    QVERIFY2(got.ok(), got.ok() ? "" : got.error().text.c_str());
    // Exact equality: every field, and tensor bytes bit for bit (the frames are the encoding).
    QVERIFY(got.message() == sent);
    QCOMPARE(bodyName(got.message().body), bodyName(sent.body));
  }

  // Tensor values survive encode -> wire -> decode within each codec's documented bound.
  void tensorValues_data() {
    QTest::addColumn<int>("codec");
    QTest::addRow("fp32") << int(TensorCodec::Fp32);
    QTest::addRow("fp16") << int(TensorCodec::Fp16);
    QTest::addRow("int8") << int(TensorCodec::Int8);
    QTest::addRow("topk-int8") << int(TensorCodec::TopKInt8);
  }
  void tensorValues() {
    QFETCH(int, codec);
    const auto c = TensorCodec(codec);
    const Tensor original = sampleTensor({3, 5, 7, 11}, 9);
    WireTensor t;
    if (c == TensorCodec::TopKInt8) {
      std::vector<float> residual = original.data;
      t = updateTensor("u", original.shape, compressTopK(residual, 1.0));  // keep all: dense check
    } else {
      t = encodeTensor("u", original, c);
    }
    Message sent{1, 2, WeightsUp{1, 10, c == TensorCodec::TopKInt8, {t}}};
    DecodeResult got = decodeMessage(encodeMessage(sent));
    QVERIFY(got.ok());
    const Tensor back = decodeTensor(std::get<WeightsUp>(got.message().body).weights.at(0));
    QCOMPARE(back.shape, original.shape);
    for (size_t i = 0; i < back.data.size(); ++i) {
      const double err = std::fabs(double(back.data[i]) - double(original.data[i]));
      if (err > allowedError(c, original.data, original.data[i])) {
        QFAIL(qPrintable(
            QString("element %1: %2 vs %3").arg(i).arg(back.data[i]).arg(original.data[i])));
      }
    }
    if (c == TensorCodec::Fp32) QCOMPARE(back.data, original.data);
  }

  // Owned tensor bytes go out as the frame itself (no copy), and a decoded message keeps its
  // frames alive after the caller's vector is gone.
  void zeroCopy() {
    WireTensor t = encodeTensor("act", sampleTensor({4, 16}, 1), TensorCodec::Fp32);
    const uint8_t* payload = t.bytes.data();
    std::weak_ptr<const void> owner = t.owner;
    Message sent{7, 0, Activations{1, 1, {0, 1, 2, 3}, t}};
    t = {};
    sent =
        Message{7, 0, Activations{1, 1, {0, 1, 2, 3}, std::get<Activations>(sent.body).activation}};
    std::vector<zmq::message_t> frames = encodeMessage(sent);
    QCOMPARE(static_cast<const uint8_t*>(frames[1].data()), payload);
    sent = {};
    QVERIFY(!owner.expired());  // the frame holds the buffer now
    const void* frame_data = frames[1].data();
    DecodeResult got = decodeMessage(std::move(frames));
    QVERIFY(got.ok());
    const WireTensor& act = std::get<Activations>(got.message().body).activation;
    QCOMPARE(static_cast<const void*>(act.bytes.data()), frame_data);
    const Tensor back = decodeTensor(act);
    QCOMPARE(back.data, sampleTensor({4, 16}, 1).data);
    got = DecodeResult(DecodeError{});
    QVERIFY(owner.expired());  // message gone -> frames gone -> buffer freed
  }

  // A borrowed view is copied into its frame; the caller may drop the source right after.
  void borrowedViewIsCopied() {
    std::vector<uint8_t> bytes = encode(Codec::Fp32, sampleTensor({6}, 2).data);
    WireTensor t{"w", {6}, TensorCodec::Fp32, bytes, nullptr};
    std::vector<zmq::message_t> frames = encodeMessage(Message{0, 0, WeightsDown{1, {t}}});
    QVERIFY(frames[1].data() != static_cast<void*>(bytes.data()));
    const std::vector<uint8_t> expected = bytes;
    std::fill(bytes.begin(), bytes.end(), 0);
    DecodeResult got = decodeMessage(std::move(frames));
    QVERIFY(got.ok());
    const auto& back = std::get<WeightsDown>(got.message().body).weights.at(0).bytes;
    QVERIFY(std::ranges::equal(back, expected));
  }

  void encodeRefusesInconsistentTensor_data() {
    QTest::addColumn<int>("bytes");
    QTest::addColumn<int>("codec");
    QTest::addRow("fp32 short") << 20 << int(TensorCodec::Fp32);
    QTest::addRow("fp16 as fp32 size") << 24 << int(TensorCodec::Fp16);
    QTest::addRow("topk garbage") << 40 << int(TensorCodec::TopKInt8);
  }
  void encodeRefusesInconsistentTensor() {
    QFETCH(int, bytes);
    QFETCH(int, codec);
    std::vector<uint8_t> raw(size_t(bytes), 1);
    WireTensor t{"w", {2, 3}, TensorCodec(codec), raw, nullptr};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             encodeMessage(Message{0, 0, WeightsUp{1, 1, true, {t}}}));
  }
};

QTEST_APPLESS_MAIN(TstWire)
#include "tst_wire.moc"
