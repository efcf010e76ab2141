// Presentation of a CostTable: the JSON that `cleave costs --json` and the studio consume, and an
// aligned plain-text table for terminals. Pure functions; callable from any thread.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

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

// "512 B", "12.3 KiB", "1.5 MiB", "2.0 GiB" (powers of 1024).
std::string formatBytes(int64_t bytes);
// "61,100,840": thousands separated so parameter counts read at a glance.
std::string formatCount(int64_t count);

}  // namespace cleave
