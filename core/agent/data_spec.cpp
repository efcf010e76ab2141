#include "core/agent/data_spec.h"

#include <charconv>
#include <cmath>
#include <numeric>

#include "core/data/fashion_mnist.h"
#include "core/data/partition.h"
#include "core/data/sensor_csv.h"
#include "core/data/vibration_generator.h"

namespace cleave::agent {
namespace {

[[noreturn]] void fail(const std::string& text, const std::string& why) {
  throw DataSpecError("--data '" + text + "': " + why);
}

// Whole decimal number, or nullopt (no sign, no trailing characters).
std::optional<uint64_t> parseUnsigned(const std::string& s) {
  uint64_t v = 0;
  const auto* end = s.data() + s.size();
  const auto [ptr, ec] = std::from_chars(s.data(), end, v);
  if (s.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return v;
}

std::optional<double> parseDouble(const std::string& s) {
  double v = 0;
  const auto* end = s.data() + s.size();
  const auto [ptr, ec] = std::from_chars(s.data(), end, v);
  if (s.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return v;
}

// "k=v,k=v" -> pairs; an item without '=' is an error.
std::vector<std::pair<std::string, std::string>> options(const std::string& text,
                                                         const std::string& list) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t pos = 0;
  while (pos <= list.size()) {
    const size_t comma = std::min(list.find(',', pos), list.size());
    const std::string item = list.substr(pos, comma - pos);
    const size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0) fail(text, "'" + item + "' is not key=value");
    out.emplace_back(item.substr(0, eq), item.substr(eq + 1));
    pos = comma + 1;
  }
  return out;
}

void parseShard(const std::string& text, const std::string& value, DataSpec& spec) {
  const size_t slash = value.find('/');
  const auto index =
      slash == std::string::npos ? std::nullopt : parseUnsigned(value.substr(0, slash));
  const auto count =
      slash == std::string::npos ? std::nullopt : parseUnsigned(value.substr(slash + 1));
  if (!index || !count) fail(text, "shard '" + value + "' must be I/N, e.g. shard=1/4");
  if (*count < 1 || *count > 10000) {
    fail(text, "shard count " + std::to_string(*count) + " must be in 1..10000");
  }
  if (*index < 1 || *index > *count) {
    fail(text, "shard " + std::to_string(*index) + " must be in 1.." + std::to_string(*count));
  }
  spec.shard_index = static_cast<int>(*index - 1);  // written 1-based, like device names
  spec.shard_count = static_cast<int>(*count);
}

}  // namespace

DataSpec parseDataSpec(const std::string& text) {
  DataSpec spec;
  const size_t colon = text.find(':');
  const std::string kind = text.substr(0, colon);
  const std::string rest = colon == std::string::npos ? std::string() : text.substr(colon + 1);
  const bool has_rest = colon != std::string::npos;
  if (kind == "csv") {
    if (rest.empty()) fail(text, "csv needs a file: csv:FILE");
    spec.kind = DataKind::Csv;
    spec.file = rest;
    return spec;
  }
  if (kind == "fashion-mnist") {
    spec.kind = DataKind::FashionMnist;
    if (!has_rest) return spec;
    for (const auto& [key, value] : options(text, rest)) {
      if (key == "shard") {
        parseShard(text, value, spec);
      } else if (key == "alpha") {
        const auto alpha = parseDouble(value);
        if (!alpha || !(*alpha > 0) || !std::isfinite(*alpha)) {
          fail(text, "alpha '" + value + "' must be a number > 0");
        }
        spec.alpha = *alpha;
      } else {
        fail(text, "unknown fashion-mnist option '" + key + "' (shard, alpha)");
      }
    }
    return spec;
  }
  if (kind == "factory") {
    spec.kind = DataKind::Factory;
    if (!has_rest) return spec;
    for (const auto& [key, value] : options(text, rest)) {
      if (key != "seed") fail(text, "unknown factory option '" + key + "' (seed)");
      const auto seed = parseUnsigned(value);
      if (!seed) fail(text, "seed '" + value + "' must be a whole number >= 0");
      spec.seed = *seed;
    }
    return spec;
  }
  fail(text, "unknown data kind '" + kind + "' (fashion-mnist, factory, csv:FILE)");
}

AgentData loadAgentData(const DataSpec& spec) {
  AgentData out;
  switch (spec.kind) {
    case DataKind::FashionMnist: {
      out.data = loadFashionMnist(defaultFashionMnistDir(), Split::Train);
      if (spec.shard_count == 1) break;
      const Partition parts =
          spec.alpha ? partitionDirichlet(out.data.labels, static_cast<int>(out.data.classCount()),
                                          spec.shard_count, *spec.alpha, kPartitionSeed)
                     : partitionIid(out.data.size(), spec.shard_count, kPartitionSeed);
      out.shard = parts[static_cast<size_t>(spec.shard_index)];
      return out;
    }
    case DataKind::Factory:
      out.data = generateVibration(VibrationConfig{}, kFactorySamplesPerClass, spec.seed);
      break;
    case DataKind::Csv:
      out.data = readSensorCsv(spec.file);
      break;
  }
  out.shard.resize(static_cast<size_t>(out.data.size()));
  std::iota(out.shard.begin(), out.shard.end(), int64_t{0});
  return out;
}

}  // namespace cleave::agent
