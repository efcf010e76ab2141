// Small model specs built in code for the training tests (no file I/O, no dropout: deterministic).
#pragma once

#include <string>

#include "core/model/model_spec.h"

namespace cleave::test {

// 1x12x12 input, 4 classes; exits after layer 2 (edge side for deep cuts) and layer 5.
inline ModelSpec tinyConvSpec() {
  return parseModelSpec(R"({
    "name": "tiny", "input_shape": [1, 12, 12], "num_classes": 4,
    "layers": [
      {"name": "conv1", "type": "conv2d", "out_channels": 4, "kernel": 3, "padding": 1},
      {"name": "bn1", "type": "batchnorm2d"},
      {"name": "relu1", "type": "relu"},
      {"name": "pool1", "type": "maxpool2d", "kernel": 2},
      {"name": "block", "type": "basic_block", "out_channels": 6, "stride": 2},
      {"name": "flat", "type": "flatten"},
      {"name": "fc1", "type": "linear", "out_features": 16},
      {"name": "relu2", "type": "relu"},
      {"name": "fc2", "type": "linear", "out_features": 4}
    ],
    "exits": [
      {"name": "local", "after": "relu1", "weight": 0.5,
       "layers": [{"type": "adaptive_avgpool2d", "output_size": 2}, {"type": "flatten"},
                  {"type": "linear", "out_features": 4}]},
      {"name": "mid", "after": "flat", "weight": 0.3,
       "layers": [{"type": "linear", "out_features": 4}]}
    ]
  })",
                        "tiny.json");
}

// 1x6x6 input, 3 classes, 6 trunk layers, an exit after relu1 (edge halves with cut >= 2 train it
// jointly; with cut 4 the edge holds conv1, fc1 and the exit head: 823 values). As JSON, because
// the agent and coordinator tests send it in Welcome.
inline constexpr const char* kTinyExitSpecJson = R"({
  "name": "tiny-exit", "input_shape": [1, 6, 6], "num_classes": 3,
  "layers": [
    {"name": "conv1", "type": "conv2d", "out_channels": 2, "kernel": 3, "padding": 1},
    {"name": "relu1", "type": "relu"},
    {"name": "flat", "type": "flatten"},
    {"name": "fc1", "type": "linear", "out_features": 8},
    {"name": "relu2", "type": "relu"},
    {"name": "fc2", "type": "linear", "out_features": 3}
  ],
  "exits": [{"name": "local", "after": "relu1", "weight": 0.5,
             "layers": [{"type": "flatten"}, {"type": "linear", "out_features": 3}]}]
})";

}  // namespace cleave::test
