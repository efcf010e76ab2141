// libFuzzer target over the wire decoder: the input is split into frames, decoded under default
// limits, and every accepted tensor is decoded to floats. Crashes, sanitizer reports, exceptions
// other than CompressError from decodeTensor, or views outside the frames are bugs.
// `fuzz_wire_decoder --write-corpus DIR` writes one seed file per sample message and exits.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <span>
#include <string>
#include <vector>

#include "core/compress/compress_error.h"
#include "core/net/wire_codec.h"
#include "core/net/wire_samples.h"
#include "core/net/wire_tensor.h"

using namespace cleave;
using namespace cleave::net;

namespace {

// Input layout: repeated [uint32 little-endian length][bytes]; a short or overlong length takes
// whatever is left. So mutations of one length byte move frame boundaries, as on a real wire.
std::vector<std::span<const uint8_t>> splitFrames(const uint8_t* data, size_t size) {
  std::vector<std::span<const uint8_t>> frames;
  size_t pos = 0;
  while (pos < size && frames.size() < 64) {
    uint32_t len = 0;
    const size_t header = std::min<size_t>(4, size - pos);
    std::memcpy(&len, data + pos, header);
    pos += header;
    const size_t n = std::min<size_t>(len, size - pos);
    frames.emplace_back(data + pos, n);
    pos += n;
  }
  return frames;
}

std::vector<uint8_t> joinFrames(const std::vector<zmq::message_t>& frames) {
  std::vector<uint8_t> out;
  for (const zmq::message_t& f : frames) {
    const auto len = static_cast<uint32_t>(f.size());
    const auto* p = static_cast<const uint8_t*>(f.data());
    out.insert(out.end(), reinterpret_cast<const uint8_t*>(&len),
               reinterpret_cast<const uint8_t*>(&len) + 4);
    out.insert(out.end(), p, p + f.size());
  }
  return out;
}

int writeCorpus(const char* dir) {
  std::filesystem::create_directories(dir);
  int n = 0;
  for (const Message& m : sampleMessages()) {
    const std::vector<uint8_t> bytes = joinFrames(encodeMessage(m));
    const auto path = std::filesystem::path(dir) / ("seed-" + std::string(bodyName(m.body)));
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    ++n;
  }
  std::printf("wrote %d seeds to %s\n", n, dir);
  return 0;
}

bool inside(std::span<const uint8_t> view, const std::vector<std::span<const uint8_t>>& frames) {
  for (const auto& f : frames) {
    if (view.data() == f.data() && view.size() == f.size()) return true;
  }
  return false;
}

void checkTensor(const WireTensor& t, const std::vector<std::span<const uint8_t>>& frames) {
  if (!inside(t.bytes, frames)) std::abort();  // a view that is not exactly one frame
  try {
    (void)decodeTensor(t);
  } catch (const CompressError&) {
    // allowed: e.g. a NaN int8 scale passes size checks but is refused by the codec
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  for (int i = 1; i + 1 < *argc; ++i) {
    if (std::strcmp((*argv)[i], "--write-corpus") == 0) std::exit(writeCorpus((*argv)[i + 1]));
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<std::span<const uint8_t>> frames = splitFrames(data, size);
  DecodeResult result = decodeMessage(frames);
  if (!result.ok()) return 0;
  std::visit(
      [&](const auto& body) {
        if constexpr (requires { body.weights; }) {
          for (const WireTensor& t : body.weights)
            checkTensor(t, frames);
        }
        if constexpr (requires { body.activation; }) checkTensor(body.activation, frames);
        if constexpr (requires { body.gradient; }) checkTensor(body.gradient, frames);
      },
      result.message().body);
  return 0;
}
