// The decoder's validation: each rule rejects a crafted message with its own reason; truncated,
// garbage and oversized frames are dropped; random input never crashes.
#include <QtTest>
#include <functional>
#include <limits>
#include <random>

#include "core/net/protocol.pb.h"
#include "core/net/wire_codec.h"
#include "core/net/wire_samples.h"
#include "core/net/wire_tensor.h"

using namespace cleave;
using namespace cleave::net;
using R = DecodeErrorReason;

namespace {

using Frames = std::vector<std::vector<uint8_t>>;

// A message as editable parts: the parsed envelope plus raw tensor frames.
struct Crafted {
  wire::Envelope envelope;
  Frames tensors;
  WireLimits limits;

  DecodeResult decode() const {
    std::vector<uint8_t> head(envelope.ByteSizeLong());
    envelope.SerializeToArray(head.data(), int(head.size()));
    std::vector<std::span<const uint8_t>> spans{head};
    for (const auto& t : tensors)
      spans.emplace_back(t);
    return decodeMessage(spans, limits);
  }
};

Crafted craft(std::string_view body) {
  for (const Message& m : sampleMessages()) {
    if (bodyName(m.body) != body) continue;
    std::vector<zmq::message_t> frames = encodeMessage(m);
    Crafted c;
    if (!c.envelope.ParseFromArray(frames[0].data(), int(frames[0].size()))) qFatal("bad sample");
    for (size_t i = 1; i < frames.size(); ++i) {
      const auto* p = static_cast<const uint8_t*>(frames[i].data());
      c.tensors.emplace_back(p, p + frames[i].size());
    }
    return c;
  }
  qFatal("no sample");
}

struct Case {
  const char* name;
  const char* body;  // which sample to start from
  std::function<void(Crafted&)> mutate;
  R reason;
};

const std::vector<Case>& cases() {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  static const std::vector<Case> all = {
      {"too many frames", "hello", [](Crafted& c) { c.limits.max_frames = 1, c.tensors.resize(1); },
       R::TooManyFrames},
      {"envelope too large", "hello", [](Crafted& c) { c.limits.max_envelope_bytes = 16; },
       R::EnvelopeTooLarge},
      {"frame too large", "activations", [](Crafted& c) { c.limits.max_frame_bytes = 100; },
       R::FrameTooLarge},
      {"version 2", "heartbeat", [](Crafted& c) { c.envelope.set_version(2); }, R::VersionMismatch},
      {"version 0", "heartbeat", [](Crafted& c) { c.envelope.set_version(0); }, R::VersionMismatch},
      {"no body", "bye", [](Crafted& c) { c.envelope.clear_body(); }, R::MissingBody},
      {"codec 9", "activations",
       [](Crafted& c) {
         c.envelope.mutable_activations()->mutable_activation()->set_codec(wire::TensorCodec(9));
       },
       R::BadEnum},
      {"refused unspecified", "refused",
       [](Crafted& c) { c.envelope.mutable_refused()->set_reason(wire::REFUSED_UNSPECIFIED); },
       R::BadEnum},
      {"heartbeat state 7", "heartbeat",
       [](Crafted& c) { c.envelope.mutable_heartbeat()->set_state(wire::AgentState(7)); },
       R::BadEnum},
      {"command kind 0", "command",
       [](Crafted& c) { c.envelope.mutable_command()->set_kind(wire::COMMAND_UNSPECIFIED); },
       R::BadEnum},
      {"split mode -1", "command",
       [](Crafted& c) { c.envelope.mutable_command()->set_split_mode(wire::SplitMode(-1)); },
       R::BadEnum},
      {"long device name", "hello",
       [](Crafted& c) { c.envelope.mutable_hello()->set_device_name(std::string(257, 'a')); },
       R::StringTooLong},
      {"long event data", "event", [](Crafted& c) { c.limits.max_text_bytes = 8; },
       R::StringTooLong},
      {"not utf-8", "hello",
       [](Crafted& c) { c.envelope.mutable_hello()->set_role("cam\xff\xfe"); }, R::BadValue},
      {"overlong utf-8", "event",
       [](Crafted& c) { c.envelope.mutable_event()->set_kind("\xc0\xaf"); }, R::BadValue},
      {"empty device name", "hello",
       [](Crafted& c) { c.envelope.mutable_hello()->clear_device_name(); }, R::BadValue},
      {"too many layer times", "hello", [](Crafted& c) { c.limits.max_list_items = 2; },
       R::TooManyItems},
      {"too many labels", "activations", [](Crafted& c) { c.limits.max_list_items = 3; },
       R::TooManyItems},
      {"more weights than frames", "weights-down",
       [](Crafted& c) {
         *c.envelope.mutable_weights_down()->add_weights() = c.envelope.weights_down().weights(0);
       },
       R::TooManyItems},
      {"update keep 1.5", "plan",
       [](Crafted& c) { c.envelope.mutable_plan()->set_update_keep(1.5); }, R::BadValue},
      {"negative update keep", "plan",
       [](Crafted& c) { c.envelope.mutable_plan()->set_update_keep(-0.1); }, R::BadValue},
      {"negative edge ms", "activations",
       [](Crafted& c) { c.envelope.mutable_activations()->set_edge_ms(-1); }, R::BadValue},
      {"NaN hold ms", "activations",
       [=](Crafted& c) { c.envelope.mutable_activations()->set_hold_ms(kNaN); }, R::BadValue},
      {"negative upload edge ms", "weights-up",
       [](Crafted& c) { c.envelope.mutable_weights_up()->set_edge_ms(-0.5); }, R::BadValue},
      {"negative heartbeat echo", "heartbeat",
       [](Crafted& c) { c.envelope.mutable_heartbeat()->set_echo_us(-1); }, R::BadValue},
      {"infinite heartbeat hold", "heartbeat",
       [](Crafted& c) {
         c.envelope.mutable_heartbeat()->set_hold_ms(std::numeric_limits<double>::infinity());
       },
       R::BadValue},
      {"NaN link", "hello",
       [=](Crafted& c) { c.envelope.mutable_hello()->mutable_link()->set_up_mbps(kNaN); },
       R::BadValue},
      {"loss 1", "command",
       [](Crafted& c) { c.envelope.mutable_command()->mutable_link()->set_loss(1.0); },
       R::BadValue},
      {"negative learning rate", "plan",
       [](Crafted& c) { c.envelope.mutable_plan()->set_learning_rate(-0.1); }, R::BadValue},
      {"plan batch 0", "plan", [](Crafted& c) { c.envelope.mutable_plan()->set_batch(0); },
       R::BadValue},
      {"plan codec topk", "plan",
       [](Crafted& c) { c.envelope.mutable_plan()->set_codec(wire::TOPK_INT8); }, R::BadValue},
      {"slowdown 0.5", "command",
       [](Crafted& c) { c.envelope.mutable_command()->set_slowdown(0.5); }, R::BadValue},
      {"threshold 1.5", "command",
       [](Crafted& c) { c.envelope.mutable_command()->set_threshold(1.5); }, R::BadValue},
      {"negative since", "command",
       [](Crafted& c) { c.envelope.mutable_command()->set_since_us(-1); }, R::BadValue},
      {"agent mode 7", "command",
       [](Crafted& c) { c.envelope.mutable_command()->set_mode(static_cast<wire::AgentMode>(7)); },
       R::BadEnum},
      {"correct > samples", "eval-report",
       [](Crafted& c) { c.envelope.mutable_eval_report()->set_correct(1001); }, R::BadValue},
      {"exit index -2", "inference-answer",
       [](Crafted& c) { c.envelope.mutable_inference_answer()->set_exit_index(-2); }, R::BadValue},
      {"standardisation std 0", "welcome",
       [](Crafted& c) { c.envelope.mutable_welcome()->mutable_standardisation()->set_std(0); },
       R::BadValue},
      {"missing activation", "activations",
       [](Crafted& c) {
         c.envelope.mutable_activations()->clear_activation();
         c.tensors.clear();
       },
       R::BadValue},
      {"negative label", "activations",
       [](Crafted& c) { c.envelope.mutable_activations()->set_labels(0, -1); }, R::BadValue},
      {"9 dims", "weights-down",
       [](Crafted& c) {
         auto* m = c.envelope.mutable_weights_down()->mutable_weights(0);
         m->clear_shape();
         for (int i = 0; i < 9; ++i)
           m->add_shape(1);
       },
       R::BadShape},
      {"zero dim", "weights-down",
       [](Crafted& c) { c.envelope.mutable_weights_down()->mutable_weights(0)->set_shape(1, 0); },
       R::BadShape},
      {"negative dim", "weights-down",
       [](Crafted& c) { c.envelope.mutable_weights_down()->mutable_weights(0)->set_shape(1, -3); },
       R::BadShape},
      {"elements overflow", "weights-down",
       [](Crafted& c) {
         auto* m = c.envelope.mutable_weights_down()->mutable_weights(0);
         m->clear_shape();
         m->add_shape(int64_t{1} << 40);
         m->add_shape(int64_t{1} << 40);
       },
       R::BadShape},
      {"byte_size != frame", "gradients",
       [](Crafted& c) { c.envelope.mutable_gradients()->mutable_gradient()->set_byte_size(3); },
       R::BadByteSize},
      {"frame != codec size", "gradients",
       [](Crafted& c) {
         c.tensors[0].resize(c.tensors[0].size() - 4);
         c.envelope.mutable_gradients()->mutable_gradient()->set_byte_size(c.tensors[0].size());
       },
       R::BadByteSize},
      {"shape changed", "weights-down",
       [](Crafted& c) { c.envelope.mutable_weights_down()->mutable_weights(0)->set_shape(0, 9); },
       R::BadByteSize},
      {"topk header elements", "weights-up", [](Crafted& c) { c.tensors[0][4] ^= 1; },
       R::BadByteSize},
      {"frame 0", "gradients",
       [](Crafted& c) { c.envelope.mutable_gradients()->mutable_gradient()->set_frame(0); },
       R::BadFrameIndex},
      {"frame past end", "gradients",
       [](Crafted& c) { c.envelope.mutable_gradients()->mutable_gradient()->set_frame(2); },
       R::BadFrameIndex},
      {"frame reused", "welcome",
       [](Crafted& c) { c.envelope.mutable_welcome()->mutable_weights(1)->set_frame(1); },
       R::FrameReused},
      {"extra frame", "heartbeat",
       [](Crafted& c) {
         c.tensors.push_back({1, 2, 3});
       },
       R::FrameUnused},
      {"labels != batch", "activations",
       [](Crafted& c) { c.envelope.mutable_activations()->add_labels(1); }, R::LabelCountMismatch},
      {"topk activation", "inference-request",
       [](Crafted& c) {
         c.envelope.mutable_inference_request()->mutable_activation()->set_codec(wire::TOPK_INT8);
       },
       R::BadByteSize},
      {"topk in dense weights", "weights-up",
       [](Crafted& c) { c.envelope.mutable_weights_up()->set_compressed(false); }, R::BadValue},
      {"duplicate weight names", "welcome",
       [](Crafted& c) {
         c.envelope.mutable_welcome()->mutable_weights(1)->set_name("conv1.weight");
       },
       R::BadValue},
  };
  return all;
}

}  // namespace

