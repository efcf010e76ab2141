// Per-layer cost of a model spec: shapes, activation bytes, parameters, MACs, FLOPs.
// FLOPs = 2 x MACs (a multiply-add counts as two). Only conv and linear layers carry MACs, the
// convention of torchvision's published figures; pools, norms and activations count as 0.
// Pure function of the spec; callable from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/model_spec.h"

namespace cleave {

struct LayerCost {
  int index = 0;
  std::string name;
  std::string type;
  Shape input_shape;   // per sample
  Shape output_shape;  // per sample; what crosses the link when the cut is after this layer
  int64_t activation_bytes = 0;  // fp32 bytes of output_shape for one sample
  int64_t params = 0;            // trainable parameters (batchnorm: weight + bias)
  int64_t macs = 0;              // per sample, forward
  int64_t flops = 0;             // 2 * macs
};

struct ExitCost {
  std::string name;
  int after_index = 0;
  int64_t params = 0;
  int64_t macs = 0;
  int64_t flops = 0;
};

struct CostTable {
  std::string model;
  int64_t input_bytes = 0;  // fp32 bytes of one input sample (the cut "before layer 0")
  std::vector<LayerCost> layers;
  std::vector<ExitCost> exits;
  int64_t total_params = 0;  // trunk only, comparable to published counts
  int64_t total_macs = 0;
  int64_t total_flops = 0;
};

CostTable computeCosts(const ModelSpec& spec);

// Cost of a single layer given its input shape (used by computeCosts and for exit heads).
LayerCost layerCost(const LayerSpec& layer, const Shape& input, const std::string& origin);

}  // namespace cleave
