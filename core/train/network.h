// A trainable slice of a model spec's trunk, layers [first, last), plus the exit heads that hang
// inside it, built as a libtorch module. The edge of a split holds [0, cut), the cloud [0 or cut,
// n), an unsplit model [0, n). The API speaks plain Tensors so callers never parse libtorch
// headers. Not thread-safe: one thread drives one Network (libtorch parallelises inside each op).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/model/model_spec.h"
#include "core/tensor/tensor.h"
#include "core/train/weights.h"

namespace cleave {

struct TrainOptions {
  double learning_rate = 0.05;
  double momentum = 0.9;
  double weight_decay = 5e-4;
  uint64_t seed = 1;  // weight initialisation and dropout
};

struct ExitStats {
  std::string name;
  double loss = 0;  // mean cross-entropy over the batch
  int64_t correct = 0;
  int64_t total = 0;
};

// Output of the edge half of a split step; the activation goes up the link.
struct EdgeForward {
  Tensor activation;             // [N, ...] output of layer last-1 (the input itself when empty)
  std::vector<ExitStats> exits;  // the edge's exit heads on this batch
};

// Result of the cloud half of a split step (start > 0) or of a whole unsplit step (start == 0).
struct CloudStep {
  Tensor activation_grad;  // d(loss)/d(activation), shaped like the activation; goes back down
  double loss = 0;         // final classifier cross-entropy
  int64_t correct = 0;     // final classifier top-1 hits
  std::vector<ExitStats> exits;
};

// Early-exit decisions for a batch on the edge (normalised softmax entropy H(p)/log C).
struct EdgeInference {
  std::vector<int> exit_index;      // per sample: index into the model's exits, -1 = send to cloud
  std::vector<int64_t> prediction;  // per sample; valid where exit_index >= 0
  std::vector<float> entropy;  // per sample: entropy at the exit that answered, or the last tried
  std::vector<int64_t> pending_rows;  // samples that go to the cloud, ascending
  Tensor pending_activation;          // their split activations, rows in pending_rows order
};

struct ExitAccuracy {
  std::string name;            // exit head name, or "final"
  double accuracy = 0;         // every sample classified by this head alone
  double exit_rate = 0;        // fraction answered here under the early-exit policy
  double policy_accuracy = 0;  // accuracy on the samples answered here
};

// Evaluation of a whole model (first == 0, last == n) on held-out data.
struct Evaluation {
  int64_t samples = 0;
  double loss = 0;                  // final classifier mean cross-entropy
  double final_accuracy = 0;        // final classifier on every sample
  double threshold = 0;             // early-exit entropy threshold used for the policy figures
  double early_exit_rate = 0;       // fraction answered by any exit head before the final one
  double policy_accuracy = 0;       // accuracy of the early-exit policy end to end
  std::vector<ExitAccuracy> exits;  // every exit head in model order, then "final"
};

class Network {
 public:
  Network(const ModelSpec& spec, int first, int last, const TrainOptions& options);
  ~Network();
  Network(Network&&) noexcept;
  Network& operator=(Network&&) noexcept;

  int firstLayer() const;
  int lastLayer() const;
  const ModelSpec& spec() const;

  // Edge half of a split step: forward [first, last) and the exits inside it, keeping the graph
  // for edgeBackward. Requires first == 0.
  EdgeForward edgeForward(const Batch& batch);
  // Finish the edge step: back-propagate the exit losses and the returned activation gradient
  // jointly (DDNN joint training), then take one optimiser step.
  void edgeBackward(const Tensor& activation_grad);

  // Cloud half: run layers [start, last) on `activation` (the raw inputs when start == 0), the
  // final classifier's loss plus the exits inside [start, last), back-propagate, step, and return
  // the gradient w.r.t. the activation. start must lie in [first, last).
  CloudStep cloudStep(int start, const Tensor& activation, std::span<const int64_t> labels);

  // Early-exit inference on the edge: exits in order; a sample leaves at the first whose
  // normalised entropy is below `threshold`. Requires first == 0.
  EdgeInference inferEdge(const Tensor& inputs, double threshold);
  // Final-classifier predictions from a split activation entering at layer `start`.
  std::vector<int64_t> inferFrom(int start, const Tensor& activation);
  // Accuracy per exit and of the early-exit policy over `data`. Requires the whole model.
  Evaluation evaluate(const Dataset& data, double threshold, int64_t batch_size = 1000);

  // Measured forward+backward milliseconds of each held layer (index i = layer first+i) for a
  // batch of `batch_size` random inputs, median of `repetitions`: what an agent reports at
  // registration so the planner uses its real speed. Exit heads are not included.
  std::vector<double> profileLayers(int batch_size, int repetitions);

  // Parameters and float buffers (batchnorm running statistics) of this slice.
  Weights weights() const;
  // Copy in every entry whose name this slice holds; other entries are ignored.
  // Throws std::invalid_argument on a shape mismatch.
  void loadWeights(const Weights& weights);
  // Gradients left by the last step (zeros for parameters that got none).
  Weights gradients() const;
  void setLearningRate(double lr);

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace cleave
