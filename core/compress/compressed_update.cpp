#include "core/compress/compressed_update.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <functional>
#include <string>

#include "core/compress/codec.h"
#include "core/compress/compress_error.h"

namespace cleave {

static_assert(std::endian::native == std::endian::little, "wire format assumes little-endian");

namespace {

constexpr uint8_t kMagic0 = 'C';
constexpr uint8_t kMagic1 = 'U';
constexpr uint8_t kVersion = 1;
constexpr uint32_t kAbsMask = 0x7fffffffu;
constexpr uint32_t kInfBits = 0x7f800000u;

void putU64(uint8_t* at, uint64_t value) {
  std::memcpy(at, &value, 8);
}

uint64_t getU64(const uint8_t* at) {
  uint64_t value = 0;
  std::memcpy(&value, at, 8);
  return value;
}

size_t varintSize(uint64_t value) {
  size_t n = 1;
  while (value >= 0x80) {
    value >>= 7;
    ++n;
  }
  return n;
}

void putVarint(std::vector<uint8_t>& out, uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<uint8_t>(value | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<uint8_t>(value));
}

[[noreturn]] void malformed(const std::string& what) {
  throw CompressError("compressed update: " + what + "; the bytes are corrupt or not an update");
}

uint32_t kthLargestBySort(std::vector<uint32_t> values, size_t k) {
  std::nth_element(values.begin(), values.begin() + static_cast<ptrdiff_t>(k - 1), values.end(),
                   std::greater<>());
  return values[k - 1];
}

// The k-th largest of `mags` (1-based). A strided sample gives a lower bound that about 2k
// entries pass; the exact answer is then selected among those few. If the sample was unlucky
// (fewer than k pass) it falls back to selecting over everything, so the result is always exact.
uint32_t kthLargest(const std::vector<uint32_t>& mags, size_t k) {
  const size_t n = mags.size();
  constexpr size_t kStride = 64;
  if (n < 16 * kStride || k * 4 > n) return kthLargestBySort(mags, k);
  std::vector<uint32_t> sample;
  sample.reserve(n / kStride);
  for (size_t i = kStride / 2; i < n; i += kStride)
    sample.push_back(mags[i]);
  const size_t rank = std::min(sample.size(), 2 * k * sample.size() / n + 8);
  const uint32_t bound = kthLargestBySort(sample, rank);
  std::vector<uint32_t> candidates;
  candidates.reserve(3 * k);
  for (const uint32_t m : mags) {
    if (m >= bound) candidates.push_back(m);
  }
  if (candidates.size() < k) return kthLargestBySort(mags, k);
  return kthLargestBySort(std::move(candidates), k);
}

// Indices of the `target` largest |residual| entries, ascending. Magnitudes are compared as
// integer bit patterns, which order finite floats exactly and are cheap for nth_element.
std::vector<size_t> topKIndices(std::span<const float> residual, size_t target) {
  std::vector<uint32_t> mags(residual.size());
  uint32_t max_bits = 0;
  for (size_t i = 0; i < residual.size(); ++i) {
    mags[i] = std::bit_cast<uint32_t>(residual[i]) & kAbsMask;
    max_bits = std::max(max_bits, mags[i]);
  }
  if (max_bits >= kInfBits) {
    const auto at =
        std::find_if(mags.begin(), mags.end(), [](uint32_t m) { return m >= kInfBits; });
    throw CompressError("update compression: element " + std::to_string(at - mags.begin()) +
                        " of the update is not finite");
  }
  const uint32_t cut = kthLargest(mags, target);
  size_t above = 0;
  for (const uint32_t m : mags)
    above += m > cut ? 1 : 0;
  // Zeros are never worth sending, so an all-small residual may send fewer than target.
  size_t ties = cut == 0 ? 0 : target - above;
  std::vector<size_t> indices;
  indices.reserve(above + ties);
  for (size_t i = 0; i < mags.size(); ++i) {
    if (mags[i] > cut) {
      indices.push_back(i);
    } else if (mags[i] == cut && ties > 0) {
      indices.push_back(i);
      --ties;
    }
  }
  return indices;
}

std::vector<size_t> readBitmap(std::span<const uint8_t> index_bytes, size_t n, size_t kept) {
  if (index_bytes.size() != (n + 7) / 8) {
    malformed("bitmap has " + std::to_string(index_bytes.size()) + " bytes, expected " +
              std::to_string((n + 7) / 8) + " for " + std::to_string(n) + " elements");
  }
  if (n % 8 != 0 && (index_bytes.back() >> (n % 8)) != 0) malformed("bitmap padding bits are set");
  size_t count = 0;
  for (const uint8_t b : index_bytes)
    count += static_cast<size_t>(std::popcount(b));
  if (count != kept) {
    malformed("bitmap marks " + std::to_string(count) + " entries but the header says " +
              std::to_string(kept));
  }
  std::vector<size_t> indices;
  indices.reserve(kept);
  for (size_t byte = 0; byte < index_bytes.size(); ++byte) {
    for (uint8_t bits = index_bytes[byte]; bits != 0; bits &= static_cast<uint8_t>(bits - 1)) {
      indices.push_back(byte * 8 + static_cast<size_t>(std::countr_zero(bits)));
    }
  }
  return indices;
}

std::vector<size_t> readVarints(std::span<const uint8_t> index_bytes, size_t n, size_t kept) {
  std::vector<size_t> indices;
  indices.reserve(kept);
  size_t pos = 0;
  uint64_t next = 0;  // smallest index the next entry may have
  for (size_t k = 0; k < kept; ++k) {
    uint64_t delta = 0;
    for (int shift = 0;; shift += 7) {
      if (pos >= index_bytes.size()) malformed("index list ends inside entry " + std::to_string(k));
      const uint8_t b = index_bytes[pos++];
      if (shift == 63 && (b & 0x7e) != 0)
        malformed("index delta of entry " + std::to_string(k) + " overflows 64 bits");
      delta |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) break;
      if (shift == 63) malformed("index delta of entry " + std::to_string(k) + " is too long");
    }
    if (delta >= n - next) {
      malformed("entry " + std::to_string(k) + " points past the " + std::to_string(n) +
                " elements");
    }
    indices.push_back(static_cast<size_t>(next + delta));
    next = next + delta + 1;
  }
  if (pos != index_bytes.size()) {
    malformed(std::to_string(index_bytes.size() - pos) + " stray bytes after the index list");
  }
  return indices;
}

}  // namespace

