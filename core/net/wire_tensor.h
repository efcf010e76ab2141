// Building WireTensors from float tensors and back, through core/compress's codecs. Pure
// functions, callable from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/compress/codec.h"
#include "core/compress/compressed_update.h"
#include "core/net/message.h"
#include "core/tensor/tensor.h"

namespace cleave::net {

// The dense codec behind a TensorCodec; nullopt for TopKInt8.
std::optional<Codec> denseCodec(TensorCodec codec);
TensorCodec tensorCodec(Codec codec);

// Exact frame size of a dense codec for `elements` values; nullopt for TopKInt8 (variable size,
// see topKFrameBytes) or if elements < 0.
std::optional<int64_t> denseFrameBytes(TensorCodec codec, int64_t elements);

// The size a TopKInt8 frame must have according to its own header, checking its magic, version
// and that it encodes `elements` values; nullopt if the header is short or disagrees.
std::optional<int64_t> topKFrameBytes(std::span<const uint8_t> frame, int64_t elements);

// A tensor that owns `bytes` (sent without a further copy).
WireTensor ownedTensor(std::string name, Shape shape, TensorCodec codec,
                       std::vector<uint8_t> bytes);

// Encodes `tensor` with a dense codec (Fp32, Fp16, Int8). Throws std::invalid_argument for
// TopKInt8, CompressError for values the codec cannot carry.
WireTensor encodeTensor(std::string name, const Tensor& tensor, TensorCodec codec);

// A compressed update as a TopKInt8 tensor of the given dense shape.
WireTensor updateTensor(std::string name, Shape shape, CompressedUpdate update);

// Decodes to dense fp32 (TopKInt8: the dense update with zeros where nothing was sent). Throws
// CompressError if the bytes are malformed (a validated message only fails on bad contents,
// e.g. a NaN int8 scale).
Tensor decodeTensor(const WireTensor& tensor);

}  // namespace cleave::net
