// cleave plan MODEL.json --devices FLEET.json [--mode M] [--json] ...
#include <cstdio>

#include "agents/cli/args.h"
#include "agents/cli/commands.h"
#include "core/compress/codec.h"
#include "core/model/cost_model.h"
#include "core/plan/plan_report.h"
#include "core/plan/planner.h"

namespace cleave::cli {

int runPlan(const std::vector<std::string>& argv) {
  Args args(argv, {"json"});
  const bool json = args.flag("json");
  const auto fleet_path = args.value("devices");
  const std::string mode_name = args.value("mode", args.value("cut") ? "manual" : "fastest");
  PlanRequest request;
  request.global_cut = args.intValue("cut", -1, 0, 1'000'000);
  request.batch = args.intValue("batch", 32, 1, 1'000'000);
  request.steps = args.intValue("steps", 10, 1, 1'000'000);
  request.deadline_ms = args.doubleValue("deadline-ms", 0, 0, 1e9);
  const Codec codec = parseCodec(args.value("codec", "fp32"));
  request.wire_bytes_per_value = wireBytesPerValue(codec);
  args.finish(1, 1);
  if (!fleet_path) throw UsageError("--devices FLEET.json is required");
  const auto mode = planModeFromName(mode_name);
  if (!mode) throw UsageError("--mode '" + mode_name + "': expected manual, fastest or in-step");
  request.mode = *mode;
  if (request.mode == PlanMode::Manual && request.global_cut < 0) {
    throw UsageError("--mode manual needs --cut K");
  }

  const CostTable table = computeCosts(loadModelSpec(args.positionals()[0]));
  const Plan plan = planSplit(table, loadFleet(*fleet_path), request);
  const std::string out = json ? planToJson(plan).dump(2) + "\n" : formatPlan(plan, table);
  std::fputs(out.c_str(), stdout);
  return 0;
}

}  // namespace cleave::cli
