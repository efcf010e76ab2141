// Frames -> Message, validating everything a peer controls before anything is built from it.
// Checks throw a private Reject that decodeMessage() turns into a DecodeError: nothing escapes.
#include <cmath>
#include <limits>
#include <set>
#include <string>

#include "core/net/wire_codec.h"
#include "core/net/wire_enums.h"
#include "core/net/wire_tensor.h"

namespace cleave::net {

namespace {

using R = DecodeErrorReason;
using Bytes = std::span<const uint8_t>;

struct Reject {
  R reason;
  std::string text;
};

// Peer-supplied text quoted in an error: short, printable ASCII only (no log injection).
std::string printable(std::string_view s) {
  constexpr size_t kMax = 40;
  std::string out = "'";
  for (size_t i = 0; i < s.size() && i < kMax; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    out += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '?';
  }
  return out + (s.size() > kMax ? "...'" : "'");
}

bool validUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    int extra = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + static_cast<size_t>(extra) >= s.size()) return false;  // truncated sequence
    for (int k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += static_cast<size_t>(extra) + 1;
  }
  return true;
}

class Decoder {
 public:
  Decoder(std::span<const Bytes> frames, const WireLimits& limits,
          const std::shared_ptr<const void>& owner)
      : m_frames(frames), m_limits(limits), m_owner(owner), m_used(frames.size(), false) {}

  Message run() {
    checkFrames();
    wire::Envelope e;
    const Bytes head = m_frames[0];
    if (!e.ParseFromArray(head.data(), static_cast<int>(head.size()))) {
      throw Reject{R::Unparseable,
                   "frame 0 (" + std::to_string(head.size()) + " bytes) is not a wire envelope"};
    }
    if (e.version() != kWireVersion) {
      throw Reject{R::VersionMismatch, "peer speaks wire version " + std::to_string(e.version()) +
                                           ", this build speaks " + std::to_string(kWireVersion)};
    }
    Message m;
    m.seq = e.seq();
    m.sent_us = e.sent_us();
    m.body = body(e);
    for (size_t i = 1; i < m_frames.size(); ++i) {
      if (!m_used[i]) {
        throw Reject{R::FrameUnused,
                     "frame " + std::to_string(i) + " is not referenced by any tensor"};
      }
    }
    return m;
  }

 private:
  std::span<const Bytes> m_frames;
  const WireLimits& m_limits;
  const std::shared_ptr<const void>& m_owner;
  std::vector<bool> m_used;

  void checkFrames() const {
    if (m_frames.empty()) throw Reject{R::NoFrames, "empty message"};
    if (m_frames.size() > m_limits.max_frames) {
      throw Reject{R::TooManyFrames, std::to_string(m_frames.size()) + " frames, limit " +
                                         std::to_string(m_limits.max_frames)};
    }
    if (m_frames[0].size() > m_limits.max_envelope_bytes) {
      throw Reject{R::EnvelopeTooLarge, "envelope of " + std::to_string(m_frames[0].size()) +
                                            " bytes, limit " +
                                            std::to_string(m_limits.max_envelope_bytes)};
    }
    for (size_t i = 1; i < m_frames.size(); ++i) {
      if (m_frames[i].size() > m_limits.max_frame_bytes) {
        throw Reject{R::FrameTooLarge, "frame " + std::to_string(i) + " has " +
                                           std::to_string(m_frames[i].size()) + " bytes, limit " +
                                           std::to_string(m_limits.max_frame_bytes)};
      }
    }
  }

  // --- scalars ---------------------------------------------------------------------------------

  std::string str(const std::string& s, const char* field, size_t limit) const {
    if (s.size() > limit) {
      throw Reject{R::StringTooLong, std::string(field) + ": " + std::to_string(s.size()) +
                                         " bytes, limit " + std::to_string(limit)};
    }
    if (!validUtf8(s)) throw Reject{R::BadValue, std::string(field) + ": not UTF-8"};
    return s;
  }
  std::string name(const std::string& s, const char* field) const {
    return str(s, field, m_limits.max_name_bytes);
  }
  std::string text(const std::string& s, const char* field) const {
    return str(s, field, m_limits.max_text_bytes);
  }
  std::string nonEmptyName(const std::string& s, const char* field) const {
    if (s.empty()) throw Reject{R::BadValue, std::string(field) + ": empty"};
    return name(s, field);
  }

