// Message -> frames. The envelope is serialised straight into its zmq frame; owned tensor bytes
// are handed to ZeroMQ without a copy.
#include <memory>
#include <stdexcept>

#include "core/net/wire_codec.h"
#include "core/net/wire_enums.h"
#include "core/net/wire_tensor.h"
#include "core/net/wire_visit.h"

namespace cleave::net {

namespace {

class Encoder {
 public:
  wire::Envelope envelope;

  void meta(const WireTensor& t, wire::TensorMeta* out) {
    checkBytes(t);
    out->set_name(t.name);
    for (int64_t d : t.shape)
      out->add_shape(d);
    out->set_codec(toWire(t.codec));
    out->set_byte_size(t.bytes.size());
    out->set_frame(static_cast<int32_t>(m_tensors.size() + 1));
    m_tensors.push_back(&t);
  }

  void metas(const std::vector<WireTensor>& ts,
             google::protobuf::RepeatedPtrField<wire::TensorMeta>* out) {
    out->Reserve(static_cast<int>(ts.size()));
    for (const WireTensor& t : ts)
      meta(t, out->Add());
  }

  std::vector<zmq::message_t> frames() const {
    std::vector<zmq::message_t> out;
    out.reserve(m_tensors.size() + 1);
    zmq::message_t head(envelope.ByteSizeLong());
    envelope.SerializeWithCachedSizesToArray(static_cast<uint8_t*>(head.data()));
    out.push_back(std::move(head));
    for (const WireTensor* t : m_tensors)
      out.push_back(tensorFrame(*t));
    return out;
  }

 private:
  std::vector<const WireTensor*> m_tensors;  // in frame order, frame = index + 1

  // Refuse to send what the peer's decoder would drop: the error is ours, so say it here.
  static void checkBytes(const WireTensor& t) {
    if (t.codec == TensorCodec::TopKInt8) {
      const std::optional<int64_t> want = topKFrameBytes(t.bytes, numel(t.shape));
      if (want && *want == static_cast<int64_t>(t.bytes.size())) return;
      throw std::invalid_argument("encodeMessage: tensor '" + t.name + "' " +
                                  shapeToString(t.shape) +
                                  ": bytes are not a top-k update of that many values");
    }
    const std::optional<int64_t> want = denseFrameBytes(t.codec, numel(t.shape));
    if (!want || *want != static_cast<int64_t>(t.bytes.size())) {
      throw std::invalid_argument(
          "encodeMessage: tensor '" + t.name + "' " + shapeToString(t.shape) + " has " +
          std::to_string(t.bytes.size()) + " bytes, " + std::string(tensorCodecName(t.codec)) +
          " needs " + std::to_string(want.value_or(-1)));
    }
  }

