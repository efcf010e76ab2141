// The checkpoint weights format: Weights <-> a small versioned little-endian binary blob.
// Pure functions, thread-safe. Layout (docs/SESSION_FORMAT.md):
//   "CLVW" u32 version u32 count, count x {u32 name_len, name, i32 layer, u8 flags(bit0 statistic),
//   u32 rank, rank x i64 dim, numel x f32}, then u32 CRC-32 (zlib) of every byte before it.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/train/weights.h"

namespace cleave {

inline constexpr uint32_t kWeightsBlobVersion = 1;

std::vector<uint8_t> encodeWeightsBlob(const Weights& weights);

// Validates everything (magic, version, sizes, shapes, flags, CRC, trailing bytes) before
// trusting it; throws SessionError naming the entry and the field that is wrong.
Weights decodeWeightsBlob(std::span<const uint8_t> blob);

}  // namespace cleave