  static double atLeast(double v, double lo, const char* field) {
    if (!std::isfinite(v) || v < lo) {
      throw Reject{R::BadValue, std::string(field) + ": " + std::to_string(v) +
                                    " is not a number >= " + std::to_string(lo)};
    }
    return v;
  }
  static double nonNegative(double v, const char* field) { return atLeast(v, 0.0, field); }
  static int64_t nonNegativeUs(int64_t v, const char* field) {
    if (v < 0) throw Reject{R::BadValue, std::string(field) + ": negative"};
    return v;
  }

  template <class E>
  static E enumValue(int v, bool (*valid)(int), int offset, const char* field) {
    if (!valid(v) || v - offset < 0) {
      throw Reject{R::BadEnum, std::string(field) + ": unknown value " + std::to_string(v)};
    }
    return static_cast<E>(v - offset);
  }
  static TensorCodec codec(int v, const char* field) {
    return enumValue<TensorCodec>(v, wire::TensorCodec_IsValid, 0, field);
  }
  static TensorCodec denseOnly(int v, const char* field) {
    const TensorCodec c = codec(v, field);
    if (c == TensorCodec::TopKInt8) {
      throw Reject{R::BadValue, std::string(field) + ": topk-int8 only carries weight updates"};
    }
    return c;
  }

  template <class Field>
  void listSize(const Field& list, const char* field) const {
    if (static_cast<size_t>(list.size()) > m_limits.max_list_items) {
      throw Reject{R::TooManyItems, std::string(field) + ": " + std::to_string(list.size()) +
                                        " items, limit " + std::to_string(m_limits.max_list_items)};
    }
  }

  LinkProfile link(const wire::Link& w) const {
    LinkProfile l;
    l.up_mbps = nonNegative(w.up_mbps(), "link.up_mbps");
    l.down_mbps = nonNegative(w.down_mbps(), "link.down_mbps");
    l.latency_ms = nonNegative(w.latency_ms(), "link.latency_ms");
    l.jitter_ms = nonNegative(w.jitter_ms(), "link.jitter_ms");
    l.loss = nonNegative(w.loss(), "link.loss");
    if (l.loss >= 1.0) throw Reject{R::BadValue, "link.loss: must be below 1"};
    return l;
  }

  // --- tensors ---------------------------------------------------------------------------------

  WireTensor tensor(const wire::TensorMeta& meta, const char* field) {
    WireTensor t;
    t.name = name(meta.name(), field);
    const std::string who = std::string(field) + " " + printable(t.name);
    if (static_cast<size_t>(meta.shape_size()) > m_limits.max_dims) {
      throw Reject{R::BadShape, who + ": " + std::to_string(meta.shape_size()) + " dims, limit " +
                                    std::to_string(m_limits.max_dims)};
    }
    int64_t elements = 1;
    for (int64_t d : meta.shape()) {
      if (d <= 0) throw Reject{R::BadShape, who + ": dimension " + std::to_string(d) + " <= 0"};
      if (d > m_limits.max_elements / elements) {
        throw Reject{R::BadShape,
                     who + ": more than " + std::to_string(m_limits.max_elements) + " elements"};
      }
      elements *= d;
    }
    t.shape.assign(meta.shape().begin(), meta.shape().end());
    t.codec = codec(meta.codec(), field);
    const int32_t f = meta.frame();
    if (f < 1 || static_cast<size_t>(f) >= m_frames.size()) {
      throw Reject{R::BadFrameIndex, who + ": frame " + std::to_string(f) + " not in 1.." +
                                         std::to_string(m_frames.size() - 1)};
    }
    if (m_used[static_cast<size_t>(f)]) {
      throw Reject{R::FrameReused, who + ": frame " + std::to_string(f) + " already used"};
    }
    m_used[static_cast<size_t>(f)] = true;
    t.bytes = m_frames[static_cast<size_t>(f)];
    if (meta.byte_size() != t.bytes.size()) {
      throw Reject{R::BadByteSize, who + ": byte_size " + std::to_string(meta.byte_size()) +
                                       " but frame " + std::to_string(f) + " has " +
                                       std::to_string(t.bytes.size())};
    }
    const std::optional<int64_t> want = t.codec == TensorCodec::TopKInt8
                                            ? topKFrameBytes(t.bytes, elements)
                                            : denseFrameBytes(t.codec, elements);
    if (!want || *want != static_cast<int64_t>(t.bytes.size())) {
      throw Reject{R::BadByteSize, who + ": " + std::to_string(t.bytes.size()) + " bytes is not " +
                                       std::string(tensorCodecName(t.codec)) + " of " +
                                       shapeToString(t.shape)};
    }
    t.owner = m_owner;
    return t;
  }

  WireTensor requiredTensor(bool present, const wire::TensorMeta& meta, const char* field) {
    if (!present) throw Reject{R::BadValue, std::string(field) + ": missing"};
    return tensor(meta, field);
  }