  static zmq::message_t tensorFrame(const WireTensor& t) {
    if (!t.owner || t.bytes.empty()) return zmq::message_t(t.bytes.data(), t.bytes.size());
    // ZeroMQ calls `release` once it is done with the bytes (possibly on its I/O thread).
    auto hold = std::make_unique<std::shared_ptr<const void>>(t.owner);
    auto release = [](void*, void* hint) {
      delete static_cast<std::shared_ptr<const void>*>(hint);
    };
    zmq::message_t frame(const_cast<uint8_t*>(t.bytes.data()), t.bytes.size(), release, hold.get());
    hold.release();  // now owned by the frame
    return frame;
  }
};

void setLink(const LinkProfile& l, wire::Link* out) {
  out->set_up_mbps(l.up_mbps);
  out->set_down_mbps(l.down_mbps);
  out->set_latency_ms(l.latency_ms);
  out->set_jitter_ms(l.jitter_ms);
  out->set_loss(l.loss);
}

}  // namespace

std::vector<zmq::message_t> encodeMessage(const Message& message) {
  Encoder enc;
  wire::Envelope& e = enc.envelope;
  e.set_version(kWireVersion);
  e.set_seq(message.seq);
  e.set_sent_us(message.sent_us);
  std::visit(Overloaded{[&](const Hello& m) {
                          wire::Hello* w = e.mutable_hello();
                          w->set_device_name(m.device_name);
                          w->set_role(m.role);
                          w->set_cpu_model(m.cpu_model);
                          w->set_cores(m.cores);
                          w->set_memory_bytes(m.memory_bytes);
                          w->mutable_layer_ms()->Add(m.layer_ms.begin(), m.layer_ms.end());
                          w->set_profile_batch(m.profile_batch);
                          setLink(m.link, w->mutable_link());
                          w->set_agent_version(m.agent_version);
                        },
                        [&](const Welcome& m) {
                          wire::Welcome* w = e.mutable_welcome();
                          w->set_device_id(m.device_id);
                          w->set_model_spec_json(m.model_spec_json);
                          wire::Standardisation* s = w->mutable_standardisation();
                          s->set_width(static_cast<uint32_t>(m.standardisation.width));
                          s->set_height(static_cast<uint32_t>(m.standardisation.height));
                          s->set_grey(m.standardisation.grey);
                          s->set_mean(m.standardisation.mean);
                          s->set_std(m.standardisation.std);
                          enc.metas(m.weights, w->mutable_weights());
                        },
                        [&](const Refused& m) {
                          wire::Refused* w = e.mutable_refused();
                          w->set_reason(toWire(m.reason));
                          w->set_text(m.text);
                        },
                        [&](const Heartbeat& m) {
                          wire::Heartbeat* w = e.mutable_heartbeat();
                          w->set_round(m.round);
                          w->set_state(toWire(m.state));
                          w->set_cpu_load(m.cpu_load);
                          w->set_echo_us(m.echo_us);
                          w->set_hold_ms(m.hold_ms);
                        },
                        [&](const RoundPlan& m) {
                          wire::Plan* w = e.mutable_plan();
                          w->set_round(m.round);
                          w->set_cut(m.cut);
                          w->set_steps(m.steps);
                          w->set_batch(m.batch);
                          w->set_learning_rate(m.learning_rate);
                          w->set_codec(toWire(m.codec));
                          w->set_deadline_ms(m.deadline_ms);
                          w->set_fedavg(m.fedavg);
                          w->set_reserved_up_bytes(m.reserved_up_bytes);
                          w->set_time_budget_ms(m.time_budget_ms);
                          w->set_update_keep(m.update_keep);
                        },
                        [&](const Activations& m) {
                          wire::Activations* w = e.mutable_activations();
                          w->set_round(m.round);
                          w->set_step(m.step);
                          w->mutable_labels()->Add(m.labels.begin(), m.labels.end());
                          enc.meta(m.activation, w->mutable_activation());
                          w->set_edge_ms(m.edge_ms);
                          w->set_hold_ms(m.hold_ms);
                        },
                        [&](const Gradients& m) {
                          wire::Gradients* w = e.mutable_gradients();
                          w->set_round(m.round);
                          w->set_step(m.step);
                          enc.meta(m.gradient, w->mutable_gradient());
                          w->set_loss(m.loss);
                          w->set_correct(m.correct);
                        },
                        [&](const WeightsUp& m) {
                          wire::WeightsUp* w = e.mutable_weights_up();
                          w->set_round(m.round);
                          w->set_samples(m.samples);
                          w->set_compressed(m.compressed);
                          enc.metas(m.weights, w->mutable_weights());
                          w->set_edge_ms(m.edge_ms);
                          w->set_hold_ms(m.hold_ms);
                        },
                        [&](const WeightsDown& m) {
                          wire::WeightsDown* w = e.mutable_weights_down();
                          w->set_round(m.round);
                          enc.metas(m.weights, w->mutable_weights());
                        },
                        [&](const EvalReport& m) {
                          wire::EvalReport* w = e.mutable_eval_report();
                          w->set_round(m.round);
                          w->set_samples(m.samples);
                          w->set_correct(m.correct);
                          w->set_loss(m.loss);
                        },
                        [&](const ExitStats& m) {
                          wire::ExitStats* w = e.mutable_exit_stats();
                          w->set_round(m.round);
                          for (const ExitStat& s : m.exits) {
                            wire::ExitStat* x = w->add_exits();
                            x->set_name(s.name);
                            x->set_count(s.count);
                            x->set_correct(s.correct);
                            x->set_mean_entropy(s.mean_entropy);
                          }
                        },
                        [&](const InferenceRequest& m) {
                          wire::InferenceRequest* w = e.mutable_inference_request();
                          w->set_sample_id(m.sample_id);
                          enc.meta(m.activation, w->mutable_activation());
                        },
                        [&](const InferenceAnswer& m) {
                          wire::InferenceAnswer* w = e.mutable_inference_answer();
                          w->set_sample_id(m.sample_id);
                          w->set_exit_index(m.exit_index);
                          w->set_prediction(m.prediction);
                          w->set_latency_us(m.latency_us);
                        },
                        [&](const Event& m) {
                          wire::Event* w = e.mutable_event();
                          w->set_kind(m.kind);
                          w->set_round(m.round);
                          w->set_device(m.device);
                          w->set_data_json(m.data_json);
                          w->set_t_us(m.t_us);
                        },
                        [&](const Command& m) {
                          wire::Command* w = e.mutable_command();
                          w->set_kind(toWire(m.kind));
                          w->set_key(m.key);
                          w->set_device(m.device);
                          w->set_split_mode(toWire(m.split_mode));
                          w->set_cut(m.cut);
                          setLink(m.link, w->mutable_link());
                          w->set_slowdown(m.slowdown);
                          wire::RoundSettings* s = w->mutable_settings();
                          s->set_rounds(m.settings.rounds);
                          s->set_steps(m.settings.steps);
                          s->set_batch(m.settings.batch);
                          s->set_learning_rate(m.settings.learning_rate);
                          s->set_deadline_ms(m.settings.deadline_ms);
                          s->set_fedavg_every(m.settings.fedavg_every);
                          s->set_codec(toWire(m.settings.codec));
                          w->set_since_us(m.since_us);
                          w->set_threshold(m.threshold);
                          w->set_mode(toWire(m.mode));
                        },
                        [&](const CommandReply& m) {
                          wire::CommandReply* w = e.mutable_command_reply();
                          w->set_ok(m.ok);
                          w->set_error(m.error);
                          w->set_data_json(m.data_json);
                        },
                        [&](const Bye& m) { e.mutable_bye()->set_reason(m.reason); }},
             message.body);
  return enc.frames();
}

}  // namespace cleave::net
