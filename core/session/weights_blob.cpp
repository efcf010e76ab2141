#include "core/session/weights_blob.h"

#include <zlib.h>

#include <bit>
#include <cstring>
#include <limits>
#include <string>

#include "core/session/session_error.h"

namespace cleave {
namespace {

constexpr uint8_t kMagic[4] = {'C', 'L', 'V', 'W'};
constexpr uint8_t kStatisticFlag = 0x01;
constexpr uint32_t kMaxRank = 8;
constexpr uint32_t kMaxNameBytes = 4096;

uint32_t crc32Of(std::span<const uint8_t> bytes) {
  uLong crc = crc32(0L, Z_NULL, 0);
  // zlib takes uInt lengths; feed large blobs in pieces.
  while (!bytes.empty()) {
    const size_t piece = std::min<size_t>(bytes.size(), 1u << 30);
    crc = crc32(crc, bytes.data(), static_cast<uInt>(piece));
    bytes = bytes.subspan(piece);
  }
  return static_cast<uint32_t>(crc);
}

class Writer {
 public:
  explicit Writer(std::vector<uint8_t>& out) : m_out(out) {}
  template <typename T>
  void put(T value) {
    using U = std::make_unsigned_t<T>;
    const U bits = static_cast<U>(value);
    for (size_t i = 0; i < sizeof(T); ++i)
      m_out.push_back(static_cast<uint8_t>(bits >> (8 * i)));
  }
  void putBytes(const void* data, size_t size) {
    const auto* bytes = static_cast<const uint8_t*>(data);
    m_out.insert(m_out.end(), bytes, bytes + size);
  }
  void putFloats(const std::vector<float>& values) {
    if constexpr (std::endian::native == std::endian::little) {
      putBytes(values.data(), values.size() * sizeof(float));
    } else {
      for (float v : values)
        put(std::bit_cast<uint32_t>(v));
    }
  }

 private:
  std::vector<uint8_t>& m_out;
};

class Reader {
 public:
  explicit Reader(std::span<const uint8_t> bytes) : m_bytes(bytes) {}
  size_t remaining() const { return m_bytes.size() - m_pos; }
  size_t position() const { return m_pos; }

  template <typename T>
  T get(const std::string& field) {
    need(sizeof(T), field);
    std::make_unsigned_t<T> bits = 0;
    for (size_t i = 0; i < sizeof(T); ++i)
      bits |= static_cast<std::make_unsigned_t<T>>(m_bytes[m_pos + i]) << (8 * i);
    m_pos += sizeof(T);
    return static_cast<T>(bits);
  }
  std::span<const uint8_t> getBytes(size_t size, const std::string& field) {
    need(size, field);
    auto out = m_bytes.subspan(m_pos, size);
    m_pos += size;
    return out;
  }
  void need(size_t size, const std::string& field) const {
    if (remaining() < size)
      throw SessionError("weights blob truncated: " + field + " needs " + std::to_string(size) +
                         " bytes at offset " + std::to_string(m_pos) + ", only " +
                         std::to_string(remaining()) + " remain");
  }