class TstWireValidation : public QObject {
  Q_OBJECT

 private slots:
  void unmodifiedSamplesDecode() {
    for (const Message& m : sampleMessages()) {
      const DecodeResult r = craft(bodyName(m.body)).decode();
      QVERIFY2(r.ok(), r.ok() ? "" : r.error().text.c_str());
    }
  }

  void rule_data() {
    QTest::addColumn<int>("index");
    for (size_t i = 0; i < cases().size(); ++i)
      QTest::addRow("%s", cases()[i].name) << int(i);
  }
  void rule() {
    QFETCH(int, index);
    const Case& k = cases()[size_t(index)];
    Crafted c = craft(k.body);
    k.mutate(c);
    const DecodeResult r = c.decode();
    QVERIFY2(!r.ok(), "a crafted bad message was accepted");
    if (r.error().reason != k.reason) {
      QFAIL(qPrintable(QString("got %1 (%2), want %3")
                           .arg(decodeErrorReasonName(r.error().reason).data())
                           .arg(r.error().text.c_str())
                           .arg(decodeErrorReasonName(k.reason).data())));
    }
    QVERIFY(!r.error().text.empty());
  }

  void versionMismatchSaysBothVersions() {
    Crafted c = craft("hello");
    c.envelope.set_version(7);
    const DecodeResult r = c.decode();
    QCOMPARE(r.error().reason, R::VersionMismatch);
    QVERIFY(r.error().text.find('7') != std::string::npos);
    QVERIFY(r.error().text.find(std::to_string(kWireVersion)) != std::string::npos);
  }

