#include "core/net/message.h"

#include <algorithm>

#include "core/net/wire_visit.h"

namespace cleave::net {

namespace {

bool sameLink(const LinkProfile& a, const LinkProfile& b) {
  return a.up_mbps == b.up_mbps && a.down_mbps == b.down_mbps && a.latency_ms == b.latency_ms &&
         a.jitter_ms == b.jitter_ms && a.loss == b.loss;
}

}  // namespace

std::string_view tensorCodecName(TensorCodec codec) {
  switch (codec) {
    case TensorCodec::Fp32:
      return "fp32";
    case TensorCodec::Fp16:
      return "fp16";
    case TensorCodec::Int8:
      return "int8";
    case TensorCodec::TopKInt8:
      return "topk-int8";
  }
  return "?";
}

bool WireTensor::operator==(const WireTensor& other) const {
  return name == other.name && shape == other.shape && codec == other.codec &&
         std::ranges::equal(bytes, other.bytes);
}

bool Hello::operator==(const Hello& o) const {
  return device_name == o.device_name && role == o.role && cpu_model == o.cpu_model &&
         cores == o.cores && memory_bytes == o.memory_bytes && layer_ms == o.layer_ms &&
         profile_batch == o.profile_batch && sameLink(link, o.link) &&
         agent_version == o.agent_version;
}

bool Command::operator==(const Command& o) const {
  return kind == o.kind && key == o.key && device == o.device && split_mode == o.split_mode &&
         cut == o.cut && sameLink(link, o.link) && slowdown == o.slowdown &&
         settings == o.settings && since_us == o.since_us && threshold == o.threshold &&
         mode == o.mode;
}

std::string_view bodyName(const Body& body) {
  return std::visit(
      Overloaded{
          [](const Hello&) { return "hello"; }, [](const Welcome&) { return "welcome"; },
          [](const Refused&) { return "refused"; }, [](const Heartbeat&) { return "heartbeat"; },
          [](const RoundPlan&) { return "plan"; }, [](const Activations&) { return "activations"; },
          [](const Gradients&) { return "gradients"; },
          [](const WeightsUp&) { return "weights-up"; },
          [](const WeightsDown&) { return "weights-down"; },
          [](const EvalReport&) { return "eval-report"; },
          [](const ExitStats&) { return "exit-stats"; },
          [](const InferenceRequest&) { return "inference-request"; },
          [](const InferenceAnswer&) { return "inference-answer"; },
          [](const Event&) { return "event"; }, [](const Command&) { return "command"; },
          [](const CommandReply&) { return "command-reply"; }, [](const Bye&) { return "bye"; }},
      body);
}

}  // namespace cleave::net
