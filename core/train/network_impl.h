// PRIVATE to core/train: the libtorch state behind Network, shared by its training and inference
// translation units. Only core/train .cpp files include this header.
#pragma once

#include <torch/optim.h>

#include <memory>
#include <vector>

#include "core/train/network.h"
#include "core/train/torch_modules.h"

namespace cleave {

struct Network::Impl {
  struct Head {
    int exit_index;  // into spec.exits
    int after;       // trunk layer it hangs on
    double weight;
    torch::nn::Sequential module;
  };
  struct Slot {  // a parameter or float buffer, with the layer it belongs to
    std::string name;
    int layer;
    torch::Tensor tensor;
    bool parameter;
  };

  Impl(const ModelSpec& s, int f, int l, const TrainOptions& o);

  // Layers [a, b) from x; logits of every head hanging in [a, b) are appended to `exits`.
  torch::Tensor run(torch::Tensor x, int a, int b,
                    std::vector<std::pair<const Head*, torch::Tensor>>* exits);
  const Shape& inputShapeOf(int layer) const;  // per-sample input of trunk layer `layer`
  // Check that `t` is [N, <input shape of layer start>] and view it.
  torch::Tensor checkedInput(const Tensor& t, int start) const;
  void setTraining(bool on);

  ModelSpec spec;
  int first;
  int last;
  TrainOptions options;
  std::vector<Shape> shapes;  // trunk output shapes, per sample
  std::shared_ptr<torch::nn::Module> root = std::make_shared<torch::nn::Module>("Network");
  std::vector<torch::nn::AnyModule> layers;  // layers[i - first]
  std::vector<Head> heads;                   // ordered by `after`
  std::vector<Slot> slots;
  std::unique_ptr<torch::optim::SGD> optimizer;

  // Kept between edgeForward and edgeBackward.
  torch::Tensor pending_activation;
  torch::Tensor pending_exit_loss;
};

}  // namespace cleave
