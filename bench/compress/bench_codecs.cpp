// Throughput, size and error of the activation codecs and of the two-step update compression.
// Prints one JSON document to stdout; see docs/BENCHMARKS.md for recorded runs.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "bench/common/machine_info.h"
#include "core/compress/codec.h"
#include "core/compress/compressed_update.h"
#include "core/compress/half.h"

using namespace cleave;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kSamples = 7;             // median of this many samples per number
constexpr double kMinSampleSec = 2e-3;  // small inputs repeat inside a sample to beat clock noise
volatile uint8_t g_sink = 0;            // keeps results observable so no loop is optimised away

// Median seconds per call of fn(); `prepare` runs untimed before each call.
double medianSeconds(
    const std::function<void()>& fn, const std::function<void()>& prepare = [] {}) {
  prepare();
  const auto t0 = Clock::now();
  fn();
  const double once = std::chrono::duration<double>(Clock::now() - t0).count();
  const int inner = std::max(1, static_cast<int>(kMinSampleSec / std::max(once, 1e-9)));
  std::vector<double> samples;
  for (int s = 0; s < kSamples; ++s) {
    double total = 0.0;
    for (int i = 0; i < inner; ++i) {
      prepare();
      const auto start = Clock::now();
      fn();
      total += std::chrono::duration<double>(Clock::now() - start).count();
    }
    samples.push_back(total / inner);
  }
  std::nth_element(samples.begin(), samples.begin() + kSamples / 2, samples.end());
  return samples[kSamples / 2];
}

struct Errors {
  double max_abs = 0.0;
  double max_rel = 0.0;  // over |x| >= 1e-3, where relative error means something
};

Errors compare(const std::vector<float>& x, const std::vector<float>& y) {
  Errors e;
  for (size_t i = 0; i < x.size(); ++i) {
    const double d = std::fabs(static_cast<double>(x[i]) - y[i]);
    e.max_abs = std::max(e.max_abs, d);
    if (std::fabs(x[i]) >= 1e-3f) e.max_rel = std::max(e.max_rel, d / std::fabs(x[i]));
  }
  return e;
}

nlohmann::json row(const std::string& method, size_t elements, size_t encoded, double enc_sec,
                   double dec_sec, const Errors& errors) {
  const double in_mb = static_cast<double>(elements) * 4 / 1e6;
  return {{"method", method},
          {"elements", elements},
          {"input_bytes", elements * 4},
          {"encoded_bytes", encoded},
          {"ratio", static_cast<double>(elements * 4) / static_cast<double>(encoded)},
          {"encode_MBps", in_mb / enc_sec},
          {"decode_MBps", in_mb / dec_sec},
          {"max_abs_error", errors.max_abs},
          {"max_rel_error", errors.max_rel}};
}

nlohmann::json benchMemcpy(const std::vector<float>& x) {
  std::vector<float> buffer(x.size()), back(x.size());
  const double enc = medianSeconds([&] {
    std::memcpy(buffer.data(), x.data(), x.size() * 4);
    g_sink = g_sink + static_cast<uint8_t>(buffer[x.size() / 2]);
  });
  const double dec = medianSeconds([&] {
    std::memcpy(back.data(), buffer.data(), x.size() * 4);
    g_sink = g_sink + static_cast<uint8_t>(back[x.size() / 3]);
  });
  return row("memcpy", x.size(), x.size() * 4, enc, dec, compare(x, back));
}

nlohmann::json benchCodec(Codec codec, const std::vector<float>& x) {
  std::vector<uint8_t> bytes;
  const double enc = medianSeconds([&] {
    bytes = encode(codec, x);
    g_sink = g_sink + bytes[bytes.size() / 2];
  });
  std::vector<float> y(x.size());
  const double dec = medianSeconds([&] {
    decode(codec, bytes, y);
    g_sink = g_sink + static_cast<uint8_t>(y[x.size() / 3]);
  });
  return row(std::string(codecName(codec)), x.size(), bytes.size(), enc, dec, compare(x, y));
}

