#include "core/net/wire_tensor.h"

#include <cstring>
#include <stdexcept>

#include "core/compress/compress_error.h"

namespace cleave::net {

std::optional<Codec> denseCodec(TensorCodec codec) {
  switch (codec) {
    case TensorCodec::Fp32:
      return Codec::Fp32;
    case TensorCodec::Fp16:
      return Codec::Fp16;
    case TensorCodec::Int8:
      return Codec::Int8;
    case TensorCodec::TopKInt8:
      return std::nullopt;
  }
  return std::nullopt;
}

TensorCodec tensorCodec(Codec codec) {
  switch (codec) {
    case Codec::Fp32:
      return TensorCodec::Fp32;
    case Codec::Fp16:
      return TensorCodec::Fp16;
    case Codec::Int8:
      return TensorCodec::Int8;
  }
  return TensorCodec::Fp32;
}

std::optional<int64_t> denseFrameBytes(TensorCodec codec, int64_t elements) {
  const std::optional<Codec> dense = denseCodec(codec);
  if (!dense || elements < 0) return std::nullopt;
  return encodedBytes(*dense, elements);
}

namespace {

uint64_t readU64(std::span<const uint8_t> bytes, size_t offset) {
  uint64_t v = 0;  // little-endian on every platform we build for (x86-64, aarch64)
  std::memcpy(&v, bytes.data() + offset, sizeof v);
  return v;
}

}  // namespace

std::optional<int64_t> topKFrameBytes(std::span<const uint8_t> frame, int64_t elements) {
  if (frame.size() < static_cast<size_t>(kCompressedUpdateHeaderBytes)) return std::nullopt;
  if (frame[0] != 'C' || frame[1] != 'U' || frame[2] != 1 || frame[3] > 1) return std::nullopt;
  const uint64_t n = readU64(frame, 4);
  const uint64_t kept = readU64(frame, 12);
  const uint64_t index_bytes = readU64(frame, 20);
  if (elements < 0 || n != static_cast<uint64_t>(elements) || kept > n) return std::nullopt;
  // Bounded so the sum below cannot overflow: n <= max_elements was checked by the caller, and a
  // varint index needs at most 10 bytes per kept entry.
  if (index_bytes > 10 * n + 8) return std::nullopt;
  return kCompressedUpdateHeaderBytes + static_cast<int64_t>(index_bytes) +
         encodedBytes(Codec::Int8, static_cast<int64_t>(kept));
}

WireTensor ownedTensor(std::string name, Shape shape, TensorCodec codec,
                       std::vector<uint8_t> bytes) {
  auto owner = std::make_shared<const std::vector<uint8_t>>(std::move(bytes));
  WireTensor t;
  t.name = std::move(name);
  t.shape = std::move(shape);
  t.codec = codec;
  t.bytes = std::span<const uint8_t>(owner->data(), owner->size());
  t.owner = std::move(owner);
  return t;
}

WireTensor encodeTensor(std::string name, const Tensor& tensor, TensorCodec codec) {
  const std::optional<Codec> dense = denseCodec(codec);
  if (!dense) {
    throw std::invalid_argument("encodeTensor: '" + name +
                                "': topk-int8 needs a compressed update (use updateTensor)");
  }
  return ownedTensor(std::move(name), tensor.shape, codec, encode(*dense, tensor.data));
}

WireTensor updateTensor(std::string name, Shape shape, CompressedUpdate update) {
  return ownedTensor(std::move(name), std::move(shape), TensorCodec::TopKInt8,
                     std::move(update.bytes));
}

Tensor decodeTensor(const WireTensor& tensor) {
  Tensor out(tensor.shape);
  if (const std::optional<Codec> dense = denseCodec(tensor.codec)) {
    decode(*dense, tensor.bytes, out.data);
  } else {
    decompressUpdate(tensor.bytes, out.data);
  }
  return out;
}

}  // namespace cleave::net
