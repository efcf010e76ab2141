#include "core/plan/planner.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <unordered_set>

namespace cleave {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::string megabytes(int64_t bytes) {
  std::ostringstream out;
  out.precision(3);
  out << static_cast<double>(bytes) / (1024.0 * 1024.0) << " MiB";
  return out.str();
}

// Largest s with s x step <= deadline, robust to the rounding of deadline / step.
int stepsWithin(double deadline_ms, double step_ms) {
  constexpr int kMaxSteps = 1'000'000'000;  // far beyond any round; keeps the int from overflowing
  const double ratio = std::floor(deadline_ms / step_ms);
  if (ratio >= kMaxSteps) return kMaxSteps;
  auto steps = static_cast<int>(ratio);
  while ((steps + 1.0) * step_ms <= deadline_ms)
    ++steps;
  while (steps > 0 && steps * step_ms > deadline_ms)
    --steps;
  return steps;
}

// The fitting cut with the smallest step time, or -1 when no cut fits memory.
int fastestCut(const StepModel& model) {
  int best = -1;
  double best_ms = kInf;
  for (int k = 0; k < model.cutCount(); ++k) {
    if (!model.fitsMemory(k)) continue;
    const double t = model.stepMs(k);
    if (t < best_ms) {
      best_ms = t;
      best = k;
    }
  }
  return best;
}

void fill(DevicePlan& plan, const StepModel& model, int cut, int steps) {
  plan.cut = cut;
  plan.steps = steps;
  plan.step = model.phases(cut);
  plan.round_ms = steps * plan.step.total();
  plan.up_bytes_per_step = model.upBytes(cut);
  plan.down_bytes_per_step = model.downBytes(cut);
  plan.edge_memory_bytes = model.edgeMemoryBytes(cut);
}

std::string noCutFits(const StepModel& model, const DeviceProfile& device) {
  return "no cut fits memory: even cut 0 (the input batch) needs " +
         megabytes(model.edgeMemoryBytes(0)) + ", device has " + megabytes(device.memory_bytes);
}

int manualCut(const PlanRequest& request, const DeviceProfile& device, int cut_count) {
  const auto it = request.device_cuts.find(device.name);
  const int cut = it != request.device_cuts.end() ? it->second : request.global_cut;
  if (it == request.device_cuts.end() && cut < 0) {
    throw PlanError("manual plan: no cut for device '" + device.name +
                    "' (set a global cut or a per-device cut)");
  }
  if (cut < 0 || cut >= cut_count) {
    throw PlanError("manual plan: cut " + std::to_string(cut) + " for device '" + device.name +
                    "' is outside 0.." + std::to_string(cut_count - 1) + " (the model has " +
                    std::to_string(cut_count) + " layers; the cloud keeps at least the last)");
  }
  return cut;
}

void planManual(const PlanRequest& request, StepModel& model, const DeviceProfile& device,
                DevicePlan& plan) {
  const int cut = manualCut(request, device, model.cutCount());
  fill(plan, model, cut, request.steps);
  if (!model.fitsMemory(cut)) {
    plan.feasible = false;
    plan.reason = "cut " + std::to_string(cut) + " needs " + megabytes(model.edgeMemoryBytes(cut)) +
                  " of edge memory, device has " + megabytes(device.memory_bytes);
  }
}

void planFastest(const PlanRequest& request, StepModel& model, const DeviceProfile& device,
                 DevicePlan& plan) {
  const int cut = fastestCut(model);
  fill(plan, model, std::max(cut, 0), request.steps);
  if (cut < 0) {
    plan.feasible = false;
    plan.reason = noCutFits(model, device);
  }
}

// The slowest device's best step time: the in-step deadline is `steps` of these.
double slowestBestStep(const Fleet& fleet, StepModel& model) {
  double slowest = 0;
  for (const DeviceProfile& device : fleet.devices) {
    model.setDevice(device);
    const int cut = fastestCut(model);
    if (cut >= 0) slowest = std::max(slowest, model.stepMs(cut));
  }
  return slowest;
}

void planInStep(double deadline_ms, StepModel& model, const DeviceProfile& device,
                DevicePlan& plan) {
  int best_cut = -1;
  int best_steps = 0;
  double best_idle = kInf;
  for (int k = 0; k < model.cutCount(); ++k) {
    if (!model.fitsMemory(k)) continue;
    const double t = model.stepMs(k);
    const int steps = stepsWithin(deadline_ms, t);
    const double idle = deadline_ms - steps * t;
    if (steps > best_steps || (steps == best_steps && steps > 0 && idle < best_idle)) {
      best_cut = k;
      best_steps = steps;
      best_idle = idle;
    }
  }
  if (best_steps > 0) {
    fill(plan, model, best_cut, best_steps);
    return;
  }
  const int fastest = fastestCut(model);
  fill(plan, model, std::max(fastest, 0), 1);
  plan.feasible = false;
  if (fastest < 0) {
    plan.reason = noCutFits(model, device);
  } else {
    std::ostringstream why;
    why << "straggler: one step takes " << plan.step.total() << " ms at its fastest cut " << fastest
        << ", more than the " << deadline_ms << " ms deadline";
    plan.reason = why.str();
  }
}

void validate(const Fleet& fleet, const PlanRequest& request) {
  if (request.steps < 1)
    throw PlanError("steps must be >= 1, got " + std::to_string(request.steps));
  if (!std::isfinite(request.deadline_ms)) throw PlanError("deadline_ms must be finite");
  if (request.mode == PlanMode::Manual && !request.device_cuts.empty()) {
    // A set, so thousands of overrides against thousands of devices stay linear.
    std::unordered_set<std::string_view> names;
    for (const DeviceProfile& device : fleet.devices)
      names.insert(device.name);
    for (const auto& [name, cut] : request.device_cuts) {
      if (!names.contains(name)) {
        throw PlanError("manual plan: cut given for unknown device '" + name + "'");
      }
    }
  }
}

}  // namespace