  // Error texts quote peer strings only as short printable ASCII.
  void errorTextIsSanitised() {
    Crafted c = craft("weights-down");
    auto* m = c.envelope.mutable_weights_down()->mutable_weights(0);
    m->set_name("evil\n\x1b[31mname-that-goes-on-and-on-and-on-and-on-and-on");
    m->set_shape(1, 0);
    const DecodeResult r = c.decode();
    QCOMPARE(r.error().reason, R::BadShape);
    for (char ch : r.error().text)
      QVERIFY(static_cast<unsigned char>(ch) >= 0x20 && static_cast<unsigned char>(ch) < 0x7f);
    QVERIFY(r.error().text.find("...") != std::string::npos);
  }

  void emptyAndGarbage() {
    QCOMPARE(decodeMessage(std::span<const std::span<const uint8_t>>{}).error().reason,
             R::NoFrames);
    const std::vector<uint8_t> garbage(64, 0xff);
    const std::vector<std::span<const uint8_t>> one{garbage};
    QCOMPARE(decodeMessage(one).error().reason, R::Unparseable);
    std::vector<zmq::message_t> zframes;
    zframes.emplace_back(garbage.data(), garbage.size());
    QCOMPARE(decodeMessage(std::move(zframes)).error().reason, R::Unparseable);
  }

