// IEEE 754 binary16 ("half") conversion: round-to-nearest-even, subnormals, inf, nan, -0.
// A portable scalar kernel plus an x86 F16C kernel picked at run time; both give identical bits.
// Pure functions; callable from any thread.
#pragma once

#include <cstdint>
#include <span>

namespace cleave {

// NaN maps to a quiet NaN keeping the sign and the top 9 payload bits (what F16C does).
uint16_t floatToHalf(float value);
float halfToFloat(uint16_t bits);

enum class HalfKernel {
  Auto,    // F16C when the CPU has it, else Scalar
  Scalar,  // portable bit arithmetic, vectorised by the compiler
  F16c,    // x86 vcvtps2ph / vcvtph2ps; throws CompressError if unavailable
};

bool f16cAvailable();  // CPU supports F16C and this build has the kernel

// Bulk conversion; `out` must have the same size as `in` (throws CompressError otherwise).
void floatsToHalves(std::span<const float> in, std::span<uint16_t> out,
                    HalfKernel kernel = HalfKernel::Auto);
void halvesToFloats(std::span<const uint16_t> in, std::span<float> out,
                    HalfKernel kernel = HalfKernel::Auto);

}  // namespace cleave
