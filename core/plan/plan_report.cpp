#include "core/plan/plan_report.h"

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <vector>

#include "core/format/text_format.h"

namespace cleave {
namespace {

using nlohmann::json;

constexpr double kMiB = 1024.0 * 1024.0;

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string cutLabel(int cut, const CostTable* table) {
  if (table == nullptr) return std::to_string(cut);
  if (cut == 0) return "0 input";
  if (cut > static_cast<int>(table->layers.size())) return std::to_string(cut);
  return std::to_string(cut) + " after " + table->layers[static_cast<size_t>(cut) - 1].name;
}

std::string format(const Plan& plan, const CostTable* table) {
  std::vector<std::vector<std::string>> rows = {{"device", "cut", "steps", "edge ms", "up ms",
                                                 "cloud ms", "down ms", "step ms", "round ms",
                                                 "MB up/step", "memory MB", "status"}};
  const std::vector<bool> left = {true,  true,  false, false, false, false,
                                  false, false, false, false, false, true};
  for (const DevicePlan& d : plan.devices) {
    rows.push_back({d.device, cutLabel(d.cut, table), std::to_string(d.steps),
                    fixed(d.step.edge_ms, 1), fixed(d.step.up_ms, 1), fixed(d.step.cloud_ms, 1),
                    fixed(d.step.down_ms, 1), fixed(d.step.total(), 1), fixed(d.round_ms, 1),
                    fixed(static_cast<double>(d.up_bytes_per_step) / 1e6, 3),
                    fixed(static_cast<double>(d.edge_memory_bytes) / kMiB, 1),
                    d.feasible ? "ok" : "INFEASIBLE: " + d.reason});
  }
  std::string out = renderTable(rows, left);
  out += "mode " + planModeName(plan.mode) + ", batch " + std::to_string(plan.batch);
  if (plan.mode == PlanMode::InStep) out += ", deadline " + fixed(plan.deadline_ms, 1) + " ms";
  out += ", round " + fixed(plan.round_ms, 1) + " ms, spread " + fixed(plan.spread_ms, 1) + " ms";
  const auto infeasible = std::count_if(plan.devices.begin(), plan.devices.end(),
                                        [](const DevicePlan& d) { return !d.feasible; });
  if (infeasible > 0) out += ", " + std::to_string(infeasible) + " infeasible";
  return out + "\n";
}

template <typename T>
T field(const json& object, const char* key, const std::string& where) {
  if (!object.is_object() || !object.contains(key)) {
    throw PlanError("plan JSON: " + where + key + ": missing");
  }
  try {
    return object.at(key).get<T>();
  } catch (const json::exception& error) {
    throw PlanError("plan JSON: " + where + key + ": " + error.what());
  }
}

}  // namespace

json planToJson(const Plan& plan) {
  json devices = json::array();
  for (const DevicePlan& d : plan.devices) {
    devices.push_back({{"device", d.device},
                       {"cut", d.cut},
                       {"steps", d.steps},
                       {"step",
                        {{"edge_ms", d.step.edge_ms},
                         {"up_ms", d.step.up_ms},
                         {"cloud_ms", d.step.cloud_ms},
                         {"down_ms", d.step.down_ms},
                         {"total_ms", d.step.total()}}},
                       {"round_ms", d.round_ms},
                       {"up_bytes_per_step", d.up_bytes_per_step},
                       {"down_bytes_per_step", d.down_bytes_per_step},
                       {"edge_memory_bytes", d.edge_memory_bytes},
                       {"feasible", d.feasible},
                       {"reason", d.reason}});
  }
  json out = {{"mode", planModeName(plan.mode)}, {"batch", plan.batch},
              {"deadline_ms", plan.deadline_ms}, {"round_ms", plan.round_ms},
              {"spread_ms", plan.spread_ms},     {"devices", std::move(devices)}};
  if (!plan.step_ms_by_cut.empty()) out["step_ms_by_cut"] = plan.step_ms_by_cut;
  return out;
}

Plan planFromJson(const json& in) {
  Plan plan;
  const auto mode_name = field<std::string>(in, "mode", "");
  const auto mode = planModeFromName(mode_name);
  if (!mode) throw PlanError("plan JSON: mode: unknown mode '" + mode_name + "'");
  plan.mode = *mode;
  plan.batch = field<int>(in, "batch", "");
  plan.deadline_ms = field<double>(in, "deadline_ms", "");
  plan.round_ms = field<double>(in, "round_ms", "");
  plan.spread_ms = field<double>(in, "spread_ms", "");
  const auto devices = field<json>(in, "devices", "");
  if (!devices.is_array()) throw PlanError("plan JSON: devices: must be an array");
  for (size_t i = 0; i < devices.size(); ++i) {
    const json& d = devices[i];
    const std::string where = "devices[" + std::to_string(i) + "].";
    DevicePlan out;
    out.device = field<std::string>(d, "device", where);
    out.cut = field<int>(d, "cut", where);
    out.steps = field<int>(d, "steps", where);
    const auto step = field<json>(d, "step", where);
    out.step.edge_ms = field<double>(step, "edge_ms", where + "step.");
    out.step.up_ms = field<double>(step, "up_ms", where + "step.");
    out.step.cloud_ms = field<double>(step, "cloud_ms", where + "step.");
    out.step.down_ms = field<double>(step, "down_ms", where + "step.");
    out.round_ms = field<double>(d, "round_ms", where);
    out.up_bytes_per_step = field<int64_t>(d, "up_bytes_per_step", where);
    out.down_bytes_per_step = field<int64_t>(d, "down_bytes_per_step", where);
    out.edge_memory_bytes = field<int64_t>(d, "edge_memory_bytes", where);
    out.feasible = field<bool>(d, "feasible", where);
    out.reason = field<std::string>(d, "reason", where);
    plan.devices.push_back(std::move(out));
  }
  if (in.contains("step_ms_by_cut")) {
    plan.step_ms_by_cut = field<std::vector<std::vector<double>>>(in, "step_ms_by_cut", "");
  }
  return plan;
}

std::string formatPlan(const Plan& plan) {
  return format(plan, nullptr);
}

std::string formatPlan(const Plan& plan, const CostTable& table) {
  return format(plan, &table);
}

}  // namespace cleave