  // Every strict prefix of a valid envelope is dropped or (if it ends on a field boundary) at
  // worst decodes to a valid message; never anything else.
  void truncatedEnvelope() {
    for (const Message& m : sampleMessages()) {
      std::vector<zmq::message_t> frames = encodeMessage(m);
      const auto* p = static_cast<const uint8_t*>(frames[0].data());
      int rejected = 0;
      for (size_t n = 0; n < frames[0].size(); ++n) {
        std::vector<std::span<const uint8_t>> spans{{p, n}};
        for (size_t i = 1; i < frames.size(); ++i)
          spans.emplace_back(static_cast<const uint8_t*>(frames[i].data()), frames[i].size());
        rejected += decodeMessage(spans).ok() ? 0 : 1;
      }
      QVERIFY(rejected > 0);
    }
  }

  // Random frames and random bit flips of valid messages: no crash, no exception, and whatever is
  // accepted has tensor views lying exactly on frames.
  void randomInputNeverCrashes() {
    std::mt19937 rng(1234);
    const auto samples = sampleMessages();
    int accepted = 0;
    for (int iter = 0; iter < 20000; ++iter) {
      Frames frames;
      if (iter % 2 == 0) {
        std::vector<zmq::message_t> z = encodeMessage(samples[size_t(iter / 2) % samples.size()]);
        for (auto& f : z) {
          const auto* p = static_cast<const uint8_t*>(f.data());
          frames.emplace_back(p, p + f.size());
        }
        const int flips = 1 + int(rng() % 4);
        for (int k = 0; k < flips; ++k) {
          auto& f = frames[rng() % frames.size()];
          if (!f.empty()) f[rng() % f.size()] ^= uint8_t(1u << (rng() % 8));
        }
      } else {
        frames.resize(rng() % 5);
        for (auto& f : frames) {
          f.resize(rng() % 200);
          for (auto& b : f)
            b = uint8_t(rng());
        }
      }
      std::vector<std::span<const uint8_t>> spans(frames.begin(), frames.end());
      const DecodeResult r = decodeMessage(spans);
      if (r.ok()) ++accepted;
    }
    QVERIFY(accepted > 0);  // some flips land in payloads and stay valid: the test reached decode
  }
};

QTEST_APPLESS_MAIN(TstWireValidation)
#include "tst_wire_validation.moc"
