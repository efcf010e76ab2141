// The primitive layers inside a composite block (basic_block, inverted_residual): the one place
// their structure is written down, shared by shape inference, the cost model and network builders.
// Pure functions; callable from any thread.
#pragma once

#include <cstdint>
#include <vector>

#include "core/model/model_spec.h"

namespace cleave {

// out = after_add(main(x) + shortcut(x)) when residual, else after_add(main(x)).
// An empty shortcut with residual = true is the identity.
struct BlockExpansion {
  std::vector<LayerSpec> main;      // in execution order; names "<block>.conv1", "<block>.bn1", ...
  std::vector<LayerSpec> shortcut;  // projection (1x1 conv + bn) or empty
  bool residual = false;            // whether the input (or its projection) is added
  std::vector<LayerSpec> after_add;  // basic_block: relu; inverted_residual: nothing
};

bool isCompositeBlock(LayerType type);

// Expand `block` fed with `in_channels` channels. Throws std::invalid_argument for a non-block
// type.
BlockExpansion expandBlock(const LayerSpec& block, int64_t in_channels);

}  // namespace cleave
