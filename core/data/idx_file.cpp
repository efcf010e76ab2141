#include "core/data/idx_file.h"

#include <zlib.h>

#include <algorithm>
#include <climits>
#include <stdexcept>
#include <string>

namespace cleave {
namespace {

constexpr uint8_t kUnsignedByteType = 0x08;

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& what) {
  throw std::runtime_error("IDX file " + file.string() + ": " + what);
}

struct GzCloser {
  void operator()(gzFile_s* f) const { gzclose(f); }
};
using GzHandle = std::unique_ptr<gzFile_s, GzCloser>;

}  // namespace

struct IdxReader::Stream {
  GzHandle handle;

  // Reads up to `size` bytes, in chunks gzread can take (its length is an unsigned int).
  int64_t read(const std::filesystem::path& file, uint8_t* out, int64_t size) {
    int64_t done = 0;
    while (done < size) {
      const auto chunk = static_cast<unsigned>(std::min<int64_t>(size - done, INT_MAX / 2));
      const int got = gzread(handle.get(), out + done, chunk);
      if (got < 0) {
        int code = 0;
        fail(file, std::string("truncated or corrupt gzip stream (") +
                       gzerror(handle.get(), &code) + ")");
      }
      if (got == 0) break;
      done += got;
    }
    return done;
  }
};

IdxReader::IdxReader(const std::filesystem::path& file)
    : m_file(file), m_stream(std::make_unique<Stream>()) {
  m_stream->handle.reset(gzopen(file.c_str(), "rb"));  // reads plain files transparently too
  if (!m_stream->handle) fail(file, "cannot open (missing or unreadable)");
  // 1 MiB buffer: the default 8 KiB makes inflate call read() thousands of times for 26 MB.
  gzbuffer(m_stream->handle.get(), 1 << 20);

  uint8_t magic[4] = {};
  if (m_stream->read(file, magic, 4) != 4) fail(file, "truncated: no 4-byte magic number");
  if (magic[0] != 0 || magic[1] != 0) {
    fail(file, "bad magic number (first two bytes must be 0; is this an IDX file?)");
  }
  if (magic[2] != kUnsignedByteType) {
    fail(file, "unsupported element type code " + std::to_string(magic[2]) +
                   " in the magic number (only unsigned byte, 0x08, is supported)");
  }
  const int rank = magic[3];
  if (rank < 1) fail(file, "bad magic number: rank 0");
  for (int i = 0; i < rank; ++i) {
    uint8_t be[4] = {};
    if (m_stream->read(file, be, 4) != 4) {
      fail(file, "truncated header: missing dimension " + std::to_string(i + 1) + " of " +
                     std::to_string(rank));
    }
    const int64_t dim =
        (int64_t{be[0]} << 24) | (int64_t{be[1]} << 16) | (int64_t{be[2]} << 8) | int64_t{be[3]};
    if (dim == 0) fail(file, "dimension " + std::to_string(i + 1) + " is zero");
    m_dims.push_back(dim);
    if (i > 0) m_item_bytes *= dim;
  }
}

IdxReader::~IdxReader() = default;

void IdxReader::readItems(std::span<uint8_t> out) {
  const auto size = static_cast<int64_t>(out.size());
  if (size % m_item_bytes != 0 || m_items_read + size / m_item_bytes > m_dims[0]) {
    throw std::logic_error("IdxReader::readItems: " + std::to_string(size) +
                           " bytes is not a whole number of remaining items in " + m_file.string());
  }
  const int64_t got = m_stream->read(m_file, out.data(), size);
  if (got != size) {
    fail(m_file, "truncated: header promises " + std::to_string(m_dims[0]) + " items of " +
                     std::to_string(m_item_bytes) + " bytes, but the data ends after " +
                     std::to_string(m_items_read + got / m_item_bytes) + " complete items");
  }
  m_items_read += size / m_item_bytes;
}

IdxArray readIdxFile(const std::filesystem::path& file, int64_t max_items) {
  IdxReader reader(file);
  IdxArray array;
  array.dims = reader.dims();
  array.stored_items = array.dims[0];
  array.dims[0] = max_items >= 0 ? std::min(max_items, array.stored_items) : array.stored_items;
  array.data.resize(static_cast<size_t>(array.dims[0] * reader.itemBytes()));
  reader.readItems(array.data);
  return array;
}

void writeIdxFile(const std::filesystem::path& file, const IdxArray& array, bool gzip) {
  if (array.dims.empty() || array.dims.size() > 255) {
    throw std::invalid_argument("writeIdxFile " + file.string() + ": rank must be 1..255");
  }
  GzHandle handle(gzopen(file.c_str(), gzip ? "wb" : "wbT"));  // "T": transparent, no gzip
  if (!handle) throw std::runtime_error("writeIdxFile: cannot create " + file.string());
  std::vector<uint8_t> header = {0, 0, kUnsignedByteType, static_cast<uint8_t>(array.dims.size())};
  for (int64_t dim : array.dims) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      header.push_back(static_cast<uint8_t>((dim >> shift) & 0xff));
    }
  }
  const auto write = [&](const uint8_t* bytes, size_t size) {
    if (size > 0 && gzwrite(handle.get(), bytes, static_cast<unsigned>(size)) == 0) {
      throw std::runtime_error("writeIdxFile: write failed for " + file.string());
    }
  };
  write(header.data(), header.size());
  write(array.data.data(), array.data.size());
}

}  // namespace cleave
