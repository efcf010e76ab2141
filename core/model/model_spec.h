// A DNN described as data: ordered layers plus early-exit heads, parsed from a JSON model spec.
// The same spec builds the libtorch network (core/train) and the cost table (cost_model.h), so
// the graph an operator sees is the network that trains. Plain values; safe to copy across threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/tensor/tensor.h"

namespace cleave {

enum class LayerType {
  Conv2d,
  Conv1d,
  Linear,
  MaxPool2d,
  AvgPool2d,
  MaxPool1d,
  AvgPool1d,
  AdaptiveAvgPool2d,
  AdaptiveAvgPool1d,
  ReLU,
  ReLU6,
  BatchNorm2d,
  BatchNorm1d,
  Dropout,
  Flatten,
  BasicBlock,        // ResNet basic block: conv3x3-bn-relu-conv3x3-bn + shortcut, relu
  InvertedResidual,  // MobileNetV2: [1x1 expand-bn-relu6] dw3x3-bn-relu6 1x1 project-bn (+ input)
};

// Spec spelling of a type ("conv2d", "basic_block", ...) and back; nullopt for an unknown name.
std::string layerTypeName(LayerType type);
std::optional<LayerType> layerTypeFromName(const std::string& name);

// One layer. Only the fields meaningful for its type are read; the parser fills defaults.
// Spatial vectors have one entry per spatial dimension (1 for *1d, 2 for *2d).
struct LayerSpec {
  std::string name;  // unique within the model (exit-head layers: "<exit>.<i>")
  LayerType type = LayerType::ReLU;
  int64_t out_channels = 0;          // conv2d/conv1d/basic_block/inverted_residual
  std::vector<int64_t> kernel;       // conv/pool
  std::vector<int64_t> stride;       // conv/pool (pool default: = kernel; conv default: 1)
  std::vector<int64_t> padding;      // conv/pool (default 0)
  int64_t groups = 1;                // conv (depthwise: groups = in_channels)
  bool bias = true;                  // conv/linear
  int64_t out_features = 0;          // linear
  std::vector<int64_t> output_size;  // adaptive pools
  double p = 0.5;                    // dropout probability
  int64_t expand_ratio = 1;          // inverted_residual
};

// An early-exit head: a small classifier branch fed by the output of layer `after`.
struct ExitSpec {
  std::string name;
  std::string after;     // name of a trunk layer
  int after_index = -1;  // resolved index into ModelSpec::layers
  double weight = 1.0;   // weight of this exit's loss in joint training
  std::vector<LayerSpec> layers;
};

struct ModelSpec {
  std::string name;
  std::string description;
  Shape input_shape;  // per sample, without the batch dimension, e.g. {1, 28, 28}
  int64_t num_classes = 0;
  std::vector<LayerSpec> layers;         // the trunk; the last layer outputs num_classes logits
  std::vector<ExitSpec> exits;           // ordered by after_index
  std::vector<std::string> class_names;  // optional "class_names"; empty or num_classes entries

  int layerCount() const { return static_cast<int>(layers.size()); }
  int layerIndex(const std::string& layer_name) const;  // -1 when absent
};

// A spec that cannot be used. what() names the file, the layer and the problem, e.g.
// "camera_cnn.json: layer 3 'conv2' (conv2d): needs 'kernel'".
class SpecError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parse and validate (types, required fields, shapes inferable end to end, classes match).
// `origin` is the file name used in error messages. Throws SpecError. Unknown keys are errors (typo
// protection) except keys starting with '_', which are comments (e.g. "_source").
ModelSpec parseModelSpec(const std::string& json_text, const std::string& origin);
ModelSpec loadModelSpec(const std::filesystem::path& path);

// "layer 3 'conv2' (conv2d)": how messages and tables name a layer (index is 0-based).
std::string describeLayer(int index, const LayerSpec& layer);

// Shape of each trunk layer's output for one sample (index i = after layer i). Throws SpecError.
std::vector<Shape> inferTrunkShapes(const ModelSpec& spec);
// Output shape of `layer` given its per-sample input shape. Throws SpecError naming `origin`.
Shape inferLayerShape(const LayerSpec& layer, const Shape& input, const std::string& origin);

}  // namespace cleave