CompressedUpdate compressTopK(std::span<float> residual, double keep_fraction) {
  if (!(keep_fraction > 0.0 && keep_fraction <= 1.0)) {
    throw CompressError("update compression: keep fraction " + std::to_string(keep_fraction) +
                        " must be in (0, 1]");
  }
  const size_t n = residual.size();
  const auto target =
      std::min(n, static_cast<size_t>(std::ceil(keep_fraction * static_cast<double>(n))));
  const std::vector<size_t> indices =
      target == 0 ? std::vector<size_t>{} : topKIndices(residual, target);

  std::vector<float> values(indices.size());
  for (size_t j = 0; j < indices.size(); ++j)
    values[j] = residual[indices[j]];
  const std::vector<uint8_t> value_bytes = encode(Codec::Int8, values);
  // Error feedback: subtract what the receiver reconstructs, not what we meant to send.
  decode(Codec::Int8, value_bytes, values);
  for (size_t j = 0; j < indices.size(); ++j)
    residual[indices[j]] -= values[j];

  size_t varint_bytes = 0;
  for (size_t j = 0; j < indices.size(); ++j) {
    varint_bytes += varintSize(j == 0 ? indices[0] : indices[j] - indices[j - 1] - 1);
  }
  const size_t bitmap_bytes = (n + 7) / 8;
  CompressedUpdate update;
  update.elements = static_cast<int64_t>(n);
  update.kept = static_cast<int64_t>(indices.size());
  update.index_encoding =
      bitmap_bytes < varint_bytes ? IndexEncoding::Bitmap : IndexEncoding::DeltaVarint;
  const size_t index_bytes =
      update.index_encoding == IndexEncoding::Bitmap ? bitmap_bytes : varint_bytes;

  std::vector<uint8_t>& out = update.bytes;
  out.reserve(kCompressedUpdateHeaderBytes + index_bytes + value_bytes.size());
  out.resize(kCompressedUpdateHeaderBytes);
  out[0] = kMagic0;
  out[1] = kMagic1;
  out[2] = kVersion;
  out[3] = static_cast<uint8_t>(update.index_encoding);
  putU64(out.data() + 4, n);
  putU64(out.data() + 12, indices.size());
  putU64(out.data() + 20, index_bytes);
  if (update.index_encoding == IndexEncoding::Bitmap) {
    out.resize(kCompressedUpdateHeaderBytes + bitmap_bytes, 0);
    uint8_t* bitmap = out.data() + kCompressedUpdateHeaderBytes;
    for (const size_t i : indices)
      bitmap[i / 8] |= static_cast<uint8_t>(1u << (i % 8));
  } else {
    for (size_t j = 0; j < indices.size(); ++j) {
      putVarint(out, j == 0 ? indices[0] : indices[j] - indices[j - 1] - 1);
    }
  }
  out.insert(out.end(), value_bytes.begin(), value_bytes.end());
  return update;
}