  // Weight lists: unique names (aggregation is by name); TopKInt8 only where `allow_topk`.
  std::vector<WireTensor> weights(const google::protobuf::RepeatedPtrField<wire::TensorMeta>& list,
                                  bool allow_topk) {
    std::vector<WireTensor> out;
    if (static_cast<size_t>(list.size()) >= m_frames.size()) {
      throw Reject{R::TooManyItems, "weights: " + std::to_string(list.size()) +
                                        " tensors but only " + std::to_string(m_frames.size() - 1) +
                                        " frames"};
    }
    out.reserve(static_cast<size_t>(list.size()));
    std::set<std::string_view> names;
    for (const wire::TensorMeta& meta : list) {
      out.push_back(tensor(meta, "weights"));
      if (out.back().codec == TensorCodec::TopKInt8 && !allow_topk) {
        throw Reject{R::BadValue, "weights " + printable(out.back().name) +
                                      ": topk-int8 in a message that is not a compressed update"};
      }
      if (!names.insert(out.back().name).second) {
        throw Reject{R::BadValue, "weights: " + printable(out.back().name) + " twice"};
      }
    }
    return out;
  }

  // --- bodies ----------------------------------------------------------------------------------

  Body body(const wire::Envelope& e) {
    switch (e.body_case()) {
      case wire::Envelope::kHello:
        return hello(e.hello());
      case wire::Envelope::kWelcome:
        return welcome(e.welcome());
      case wire::Envelope::kRefused: {
        const wire::Refused& w = e.refused();
        return Refused{
            enumValue<RefusedReason>(w.reason(), wire::RefusedReason_IsValid, 1, "refused.reason"),
            text(w.text(), "refused.text")};
      }
      case wire::Envelope::kHeartbeat: {
        const wire::Heartbeat& w = e.heartbeat();
        return Heartbeat{
            w.round(),
            enumValue<AgentState>(w.state(), wire::AgentState_IsValid, 0, "heartbeat.state"),
            nonNegative(w.cpu_load(), "heartbeat.cpu_load"),
            nonNegativeUs(w.echo_us(), "heartbeat.echo_us"),
            nonNegative(w.hold_ms(), "heartbeat.hold_ms")};
      }
      case wire::Envelope::kPlan:
        return plan(e.plan());
      case wire::Envelope::kActivations:
        return activations(e.activations());
      case wire::Envelope::kGradients: {
        const wire::Gradients& w = e.gradients();
        Gradients m;
        m.round = w.round();
        m.step = w.step();
        m.gradient = requiredTensor(w.has_gradient(), w.gradient(), "gradient");
        denseOnly(w.gradient().codec(), "gradient.codec");
        m.loss = w.loss();  // NaN/inf allowed: a diverged step is news, not a bad message
        m.correct = w.correct();
        return m;
      }
      case wire::Envelope::kWeightsUp: {
        const wire::WeightsUp& w = e.weights_up();
        return WeightsUp{w.round(),
                         w.samples(),
                         w.compressed(),
                         weights(w.weights(), w.compressed()),
                         nonNegative(w.edge_ms(), "weights_up.edge_ms"),
                         nonNegative(w.hold_ms(), "weights_up.hold_ms")};
      }
      case wire::Envelope::kWeightsDown: {
        const wire::WeightsDown& w = e.weights_down();
        return WeightsDown{w.round(), weights(w.weights(), false)};
      }
      case wire::Envelope::kEvalReport: {
        const wire::EvalReport& w = e.eval_report();
        if (w.correct() > w.samples()) {
          throw Reject{R::BadValue, "eval_report: correct > samples"};
        }
        return EvalReport{w.round(), w.samples(), w.correct(), w.loss()};
      }
      case wire::Envelope::kExitStats:
        return exitStats(e.exit_stats());
      case wire::Envelope::kInferenceRequest: {
        const wire::InferenceRequest& w = e.inference_request();
        InferenceRequest m;
        m.sample_id = w.sample_id();
        m.activation = requiredTensor(w.has_activation(), w.activation(), "activation");
        denseOnly(w.activation().codec(), "activation.codec");
        return m;
      }
      case wire::Envelope::kInferenceAnswer: {
        const wire::InferenceAnswer& w = e.inference_answer();
        if (w.exit_index() < kCloudExit || w.prediction() < 0 || w.latency_us() < 0) {
          throw Reject{R::BadValue,
                       "inference_answer: exit_index < -1, prediction < 0 or "
                       "latency_us < 0"};
        }
        return InferenceAnswer{w.sample_id(), w.exit_index(), w.prediction(), w.latency_us()};
      }
      case wire::Envelope::kEvent: {
        const wire::Event& w = e.event();
        return Event{nonEmptyName(w.kind(), "event.kind"), w.round(),
                     name(w.device(), "event.device"), text(w.data_json(), "event.data_json"),
                     w.t_us()};
      }
      case wire::Envelope::kCommand:
        return command(e.command());
      case wire::Envelope::kCommandReply: {
        const wire::CommandReply& w = e.command_reply();
        return CommandReply{w.ok(), text(w.error(), "command_reply.error"),
                            text(w.data_json(), "command_reply.data_json")};
      }
      case wire::Envelope::kBye:
        return Bye{text(e.bye().reason(), "bye.reason")};
      case wire::Envelope::BODY_NOT_SET:
        break;
    }
    throw Reject{R::MissingBody, "envelope carries no message"};
  }

