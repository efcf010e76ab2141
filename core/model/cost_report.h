// Presentation of a CostTable: the JSON that `cleave costs --json` and the studio consume, and an
// aligned plain-text table for terminals. Pure functions; callable from any thread.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "core/format/text_format.h"
#include "core/model/cost_model.h"

namespace cleave {

// {"model", "input_bytes",
//  "layers": [{"index", "name", "type", "output_shape", "activation_bytes", "params", "macs",
//              "flops"}, ...],
//  "exits": [{"name", "after_index", "after", "params", "macs", "flops"}, ...],
//  "total": {"params", "macs", "flops"}}          (trunk totals; exits are listed apart)
nlohmann::json costTableToJson(const CostTable& table);

// One row per layer (#, name, type, output shape, activation, params, MFLOPs or GFLOPs), a header
// line stating "FLOPs = 2 x MACs, per sample, forward", a totals line, then the exit heads.
std::string formatCostTable(const CostTable& table);

}  // namespace cleave