 private:
  std::span<const uint8_t> m_bytes;
  size_t m_pos = 0;
};

std::vector<float> floatsFrom(std::span<const uint8_t> bytes) {
  std::vector<float> values(bytes.size() / sizeof(float));
  if constexpr (std::endian::native == std::endian::little) {
    if (!values.empty()) std::memcpy(values.data(), bytes.data(), bytes.size());
  } else {
    Reader reader(bytes);
    for (float& v : values)
      v = std::bit_cast<float>(reader.get<uint32_t>("value"));
  }
  return values;
}

}  // namespace

std::vector<uint8_t> encodeWeightsBlob(const Weights& weights) {
  std::vector<uint8_t> out;
  size_t size = 16;
  for (const auto& entry : weights)
    size += 21 + entry.name.size() + 8 * entry.value.shape.size() + 4 * entry.value.data.size();
  out.reserve(size);
  Writer writer(out);
  writer.putBytes(kMagic, sizeof(kMagic));
  writer.put<uint32_t>(kWeightsBlobVersion);
  writer.put<uint32_t>(static_cast<uint32_t>(weights.size()));
  for (const auto& entry : weights) {
    if (static_cast<int64_t>(entry.value.data.size()) != entry.value.numel())
      throw SessionError("cannot store weight '" + entry.name + "': shape " +
                         shapeToString(entry.value.shape) + " has " +
                         std::to_string(entry.value.numel()) + " values but the tensor holds " +
                         std::to_string(entry.value.data.size()));
    if (entry.name.size() > kMaxNameBytes || entry.value.shape.size() > kMaxRank)
      throw SessionError("cannot store weight '" + entry.name.substr(0, 64) +
                         "': name longer than 4096 bytes or rank above 8");
    writer.put<uint32_t>(static_cast<uint32_t>(entry.name.size()));
    writer.putBytes(entry.name.data(), entry.name.size());
    writer.put<int32_t>(entry.layer);
    writer.put<uint8_t>(entry.statistic ? kStatisticFlag : 0);
    writer.put<uint32_t>(static_cast<uint32_t>(entry.value.shape.size()));
    for (int64_t dim : entry.value.shape)
      writer.put<int64_t>(dim);
    writer.putFloats(entry.value.data);
  }
  writer.put<uint32_t>(crc32Of(out));
  return out;
}

Weights decodeWeightsBlob(std::span<const uint8_t> blob) {
  Reader header(blob);
  const auto magic = header.getBytes(4, "magic");
  if (!std::equal(magic.begin(), magic.end(), kMagic))
    throw SessionError("not a weights blob: magic is not 'CLVW'");
  const auto version = header.get<uint32_t>("version");
  if (version != kWeightsBlobVersion)
    throw SessionError("weights blob version " + std::to_string(version) +
                       " is not supported (this build reads version " +
                       std::to_string(kWeightsBlobVersion) + ")");
  if (blob.size() < 16) header.need(16 - header.position(), "count and CRC");
  // Checked before parsing so a flipped value byte is reported as such, not as a odd shape.
  const auto body = blob.first(blob.size() - 4);
  Reader crcReader(blob.subspan(blob.size() - 4));
  const auto stored = crcReader.get<uint32_t>("crc");
  if (stored != crc32Of(body))
    throw SessionError("weights blob is corrupt: CRC-32 mismatch (stored " +
                       std::to_string(stored) + ", computed " + std::to_string(crc32Of(body)) +
                       ")");

  Reader reader(body);
  reader.getBytes(8, "header");
  const auto count = reader.get<uint32_t>("count");
  // Every entry takes at least 17 bytes, so a huge count cannot make us allocate.
  if (count > reader.remaining() / 17)
    throw SessionError("weights blob: count " + std::to_string(count) + " cannot fit in " +
                       std::to_string(reader.remaining()) + " bytes");
  Weights weights;
  weights.reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    const std::string where = "weights blob entry " + std::to_string(i);
    const auto nameSize = reader.get<uint32_t>(where + " name length");
    if (nameSize > kMaxNameBytes)
      throw SessionError(where + ": name length " + std::to_string(nameSize) +
                         " exceeds 4096 bytes");
    const auto nameBytes = reader.getBytes(nameSize, where + " name");
    WeightEntry entry;
    entry.name.assign(nameBytes.begin(), nameBytes.end());
    const std::string named = where + " ('" + entry.name + "')";
    entry.layer = reader.get<int32_t>(named + " layer");
    const auto flags = reader.get<uint8_t>(named + " flags");
    if (flags & ~kStatisticFlag)
      throw SessionError(named + ": unknown flag bits " + std::to_string(flags));
    entry.statistic = (flags & kStatisticFlag) != 0;
    const auto rank = reader.get<uint32_t>(named + " rank");
    if (rank > kMaxRank)
      throw SessionError(named + ": rank " + std::to_string(rank) + " exceeds " +
                         std::to_string(kMaxRank));
    int64_t values = 1;
    for (uint32_t d = 0; d < rank; ++d) {
      const auto dim = reader.get<int64_t>(named + " shape");
      if (dim < 0) throw SessionError(named + ": negative dimension " + std::to_string(dim));
      entry.value.shape.push_back(dim);
      // Same left-to-right product as numel(), so a shape accepted here never overflows there.
      if (__builtin_mul_overflow(values, dim, &values) || values > (int64_t{1} << 60))
        throw SessionError(named + ": shape " + shapeToString(entry.value.shape) +
                           " has too many values");
    }
    const auto byteCount = static_cast<uint64_t>(values) * 4;
    if (byteCount > reader.remaining())
      throw SessionError(named + ": shape " + shapeToString(entry.value.shape) + " needs " +
                         std::to_string(byteCount) + " bytes of values but only " +
                         std::to_string(reader.remaining()) + " remain");
    entry.value.data = floatsFrom(reader.getBytes(byteCount, named + " values"));
    weights.push_back(std::move(entry));
  }
  if (reader.remaining() != 0)
    throw SessionError("weights blob: " + std::to_string(reader.remaining()) +
                       " unexpected bytes after the last entry");
  return weights;
}

}  // namespace cleave