  Hello hello(const wire::Hello& w) const {
    Hello m;
    m.device_name = nonEmptyName(w.device_name(), "hello.device_name");
    m.role = name(w.role(), "hello.role");
    m.cpu_model = name(w.cpu_model(), "hello.cpu_model");
    m.cores = w.cores();
    m.memory_bytes = w.memory_bytes();
    listSize(w.layer_ms(), "hello.layer_ms");
    m.layer_ms.reserve(static_cast<size_t>(w.layer_ms_size()));
    for (double ms : w.layer_ms())
      m.layer_ms.push_back(nonNegative(ms, "hello.layer_ms"));
    m.profile_batch = w.profile_batch();
    m.link = link(w.link());
    m.agent_version = name(w.agent_version(), "hello.agent_version");
    return m;
  }

  Welcome welcome(const wire::Welcome& w) {
    Welcome m;
    m.device_id = w.device_id();
    m.model_spec_json = text(w.model_spec_json(), "welcome.model_spec_json");
    const wire::Standardisation& s = w.standardisation();
    constexpr uint32_t kMaxSide = 1 << 14;  // bigger frames than 16k x 16k are not camera frames
    if (s.width() < 1 || s.height() < 1 || s.width() > kMaxSide || s.height() > kMaxSide ||
        !std::isfinite(s.mean()) || !std::isfinite(s.std()) || !(s.std() > 0.0f)) {
      throw Reject{R::BadValue, "welcome.standardisation: size must be 1.." +
                                    std::to_string(kMaxSide) + ", std > 0, mean finite"};
    }
    m.standardisation = {static_cast<int>(s.width()), static_cast<int>(s.height()), s.grey(),
                         s.mean(), s.std()};
    m.weights = weights(w.weights(), false);
    return m;
  }

  static RoundPlan plan(const wire::Plan& w) {
    RoundPlan m;
    m.round = w.round();
    m.cut = w.cut();
    m.steps = w.steps();
    m.batch = w.batch();
    if (m.batch < 1) throw Reject{R::BadValue, "plan.batch: must be >= 1"};
    m.learning_rate = nonNegative(w.learning_rate(), "plan.learning_rate");
    m.codec = denseOnly(w.codec(), "plan.codec");
    m.deadline_ms = nonNegative(w.deadline_ms(), "plan.deadline_ms");
    m.fedavg = w.fedavg();
    m.reserved_up_bytes = w.reserved_up_bytes();
    m.time_budget_ms = nonNegative(w.time_budget_ms(), "plan.time_budget_ms");
    m.update_keep = nonNegative(w.update_keep(), "plan.update_keep");
    if (m.update_keep > 1) throw Reject{R::BadValue, "plan.update_keep: more than 1"};
    return m;
  }

  Activations activations(const wire::Activations& w) {
    Activations m;
    m.round = w.round();
    m.step = w.step();
    listSize(w.labels(), "activations.labels");
    m.activation = requiredTensor(w.has_activation(), w.activation(), "activation");
    denseOnly(w.activation().codec(), "activation.codec");
    if (m.activation.shape.empty() ||
        static_cast<int64_t>(w.labels_size()) != m.activation.shape[0]) {
      throw Reject{R::LabelCountMismatch, std::to_string(w.labels_size()) +
                                              " labels for an activation of shape " +
                                              shapeToString(m.activation.shape)};
    }
    for (int64_t label : w.labels()) {
      if (label < 0) throw Reject{R::BadValue, "activations.labels: negative label"};
    }
    m.labels.assign(w.labels().begin(), w.labels().end());
    m.edge_ms = nonNegative(w.edge_ms(), "activations.edge_ms");
    m.hold_ms = nonNegative(w.hold_ms(), "activations.hold_ms");
    return m;
  }