int64_t decompressUpdate(std::span<const uint8_t> bytes, std::span<float> out) {
  constexpr auto kHeader = static_cast<size_t>(kCompressedUpdateHeaderBytes);
  if (bytes.size() < kHeader) {
    malformed(std::to_string(bytes.size()) + " bytes is shorter than the " +
              std::to_string(kHeader) + "-byte header");
  }
  if (bytes[0] != kMagic0 || bytes[1] != kMagic1) malformed("bad magic (expected \"CU\")");
  if (bytes[2] != kVersion) malformed("unsupported version " + std::to_string(bytes[2]));
  if (bytes[3] > static_cast<uint8_t>(IndexEncoding::Bitmap)) {
    malformed("unknown index encoding " + std::to_string(bytes[3]));
  }
  const auto encoding = static_cast<IndexEncoding>(bytes[3]);
  const uint64_t n = getU64(bytes.data() + 4);
  const uint64_t kept = getU64(bytes.data() + 12);
  const uint64_t index_bytes = getU64(bytes.data() + 20);
  if (n != out.size()) {
    malformed("it holds " + std::to_string(n) + " elements but the receiver expects " +
              std::to_string(out.size()));
  }
  if (kept > n) malformed("kept count " + std::to_string(kept) + " exceeds " + std::to_string(n));
  const size_t rest = bytes.size() - kHeader;
  if (index_bytes > rest)
    malformed("index byte count " + std::to_string(index_bytes) + " overruns the frame");
  const auto value_bytes =
      static_cast<uint64_t>(encodedBytes(Codec::Int8, static_cast<int64_t>(kept)));
  if (rest - index_bytes != value_bytes) {
    malformed(std::to_string(rest - index_bytes) + " value bytes, expected " +
              std::to_string(value_bytes) + " for " + std::to_string(kept) + " entries");
  }
  const auto index_span = bytes.subspan(kHeader, index_bytes);
  const std::vector<size_t> indices = encoding == IndexEncoding::Bitmap
                                          ? readBitmap(index_span, n, kept)
                                          : readVarints(index_span, n, kept);
  std::vector<float> values(kept);
  decode(Codec::Int8, bytes.subspan(kHeader + index_bytes), values);

  std::fill(out.begin(), out.end(), 0.0f);
  for (size_t j = 0; j < indices.size(); ++j)
    out[indices[j]] = values[j];
  return static_cast<int64_t>(kept);
}

}  // namespace cleave
