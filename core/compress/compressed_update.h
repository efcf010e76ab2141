// Step 2 of the two-step update compression: top-k sparsification + 8-bit quantisation with
// error feedback, and the wire format of the result. Pure functions; callable from any thread.
// decompressUpdate() is fed from the network: it validates everything and throws CompressError.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace cleave {

// Layout (little-endian):
//   0  char[2] "CU", uint8 version (1), uint8 index encoding (0 delta-varint, 1 bitmap)
//   4  uint64 elements n (length of the dense update)
//  12  uint64 kept (entries sent)
//  20  uint64 index byte count
//  28  indices: delta-varint = LEB128 of i0, then of (i_j - i_{j-1} - 1), strictly increasing;
//      bitmap = ceil(n/8) bytes, bit i%8 of byte i/8 set for a kept i, padding bits zero
//      values: codec.h int8 encoding of the kept values in index order
// The encoder picks whichever index encoding is smaller (sparse: varint, dense: bitmap).
enum class IndexEncoding : uint8_t { DeltaVarint = 0, Bitmap = 1 };

struct CompressedUpdate {
  std::vector<uint8_t> bytes;  // the serialised frame above
  int64_t elements = 0;
  int64_t kept = 0;
  IndexEncoding index_encoding = IndexEncoding::DeltaVarint;

  int64_t bytesBefore() const { return 4 * elements; }  // the dense fp32 update
  int64_t bytesAfter() const { return static_cast<int64_t>(bytes.size()); }
};

inline constexpr int64_t kCompressedUpdateHeaderBytes = 28;

// Sends the ceil(keep_fraction * n) largest-magnitude entries of `residual` (never zeros; ties
// broken by lower index) and subtracts from `residual` exactly what decompressUpdate() will
// reconstruct, so the quantisation error stays behind (error feedback). keep_fraction in (0, 1].
// Throws CompressError on a bad fraction or a non-finite residual entry.
CompressedUpdate compressTopK(std::span<float> residual, double keep_fraction);

// Writes the dense update into `out` (zeros where nothing was sent); out.size() must equal the
// encoded element count. Returns the kept count. On any malformed input throws CompressError
// and leaves `out` untouched.
int64_t decompressUpdate(std::span<const uint8_t> bytes, std::span<float> out);

}  // namespace cleave