  ExitStats exitStats(const wire::ExitStats& w) const {
    ExitStats m;
    m.round = w.round();
    listSize(w.exits(), "exit_stats.exits");
    m.exits.reserve(static_cast<size_t>(w.exits_size()));
    for (const wire::ExitStat& x : w.exits()) {
      if (x.correct() > x.count()) throw Reject{R::BadValue, "exit_stats: correct > count"};
      m.exits.push_back({name(x.name(), "exit_stats.name"), x.count(), x.correct(),
                         nonNegative(x.mean_entropy(), "exit_stats.mean_entropy")});
    }
    return m;
  }

  Command command(const wire::Command& w) const {
    Command m;
    m.kind = enumValue<CommandKind>(w.kind(), wire::CommandKind_IsValid, 1, "command.kind");
    m.key = name(w.key(), "command.key");
    m.device = name(w.device(), "command.device");
    m.split_mode =
        enumValue<SplitMode>(w.split_mode(), wire::SplitMode_IsValid, 0, "command.split_mode");
    if (w.cut() < -1) throw Reject{R::BadValue, "command.cut: must be >= -1"};
    m.cut = w.cut();
    m.link = link(w.link());
    m.slowdown = nonNegative(w.slowdown(), "command.slowdown");
    if (m.slowdown != 0 && m.slowdown < 1) {
      throw Reject{R::BadValue, "command.slowdown: must be 0 (keep) or >= 1"};
    }
    const wire::RoundSettings& s = w.settings();
    m.settings.rounds = s.rounds();
    m.settings.steps = s.steps();
    m.settings.batch = s.batch();
    m.settings.learning_rate = nonNegative(s.learning_rate(), "command.settings.learning_rate");
    m.settings.deadline_ms = nonNegative(s.deadline_ms(), "command.settings.deadline_ms");
    m.settings.fedavg_every = s.fedavg_every();
    m.settings.codec = denseOnly(s.codec(), "command.settings.codec");
    if (w.since_us() < 0) throw Reject{R::BadValue, "command.since_us: must be >= 0"};
    m.since_us = w.since_us();
    m.threshold = nonNegative(w.threshold(), "command.threshold");
    if (m.threshold > 1) throw Reject{R::BadValue, "command.threshold: must be in [0, 1]"};
    m.mode = enumValue<AgentMode>(w.mode(), wire::AgentMode_IsValid, 0, "command.mode");
    return m;
  }
};

DecodeResult decodeSpans(std::span<const Bytes> frames, const WireLimits& limits,
                         const std::shared_ptr<const void>& owner) {
  try {
    return Decoder(frames, limits, owner).run();
  } catch (Reject& r) {
    return DecodeError{r.reason, std::move(r.text)};
  } catch (const std::exception& e) {  // bad_alloc and the like: still just a dropped message
    return DecodeError{R::Unparseable, std::string("decoder failed: ") + e.what()};
  }
}

}  // namespace

std::string_view decodeErrorReasonName(DecodeErrorReason reason) {
  switch (reason) {
    case R::NoFrames:
      return "no-frames";
    case R::TooManyFrames:
      return "too-many-frames";
    case R::EnvelopeTooLarge:
      return "envelope-too-large";
    case R::FrameTooLarge:
      return "frame-too-large";
    case R::Unparseable:
      return "unparseable";
    case R::VersionMismatch:
      return "version-mismatch";
    case R::MissingBody:
      return "missing-body";
    case R::BadEnum:
      return "bad-enum";
    case R::StringTooLong:
      return "string-too-long";
    case R::TooManyItems:
      return "too-many-items";
    case R::BadValue:
      return "bad-value";
    case R::BadShape:
      return "bad-shape";
    case R::BadByteSize:
      return "bad-byte-size";
    case R::BadFrameIndex:
      return "bad-frame-index";
    case R::FrameReused:
      return "frame-reused";
    case R::FrameUnused:
      return "frame-unused";
    case R::LabelCountMismatch:
      return "label-count-mismatch";
  }
  return "unknown";
}

DecodeResult decodeMessage(std::span<const std::span<const uint8_t>> frames,
                           const WireLimits& limits) {
  return decodeSpans(frames, limits, nullptr);
}

DecodeResult decodeMessage(std::vector<zmq::message_t>&& frames, const WireLimits& limits) {
  auto held = std::make_shared<std::vector<zmq::message_t>>(std::move(frames));
  std::vector<Bytes> spans;
  spans.reserve(held->size());
  for (const zmq::message_t& f : *held)
    spans.emplace_back(static_cast<const uint8_t*>(f.data()), f.size());
  return decodeSpans(spans, limits, held);
}

}  // namespace cleave::net
