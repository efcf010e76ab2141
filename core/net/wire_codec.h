// Message <-> multipart frames: frame 0 the protobuf envelope, frames 1..n raw tensor bytes.
// Pure functions, callable from any thread. decodeMessage() is fed from the network: it checks
// every size, shape, enum and index against WireLimits and returns a DecodeError instead of
// throwing; it never reads out of bounds and allocates at most O(envelope size).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>
#include <zmq.hpp>

#include "core/net/message.h"
#include "core/net/wire_limits.h"

namespace cleave::net {

enum class DecodeErrorReason : uint8_t {
  NoFrames,            // an empty multipart message
  TooManyFrames,       // more than WireLimits::max_frames
  EnvelopeTooLarge,    // frame 0 above max_envelope_bytes
  FrameTooLarge,       // a tensor frame above max_frame_bytes
  Unparseable,         // frame 0 is not an Envelope
  VersionMismatch,     // envelope.version != kWireVersion
  MissingBody,         // no message in the envelope
  BadEnum,             // an enum value this version does not know
  StringTooLong,       // above max_name_bytes / max_text_bytes
  TooManyItems,        // a list above max_list_items (or more tensors than frames allow)
  BadValue,            // a number out of its range (NaN, negative rate, loss >= 1, ...)
  BadShape,            // too many dims, a dim <= 0, too many elements
  BadByteSize,         // byte_size disagrees with the codec and shape, or with the frame
  BadFrameIndex,       // TensorMeta.frame outside 1..n
  FrameReused,         // two tensors name the same frame
  FrameUnused,         // a frame no tensor refers to
  LabelCountMismatch,  // Activations: labels.size() != batch
};
inline constexpr int kDecodeErrorReasonCount = 17;

std::string_view decodeErrorReasonName(DecodeErrorReason reason);  // "bad-byte-size", ...

struct DecodeError {
  DecodeErrorReason reason = DecodeErrorReason::Unparseable;
  std::string text;  // what was wrong, for logs; peer-supplied strings are sanitised and cut short
};

// Either the message or why it was dropped.
class DecodeResult {
 public:
  DecodeResult(Message message) : m_value(std::move(message)) {}  // NOLINT: implicit on purpose
  DecodeResult(DecodeError error) : m_value(std::move(error)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<Message>(m_value); }
  Message& message() { return std::get<Message>(m_value); }
  const Message& message() const { return std::get<Message>(m_value); }
  const DecodeError& error() const { return std::get<DecodeError>(m_value); }

 private:
  std::variant<Message, DecodeError> m_value;
};

// Frames to send, in order. Tensors whose WireTensor::owner is set go out without a copy (the
// frame shares the owner until ZeroMQ has sent it); borrowed views are copied once into their
// frame. Throws std::invalid_argument naming the tensor if its bytes cannot be what its codec
// and shape say (the peer would refuse the message).
std::vector<zmq::message_t> encodeMessage(const Message& message);

// Takes the frames over: the decoded tensors view them and share their ownership.
DecodeResult decodeMessage(std::vector<zmq::message_t>&& frames, const WireLimits& limits = {});

// Byte-span form (fuzzer, tests): tensor views point into `frames`, owner is null, so the
// caller keeps the bytes alive as long as the message.
DecodeResult decodeMessage(std::span<const std::span<const uint8_t>> frames,
                           const WireLimits& limits = {});

}  // namespace cleave::net
