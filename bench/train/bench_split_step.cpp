// Split-step throughput against the same model trained unsplit in one process.
// The split path pays what the real one pays apart from the network: the activation copied out
// of libtorch, through the fp32 wire codec, into the cloud half, and the gradient back. Blocks of
// unsplit and split steps alternate so drift in machine load hits both alike; medians are reported.
// Usage: bench_split_step [MODEL.json] [--batch B] [--steps S] [--reps R]   (prints JSON)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "bench/common/machine_info.h"
#include "core/compress/codec.h"
#include "core/model/cost_model.h"
#include "core/train/allocator_tuning.h"
#include "core/train/network.h"

using namespace cleave;
using Clock = std::chrono::steady_clock;

namespace {

Batch syntheticBatch(const ModelSpec& spec, int batch) {
  Shape shape = spec.input_shape;
  shape.insert(shape.begin(), batch);
  Batch b{Tensor(shape), {}};
  for (size_t i = 0; i < b.inputs.data.size(); ++i)
    b.inputs.data[i] = float((i * 7919) % 255) / 255.f;
  for (int i = 0; i < batch; ++i)
    b.labels.push_back(i % spec.num_classes);
  return b;
}

Tensor wire(const Tensor& t) {
  Tensor out(t.shape);
  decode(Codec::Fp32, encode(Codec::Fp32, t.data), out.data);
  return out;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  tuneAllocatorForTraining();
  std::string model = std::string(CLEAVE_SOURCE_DIR) + "/resources/models/camera_cnn.json";
  int batch = 64, steps = 20, reps = 7;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--batch" && i + 1 < argc)
      batch = std::stoi(argv[++i]);
    else if (a == "--steps" && i + 1 < argc)
      steps = std::stoi(argv[++i]);
    else if (a == "--reps" && i + 1 < argc)
      reps = std::stoi(argv[++i]);
    else
      model = a;
  }
  const ModelSpec spec = loadModelSpec(model);
  const CostTable costs = computeCosts(spec);
  const Batch data = syntheticBatch(spec, batch);
  const int n = spec.layerCount();
  const TrainOptions options{0.01, 0.9, 5e-4, 1};

  // Cuts after every conv/linear-bearing stage boundary: the ones an operator would pick.
  std::vector<int> cuts;
  for (int k = 1; k < n; ++k) {
    const std::string& type = costs.layers[static_cast<size_t>(k - 1)].type;
    if (type.find("pool") != std::string::npos || type == "flatten" || type == "linear" ||
        type.find("block") != std::string::npos || type == "inverted_residual") {
      cuts.push_back(k);
    }
  }

  Network whole(spec, 0, n, options);
  auto unsplitBlock = [&] {
    const auto t0 = Clock::now();
    for (int s = 0; s < steps; ++s)
      whole.cloudStep(0, data.inputs, data.labels);
    return double(steps) * batch / std::chrono::duration<double>(Clock::now() - t0).count();
  };
  unsplitBlock();  // warm-up

  nlohmann::json results = nlohmann::json::array();
  for (int cut : cuts) {
    Network edge(spec, 0, cut, options);
    Network cloud(spec, 0, n, options);
    auto splitBlock = [&] {
      const auto t0 = Clock::now();
      for (int s = 0; s < steps; ++s) {
        const EdgeForward up = edge.edgeForward(data);
        const CloudStep down = cloud.cloudStep(cut, wire(up.activation), data.labels);
        edge.edgeBackward(wire(down.activation_grad));
      }
      return double(steps) * batch / std::chrono::duration<double>(Clock::now() - t0).count();
    };
    splitBlock();  // warm-up
    std::vector<double> unsplit, split, ratio;
    for (int r = 0; r < reps; ++r) {
      unsplit.push_back(unsplitBlock());
      split.push_back(splitBlock());
      ratio.push_back(split.back() / unsplit.back());
    }
    results.push_back({{"cut", cut},
                       {"after", costs.layers[static_cast<size_t>(cut - 1)].name},
                       {"activation_bytes_per_sample",
                        costs.layers[static_cast<size_t>(cut - 1)].activation_bytes},
                       {"unsplit_samples_per_s", median(unsplit)},
                       {"split_samples_per_s", median(split)},
                       {"ratio", median(ratio)}});
  }
  const nlohmann::json doc{{"benchmark", "split_step"}, {"machine", bench::machineInfo()},
                           {"model", spec.name},        {"batch", batch},
                           {"steps_per_block", steps},  {"repetitions", reps},
                           {"results", results}};
  std::printf("%s\n", doc.dump(2).c_str());
  return 0;
}
