// Activation / gradient codecs: float buffers to the bytes of one message frame and back.
// Pure functions; callable from any thread. decode() is fed from the network: it validates sizes
// and contents and throws CompressError, never reads or writes out of bounds.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace cleave {

// Wire layouts (little-endian, no header: the element count travels in the envelope):
//   fp32  n x float32, bit-exact.
//   fp16  n x IEEE binary16, round-to-nearest-even (half.h). Relative error <= 2^-11 in the
//         normal range [2^-14, 65504]; absolute error <= 2^-25 below it; larger values -> inf.
//   int8  ceil(n / kInt8Chunk) float32 scales, then n x int8 codes in [-127, 127].
//         Chunk c covers elements [c*kInt8Chunk, (c+1)*kInt8Chunk) with
//         scale = max(max|x| / 127, FLT_MIN), code = round(x / scale), x' = code * scale, so
//         |x - x'| <= scale / 2 plus float rounding (< scale * 2^-15). Inputs must be finite.
enum class Codec { Fp32, Fp16, Int8 };

inline constexpr int64_t kInt8Chunk = 4096;  // values per scale: 0.1% overhead, local range

std::string_view codecName(Codec codec);  // "fp32", "fp16", "int8"
std::optional<Codec> codecFromName(std::string_view name);
Codec parseCodec(std::string_view name);  // throws CompressError listing the valid names

// Size of the encoding of `elements` values. Throws CompressError if elements < 0.
int64_t encodedBytes(Codec codec, int64_t elements);
// Average wire bytes per value of a large tensor (4 fp32, 2 fp16, ~1 int8): what the planner
// charges for an activation or gradient.
double wireBytesPerValue(Codec codec);

std::vector<uint8_t> encode(Codec codec, std::span<const float> values);

// Decodes into `out`, whose size is the expected element count. Throws CompressError if
// bytes.size() != encodedBytes(codec, out.size()) or (int8) a scale is negative / not finite
// or a code is -128.
void decode(Codec codec, std::span<const uint8_t> bytes, std::span<float> out);

}  // namespace cleave
