// A plan as JSON (for events, the recorder and the CLI) and as an aligned text table (for the
// CLI and logs). Pure functions, callable from any thread.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/model/cost_model.h"
#include "core/plan/planner.h"

namespace cleave {

// {"mode", "batch", "deadline_ms", "round_ms", "spread_ms", "devices": [{"device", "cut", "steps",
//  "step": {"edge_ms", "up_ms", "cloud_ms", "down_ms", "total_ms"}, "round_ms",
//  "up_bytes_per_step", "down_bytes_per_step", "edge_memory_bytes", "feasible", "reason"}],
//  "step_ms_by_cut": [[...]] (only when the plan has curves)}
nlohmann::json planToJson(const Plan& plan);
// Inverse of planToJson (a replayed session reads plans back). Throws PlanError naming the field.
Plan planFromJson(const nlohmann::json& json);

// One row per device: device, cut, steps, edge/up/cloud/down/step ms, round ms, MB up per step,
// edge memory, status; then a summary line. With a table, cuts are labelled by the last edge
// layer ("3 after pool2", "0 input").
std::string formatPlan(const Plan& plan);
std::string formatPlan(const Plan& plan, const CostTable& table);

}  // namespace cleave