std::string planModeName(PlanMode mode) {
  switch (mode) {
    case PlanMode::Manual:
      return "manual";
    case PlanMode::Fastest:
      return "fastest";
    case PlanMode::InStep:
      return "in-step";
  }
  return "unknown";
}

std::optional<PlanMode> planModeFromName(std::string_view name) {
  if (name == "manual") return PlanMode::Manual;
  if (name == "fastest") return PlanMode::Fastest;
  if (name == "in-step" || name == "in_step" || name == "instep") return PlanMode::InStep;
  return std::nullopt;
}

Plan planSplit(const CostTable& table, const Fleet& fleet, const PlanRequest& request) {
  validate(fleet, request);
  StepModel model(table, fleet.cloud, request.batch, request.wire_bytes_per_value);

  Plan plan;
  plan.mode = request.mode;
  plan.batch = request.batch;
  if (request.mode == PlanMode::InStep) {
    plan.deadline_ms = request.deadline_ms > 0 ? request.deadline_ms
                                               : request.steps * slowestBestStep(fleet, model);
  }
  plan.devices.resize(fleet.devices.size());
  if (request.keep_curves) plan.step_ms_by_cut.resize(fleet.devices.size());

  double first_finish = kInf;
  double last_finish = 0;
  for (size_t i = 0; i < fleet.devices.size(); ++i) {
    const DeviceProfile& device = fleet.devices[i];
    DevicePlan& out = plan.devices[i];
    out.device = device.name;
    model.setDevice(device);
    switch (request.mode) {
      case PlanMode::Manual:
        planManual(request, model, device, out);
        break;
      case PlanMode::Fastest:
        planFastest(request, model, device, out);
        break;
      case PlanMode::InStep:
        planInStep(plan.deadline_ms, model, device, out);
        break;
    }
    if (out.feasible) {
      first_finish = std::min(first_finish, out.round_ms);
      last_finish = std::max(last_finish, out.round_ms);
    }
    if (request.keep_curves) {
      auto& curve = plan.step_ms_by_cut[i];
      curve.resize(static_cast<size_t>(model.cutCount()));
      for (int k = 0; k < model.cutCount(); ++k)
        curve[static_cast<size_t>(k)] = model.stepMs(k);
    }
  }
  plan.round_ms = last_finish;
  plan.spread_ms = first_finish == kInf ? 0 : last_finish - first_finish;
  return plan;
}

std::vector<double> stepTimeByCut(const CostTable& table, const DeviceProfile& device,
                                  const CloudProfile& cloud, const PlanRequest& request) {
  StepModel model(table, cloud, request.batch, request.wire_bytes_per_value);
  model.setDevice(device);
  std::vector<double> curve(static_cast<size_t>(model.cutCount()));
  for (int k = 0; k < model.cutCount(); ++k)
    curve[static_cast<size_t>(k)] = model.stepMs(k);
  return curve;
}

SplitChoice parseSplitChoice(const std::string& text, int layer_count) {
  if (auto mode = planModeFromName(text)) {
    if (*mode == PlanMode::Manual) throw PlanError("--split manual needs a cut number");
    return {*mode, -1};
  }
  SplitChoice choice{PlanMode::Manual, -1};
  try {
    size_t used = 0;
    choice.cut = std::stoi(text, &used);
    if (used != text.size()) throw std::invalid_argument(text);
  } catch (const std::exception&) {
    throw PlanError("--split '" + text + "': expected a cut number, 'fastest' or 'in-step'");
  }
  if (choice.cut < 0 || (layer_count > 0 && choice.cut >= layer_count)) {
    throw PlanError("--split " + text + ": the cut must lie in [0, " +
                    std::to_string(layer_count > 0 ? layer_count - 1 : 0) + "] for this model");
  }
  return choice;
}

}  // namespace cleave
