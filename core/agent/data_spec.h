// What an agent trains on, from its --data option: "fashion-mnist[:shard=I/N[,alpha=A]]" (I
// in 1..N), "factory[:seed=S]" or "csv:FILE", parsed into a DataSpec and loaded into a dataset plus
// the indices of this agent's shard. Pure functions, callable from any thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/data/dataset.h"

namespace cleave::agent {

// A --data value that cannot be used: what() quotes the option, the value and what is wrong.
class DataSpecError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

enum class DataKind { FashionMnist, Factory, Csv };

struct DataSpec {
  DataKind kind = DataKind::Factory;
  int shard_index = 0;  // fashion-mnist: this agent's part, 0-based (written 1-based: shard=1/N)
  int shard_count = 1;
  std::optional<double> alpha;  // fashion-mnist: Dirichlet label skew; none = IID
  uint64_t seed = 1;            // factory: generator seed
  std::filesystem::path file;   // csv
};

// Samples the factory generator makes per class for one agent (5 classes).
inline constexpr int64_t kFactorySamplesPerClass = 200;
// Every agent partitions Fashion-MNIST with the same seed so the shards are disjoint.
inline constexpr uint64_t kPartitionSeed = 20240611;

// Throws DataSpecError, e.g. "--data 'fashion-mnist:shard=4/3': shard 4 must be in 1..3".
DataSpec parseDataSpec(const std::string& text);

struct AgentData {
  Dataset data;
  std::vector<int64_t> shard;  // indices into data this agent trains on
};

// Loads the data (fashion-mnist from defaultFashionMnistDir()). Throws what the readers throw.
AgentData loadAgentData(const DataSpec& spec);

}  // namespace cleave::agent
