// Private to core/net's .cpp files: the plain enums of message.h and the schema's enums, side by
// side. Plain values equal schema values (minus one where the schema reserves 0 for "unspecified").
#pragma once

#include "core/net/message.h"
#include "core/net/protocol.pb.h"

namespace cleave::net {

static_assert(wire::FP32 == int(TensorCodec::Fp32) && wire::FP16 == int(TensorCodec::Fp16) &&
              wire::INT8 == int(TensorCodec::Int8) &&
              wire::TOPK_INT8 == int(TensorCodec::TopKInt8));
static_assert(wire::STATE_IDLE == int(AgentState::Idle) &&
              wire::STATE_STOPPING == int(AgentState::Stopping));
static_assert(wire::SPLIT_MANUAL == int(SplitMode::Manual) &&
              wire::SPLIT_IN_STEP == int(SplitMode::InStep));
static_assert(wire::VERSION_MISMATCH == int(RefusedReason::VersionMismatch) + 1 &&
              wire::SHUTTING_DOWN == int(RefusedReason::ShuttingDown) + 1);
static_assert(wire::APPROVE_KEY == int(CommandKind::ApproveKey) + 1 &&
              wire::SET_INFERENCE == int(CommandKind::SetInference) + 1);
static_assert(wire::MODE_KEEP == int(AgentMode::Keep) &&
              wire::MODE_INFERENCE == int(AgentMode::Inference));

inline wire::TensorCodec toWire(TensorCodec c) {
  return static_cast<wire::TensorCodec>(c);
}
inline wire::AgentState toWire(AgentState s) {
  return static_cast<wire::AgentState>(s);
}
inline wire::SplitMode toWire(SplitMode m) {
  return static_cast<wire::SplitMode>(m);
}
inline wire::RefusedReason toWire(RefusedReason r) {
  return static_cast<wire::RefusedReason>(int(r) + 1);
}
inline wire::AgentMode toWire(AgentMode m) {
  return static_cast<wire::AgentMode>(m);
}
inline wire::CommandKind toWire(CommandKind k) {
  return static_cast<wire::CommandKind>(int(k) + 1);
}

}  // namespace cleave::net
