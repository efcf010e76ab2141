#include "core/compress/half.h"

#include <bit>
#include <string>

#include "core/compress/compress_error.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#define CLEAVE_HAVE_F16C_KERNEL 1
#endif

namespace cleave {

namespace {

// Branch-free (masks, not ?:) so the bulk loops vectorise; all three ranges are computed and
// the right one selected. Magnitudes fit in int32, and signed compares are what SSE2 has.
inline uint16_t toHalf(float value) {
  const uint32_t bits = std::bit_cast<uint32_t>(value);
  const uint32_t sign = (bits >> 16) & 0x8000u;
  const auto mag = static_cast<int32_t>(bits & 0x7fffffffu);
  const auto umag = static_cast<uint32_t>(mag);
  // Subnormal or zero half: adding 0.5f puts the half's 2^-24 unit in the float's last mantissa
  // bit, so the FPU's own round-to-nearest-even does the rounding.
  const uint32_t sub = std::bit_cast<uint32_t>(std::bit_cast<float>(umag) + 0.5f) - 0x3f000000u;
  // Normal half: rebias the exponent (-112 << 23) and round the 13 dropped bits to nearest even;
  // a carry out of the mantissa correctly rounds up to the next exponent or to infinity.
  const uint32_t normal = (umag + 0xc8000fffu + ((umag >> 13) & 1u)) >> 13;
  const uint32_t is_sub = 0u - static_cast<uint32_t>(mag < 0x38800000);
  const uint32_t is_normal = (0u - static_cast<uint32_t>(mag < 0x47800000)) & ~is_sub;
  const uint32_t is_nan = 0u - static_cast<uint32_t>(mag > 0x7f800000);
  // Overflow -> inf; NaN -> quiet NaN with the top payload bits.
  const uint32_t special = 0x7c00u | (is_nan & (0x0200u | ((umag >> 13) & 0x1ffu)));
  const uint32_t result = (sub & is_sub) | (normal & is_normal) | (special & ~(is_sub | is_normal));
  return static_cast<uint16_t>(sign | result);
}

// Shifting exponent+mantissa into a float and scaling by 2^112 rebiases normals and normalises
// subnormals exactly; anything that lands at or above 2^16 was inf/nan and gets exponent 255.
inline float fromHalf(uint16_t half) {
  const uint32_t shifted = static_cast<uint32_t>(half & 0x7fffu) << 13;
  const float scaled = std::bit_cast<float>(shifted) * 0x1p112f;
  uint32_t bits = std::bit_cast<uint32_t>(scaled);
  bits |= scaled >= 0x1p16f ? 0x7f800000u : 0u;
  bits |= static_cast<uint32_t>(half & 0x8000u) << 16;
  // vcvtph2ps quiets signalling NaNs; do the same so both kernels give identical bits.
  bits |= (bits & 0x7fffffffu) > 0x7f800000u ? 0x00400000u : 0u;
  return std::bit_cast<float>(bits);
}

void toHalvesScalar(const float* in, uint16_t* out, size_t n) {
  for (size_t i = 0; i < n; ++i)
    out[i] = toHalf(in[i]);
}

void fromHalvesScalar(const uint16_t* in, float* out, size_t n) {
  for (size_t i = 0; i < n; ++i)
    out[i] = fromHalf(in[i]);
}

#ifdef CLEAVE_HAVE_F16C_KERNEL
__attribute__((target("avx,f16c"))) void toHalvesF16c(const float* in, uint16_t* out, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m128i h = _mm256_cvtps_ph(_mm256_loadu_ps(in + i), _MM_FROUND_TO_NEAREST_INT);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), h);
  }
  toHalvesScalar(in + i, out + i, n - i);
}

__attribute__((target("avx,f16c"))) void fromHalvesF16c(const uint16_t* in, float* out, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m128i h = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i));
    _mm256_storeu_ps(out + i, _mm256_cvtph_ps(h));
  }
  fromHalvesScalar(in + i, out + i, n - i);
}
#endif

bool detectF16c() {
#ifdef CLEAVE_HAVE_F16C_KERNEL
  // CPUID directly: clang 14 (the fuzzer's compiler) rejects __builtin_cpu_supports("f16c").
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return false;
  const bool osxsave = ecx & (1u << 27), avx = ecx & (1u << 28), f16c = ecx & (1u << 29);
  if (!osxsave || !avx || !f16c) return false;
  // The OS must save the YMM registers (XCR0 bits 1 and 2) for the AVX encoding to be usable.
  unsigned xcr0_lo = 0, xcr0_hi = 0;
  __asm__("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
  return (xcr0_lo & 0x6u) == 0x6u;
#else
  return false;
#endif
}

bool useF16c(HalfKernel kernel) {
  switch (kernel) {
    case HalfKernel::Auto:
      return f16cAvailable();
    case HalfKernel::Scalar:
      return false;
    case HalfKernel::F16c:
      if (!f16cAvailable())
        throw CompressError("fp16: the F16C kernel is not available on this CPU");
      return true;
  }
  return false;
}

void checkSizes(size_t in, size_t out, const char* what) {
  if (in != out) {
    throw CompressError(std::string("fp16 ") + what + ": input has " + std::to_string(in) +
                        " values but output has room for " + std::to_string(out));
  }
}

}  // namespace

uint16_t floatToHalf(float value) {
  return toHalf(value);
}

float halfToFloat(uint16_t bits) {
  return fromHalf(bits);
}

bool f16cAvailable() {
  static const bool available = detectF16c();
  return available;
}

void floatsToHalves(std::span<const float> in, std::span<uint16_t> out, HalfKernel kernel) {
  checkSizes(in.size(), out.size(), "encode");
#ifdef CLEAVE_HAVE_F16C_KERNEL
  if (useF16c(kernel)) return toHalvesF16c(in.data(), out.data(), in.size());
#else
  useF16c(kernel);
#endif
  toHalvesScalar(in.data(), out.data(), in.size());
}

void halvesToFloats(std::span<const uint16_t> in, std::span<float> out, HalfKernel kernel) {
  checkSizes(in.size(), out.size(), "decode");
#ifdef CLEAVE_HAVE_F16C_KERNEL
  if (useF16c(kernel)) return fromHalvesF16c(in.data(), out.data(), in.size());
#else
  useF16c(kernel);
#endif
  fromHalvesScalar(in.data(), out.data(), in.size());
}

}  // namespace cleave
