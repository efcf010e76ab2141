// Output-shape rules of every layer type (PyTorch formulas, floor mode), internal to core/model.
// `where` prefixes error messages ("camera_cnn.json: layer 4 'conv2' (conv2d)"). Pure functions.
#pragma once

#include <string>

#include "core/model/model_spec.h"

namespace cleave {

// Output shape of `layer` for one sample shaped `input`. Throws SpecError "<where>: <problem>".
Shape layerOutputShape(const LayerSpec& layer, const Shape& input, const std::string& where);

}  // namespace cleave
