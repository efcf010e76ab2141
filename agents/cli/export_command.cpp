// cleave export FILE --csv DIR: a session's metrics, events and per-round summary as CSV.
#include <cstdio>
#include <filesystem>

#include "agents/cli/args.h"
#include "agents/cli/commands.h"
#include "core/session/csv_export.h"
#include "core/session/session_reader.h"

namespace cleave::cli {

int runExport(const std::vector<std::string>& argv) {
  Args args(argv, {});
  const auto dir = args.value("csv");
  args.finish(1, 1);
  if (!dir) throw UsageError("--csv DIR is required");
  std::filesystem::create_directories(*dir);
  const SessionReader reader(args.positionals()[0]);
  const CsvExportSummary s = exportMetricsCsv(reader, *dir);
  std::printf("wrote %s/metrics.csv (%lld rows), events.csv (%lld), rounds.csv (%lld)\n",
              dir->c_str(), static_cast<long long>(s.metric_rows),
              static_cast<long long>(s.event_rows), static_cast<long long>(s.round_rows));
  return 0;
}

}  // namespace cleave::cli
