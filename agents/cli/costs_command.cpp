// cleave costs MODEL.json [--json]
#include <cstdio>

#include "agents/cli/args.h"
#include "agents/cli/commands.h"
#include "core/model/cost_model.h"
#include "core/model/cost_report.h"

namespace cleave::cli {

int runCosts(const std::vector<std::string>& argv) {
  Args args(argv, {"json"});
  const bool json = args.flag("json");
  args.finish(1, 1);
  const CostTable table = computeCosts(loadModelSpec(args.positionals()[0]));
  const std::string out = json ? costTableToJson(table).dump(2) + "\n" : formatCostTable(table);
  std::fputs(out.c_str(), stdout);
  return 0;
}

}  // namespace cleave::cli
