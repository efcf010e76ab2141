// Reader for IDX files (the MNIST container format), gzip-compressed or plain, unsigned-byte
// payload. Free function, no shared state: safe to call from any thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <vector>

namespace cleave {

struct IdxArray {
  std::vector<int64_t> dims;  // e.g. {60000, 28, 28}; dims[0] counts items
  std::vector<uint8_t> data;  // row-major, product of dims (after any item limit)
  int64_t stored_items = 0;   // dims[0] as the header says, before any item limit
};

// Streams the items of one IDX file, so a caller can convert chunk by chunk without holding the
// whole byte payload. Not thread-safe (owns a zlib stream).
class IdxReader {
 public:
  // Opens `file` and validates its header; throws std::runtime_error like readIdxFile.
  explicit IdxReader(const std::filesystem::path& file);
  ~IdxReader();
  IdxReader(const IdxReader&) = delete;
  IdxReader& operator=(const IdxReader&) = delete;

  const std::vector<int64_t>& dims() const { return m_dims; }  // as stored in the header
  int64_t itemBytes() const { return m_item_bytes; }           // product of dims[1..]
  // Fills `out` (a whole number of items); throws std::runtime_error if the file ends first.
  void readItems(std::span<uint8_t> out);

 private:
  struct Stream;
  std::filesystem::path m_file;
  std::unique_ptr<Stream> m_stream;
  std::vector<int64_t> m_dims;
  int64_t m_item_bytes = 1;
  int64_t m_items_read = 0;
};

// Reads `file` (gzip or plain; zlib detects which). Reads at most `max_items` items along dims[0]
// when max_items >= 0. Throws std::runtime_error naming the file and what is wrong (bad magic,
// unsupported element type, zero-sized dims, truncated payload, corrupt gzip stream).
IdxArray readIdxFile(const std::filesystem::path& file, int64_t max_items = -1);

// Writes `array` as a plain IDX file, or gzip-compressed when `gzip` is true (fixtures, exports).
void writeIdxFile(const std::filesystem::path& file, const IdxArray& array, bool gzip);

}  // namespace cleave