// The bare conversion kernels, without the byte-buffer copy of the codec.
nlohmann::json benchHalfKernel(HalfKernel kernel, const char* name, const std::vector<float>& x) {
  std::vector<uint16_t> halves(x.size());
  std::vector<float> y(x.size());
  const double enc = medianSeconds([&] {
    floatsToHalves(x, halves, kernel);
    g_sink = g_sink + static_cast<uint8_t>(halves[x.size() / 2]);
  });
  const double dec = medianSeconds([&] {
    halvesToFloats(halves, y, kernel);
    g_sink = g_sink + static_cast<uint8_t>(y[x.size() / 3]);
  });
  return row(name, x.size(), x.size() * 2, enc, dec, compare(x, y));
}

nlohmann::json benchTopK(double k, const std::vector<float>& x) {
  std::vector<float> residual;
  CompressedUpdate update;
  const double enc =
      medianSeconds([&] { update = compressTopK(residual, k); }, [&] { residual = x; });
  std::vector<float> y(x.size());
  const double dec = medianSeconds([&] {
    decompressUpdate(update.bytes, y);
    g_sink = g_sink + static_cast<uint8_t>(y[x.size() / 3]);
  });
  // Error over all entries is dominated by what was held back; the kept ones show quantisation.
  double kept_err = 0.0;
  for (size_t i = 0; i < x.size(); ++i) {
    if (y[i] != 0.0f) kept_err = std::max(kept_err, std::fabs(static_cast<double>(x[i]) - y[i]));
  }
  nlohmann::json r = row("topk_int8 k=" + std::to_string(k).substr(0, 4), x.size(),
                         update.bytes.size(), enc, dec, compare(x, y));
  r["kept"] = update.kept;
  r["index_encoding"] = update.index_encoding == IndexEncoding::Bitmap ? "bitmap" : "varint";
  r["max_abs_error_kept"] = kept_err;
  return r;
}

}  // namespace

int main() {
  const auto start = Clock::now();
  nlohmann::json results = nlohmann::json::array();
  std::mt19937 rng(42);
  std::normal_distribution<float> dist(0.0f, 1.0f);
  for (size_t bytes = 64 * 1024; bytes <= 16 * 1024 * 1024; bytes *= 4) {
    std::vector<float> x(bytes / 4);
    for (float& v : x)
      v = dist(rng);
    results.push_back(benchMemcpy(x));
    for (const Codec codec : {Codec::Fp32, Codec::Fp16, Codec::Int8}) {
      results.push_back(benchCodec(codec, x));
    }
    results.push_back(benchHalfKernel(HalfKernel::Scalar, "fp16_kernel_scalar", x));
    if (f16cAvailable())
      results.push_back(benchHalfKernel(HalfKernel::F16c, "fp16_kernel_f16c", x));
    for (const double k : {0.01, 0.1})
      results.push_back(benchTopK(k, x));
  }
  const nlohmann::json doc = {
      {"benchmark", "codecs"},
      {"machine", cleave::bench::machineInfo({{"f16c", f16cAvailable()},
                                              {"compiler", __VERSION__},
                                              {"build_type", CLEAVE_BUILD_TYPE}})},
      {"config",
       {{"data", "N(0,1) float32, seed 42"},
        {"statistic", "median of 7 samples, steady_clock; samples >= 2 ms (small inputs loop)"},
        {"MBps", "10^6 bytes of fp32 input per second, single thread"},
        {"fp16 default kernel", f16cAvailable() ? "f16c" : "scalar"}}},
      {"results", results},
      {"total_seconds", std::chrono::duration<double>(Clock::now() - start).count()}};
  std::cout << doc.dump(2) << "\n";
  return g_sink == 255 ? 0 : 0;  // read the sink once so it is not dead
}
