#include "core/compress/codec.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <limits>
#include <string>

#include "core/compress/compress_error.h"
#include "core/compress/half.h"
#include "core/compress/multiversion.h"

namespace cleave {

// The wire formats are little-endian; a big-endian port would byte-swap in these loops.
static_assert(std::endian::native == std::endian::little, "codecs assume a little-endian host");

namespace {

constexpr uint32_t kAbsMask = 0x7fffffffu;
constexpr uint32_t kInfBits = 0x7f800000u;
// Smallest scale: keeps 1/scale finite and makes tiny chunks exact multiples of 2^-126.
constexpr float kMinScale = std::numeric_limits<float>::min();
// Largest scale the encoder can produce (max|x| = FLT_MAX); anything above is not ours.
const float kMaxScale = std::numeric_limits<float>::max() / 127.0f;
// Converting through a stack block keeps byte buffers free of type-punned stores.
constexpr size_t kBlock = 2048;

size_t chunkCount(size_t elements) {
  return (elements + static_cast<size_t>(kInt8Chunk) - 1) / static_cast<size_t>(kInt8Chunk);
}

std::vector<uint8_t> encodeFp16(std::span<const float> values) {
  std::vector<uint8_t> bytes(values.size() * 2);
  std::array<uint16_t, kBlock> block;
  for (size_t i = 0; i < values.size(); i += kBlock) {
    const size_t len = std::min(kBlock, values.size() - i);
    floatsToHalves(values.subspan(i, len), std::span(block.data(), len));
    std::memcpy(bytes.data() + 2 * i, block.data(), 2 * len);
  }
  return bytes;
}

void decodeFp16(std::span<const uint8_t> bytes, std::span<float> out) {
  std::array<uint16_t, kBlock> block;
  for (size_t i = 0; i < out.size(); i += kBlock) {
    const size_t len = std::min(kBlock, out.size() - i);
    std::memcpy(block.data(), bytes.data() + 2 * i, 2 * len);
    halvesToFloats(std::span<const uint16_t>(block.data(), len), out.subspan(i, len));
  }
}

[[noreturn]] void throwNonFinite(std::span<const float> chunk, size_t offset) {
  for (size_t i = 0; i < chunk.size(); ++i) {
    if ((std::bit_cast<uint32_t>(chunk[i]) & kAbsMask) >= kInfBits) {
      throw CompressError("int8 encode: element " + std::to_string(offset + i) + " is " +
                          std::to_string(chunk[i]) + "; int8 needs finite values (use fp16/fp32)");
    }
  }
  throw CompressError("int8 encode: non-finite value");
}

// Integer max over |bits| orders finite floats like their magnitudes and puts inf/nan on top.
CLEAVE_MULTIVERSION uint32_t maxAbsBits(const float* x, size_t n) {
  uint32_t max_bits = 0;
  for (size_t i = 0; i < n; ++i)
    max_bits = std::max(max_bits, std::bit_cast<uint32_t>(x[i]) & kAbsMask);
  return max_bits;
}

CLEAVE_MULTIVERSION void quantise(const float* x, size_t n, float inv, int8_t* codes) {
  for (size_t i = 0; i < n; ++i) {
    // No clamp needed: |x| <= max|x| = 127 * scale, so |x * inv| <= 127 + a few ulp -> 127.
    // Adding and removing 1.5 * 2^23 rounds to nearest even and vectorises (nearbyint does not).
    const float r = (x[i] * inv + 12582912.0f) - 12582912.0f;
    codes[i] = static_cast<int8_t>(static_cast<int32_t>(r));
  }
}

CLEAVE_MULTIVERSION void dequantise(const uint8_t* codes, size_t n, float scale, float* out) {
  for (size_t i = 0; i < n; ++i)
    out[i] = static_cast<float>(static_cast<int8_t>(codes[i])) * scale;
}

CLEAVE_MULTIVERSION size_t countByte(const uint8_t* bytes, size_t n, uint8_t value) {
  size_t count = 0;
  for (size_t i = 0; i < n; ++i)
    count += bytes[i] == value ? 1 : 0;
  return count;
}

void encodeInt8Chunk(std::span<const float> x, size_t offset, float& scale_out, int8_t* codes) {
  const uint32_t max_bits = maxAbsBits(x.data(), x.size());
  if (max_bits >= kInfBits) throwNonFinite(x, offset);
  const float scale = std::max(std::bit_cast<float>(max_bits) / 127.0f, kMinScale);
  quantise(x.data(), x.size(), 1.0f / scale, codes);
  scale_out = scale;
}

std::vector<uint8_t> encodeInt8(std::span<const float> values) {
  const size_t chunks = chunkCount(values.size());
  std::vector<uint8_t> bytes(4 * chunks + values.size());
  std::vector<float> scales(chunks);
  auto* codes = reinterpret_cast<int8_t*>(bytes.data() + 4 * chunks);
  for (size_t c = 0; c < chunks; ++c) {
    const size_t begin = c * static_cast<size_t>(kInt8Chunk);
    const size_t len = std::min(static_cast<size_t>(kInt8Chunk), values.size() - begin);
    encodeInt8Chunk(values.subspan(begin, len), begin, scales[c], codes + begin);
  }
  if (chunks) std::memcpy(bytes.data(), scales.data(), 4 * chunks);
  return bytes;
}

void decodeInt8(std::span<const uint8_t> bytes, std::span<float> out) {
  const size_t chunks = chunkCount(out.size());
  std::vector<float> scales(chunks);
  if (chunks) std::memcpy(scales.data(), bytes.data(), 4 * chunks);
  for (size_t c = 0; c < chunks; ++c) {
    // Written so that NaN fails the test too.
    if (!(scales[c] >= 0.0f && scales[c] <= kMaxScale)) {
      throw CompressError("int8 decode: chunk " + std::to_string(c) + " has scale " +
                          std::to_string(scales[c]) + " (must be finite, >= 0 and <= " +
                          std::to_string(kMaxScale) + "); the bytes are corrupt");
    }
  }
  const uint8_t* codes = bytes.data() + 4 * chunks;
  // -128 is never written; seeing it means the bytes are not ours.
  if (countByte(codes, out.size(), 0x80) != 0) {
    const auto at = std::find(codes, codes + out.size(), uint8_t{0x80}) - codes;
    throw CompressError("int8 decode: code -128 at element " + std::to_string(at) +
                        " (valid codes are -127..127); the bytes are corrupt");
  }
  for (size_t c = 0; c < chunks; ++c) {
    const size_t begin = c * static_cast<size_t>(kInt8Chunk);
    const size_t len = std::min(static_cast<size_t>(kInt8Chunk), out.size() - begin);
    dequantise(codes + begin, len, scales[c], out.data() + begin);
  }
}

}  // namespace

std::string_view codecName(Codec codec) {
  switch (codec) {
    case Codec::Fp32:
      return "fp32";
    case Codec::Fp16:
      return "fp16";
    case Codec::Int8:
      return "int8";
  }
  return "?";
}

std::optional<Codec> codecFromName(std::string_view name) {
  for (const Codec c : {Codec::Fp32, Codec::Fp16, Codec::Int8}) {
    if (codecName(c) == name) return c;
  }
  return std::nullopt;
}

Codec parseCodec(std::string_view name) {
  if (const auto codec = codecFromName(name)) return *codec;
  throw CompressError("unknown codec '" + std::string(name) + "' (expected fp32, fp16 or int8)");
}

int64_t encodedBytes(Codec codec, int64_t elements) {
  // 2^60 elements is far beyond any frame and keeps every size below int64 overflow.
  if (elements < 0 || elements > (int64_t{1} << 60)) {
    throw CompressError("codec " + std::string(codecName(codec)) + ": element count " +
                        std::to_string(elements) + " is out of range");
  }
  switch (codec) {
    case Codec::Fp32:
      return 4 * elements;
    case Codec::Fp16:
      return 2 * elements;
    case Codec::Int8:
      return 4 * static_cast<int64_t>(chunkCount(static_cast<size_t>(elements))) + elements;
  }
  throw CompressError("codec: invalid enum value " + std::to_string(static_cast<int>(codec)));
}

std::vector<uint8_t> encode(Codec codec, std::span<const float> values) {
  switch (codec) {
    case Codec::Fp32: {
      std::vector<uint8_t> bytes(values.size_bytes());
      if (!values.empty()) std::memcpy(bytes.data(), values.data(), values.size_bytes());
      return bytes;
    }
    case Codec::Fp16:
      return encodeFp16(values);
    case Codec::Int8:
      return encodeInt8(values);
  }
  throw CompressError("codec: invalid enum value " + std::to_string(static_cast<int>(codec)));
}

void decode(Codec codec, std::span<const uint8_t> bytes, std::span<float> out) {
  const int64_t expected = encodedBytes(codec, static_cast<int64_t>(out.size()));
  if (static_cast<int64_t>(bytes.size()) != expected) {
    throw CompressError("codec " + std::string(codecName(codec)) + ": " +
                        std::to_string(bytes.size()) + " bytes do not hold " +
                        std::to_string(out.size()) + " elements (expected " +
                        std::to_string(expected) + " bytes)");
  }
  switch (codec) {
    case Codec::Fp32:
      if (!out.empty()) std::memcpy(out.data(), bytes.data(), bytes.size());
      return;
    case Codec::Fp16:
      return decodeFp16(bytes, out);
    case Codec::Int8:
      return decodeInt8(bytes, out);
  }
}

double wireBytesPerValue(Codec codec) {
  constexpr int64_t kLarge = int64_t{1} << 20;  // per-chunk headers averaged out
  return static_cast<double>(encodedBytes(codec, kLarge)) / static_cast<double>(kLarge);
}

}  // namespace cleave
