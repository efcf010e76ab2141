// Writes a session's metrics and events as RFC 4180 CSV files (`cleave export FILE --csv DIR`).
// Pure functions over a SessionReader; call from the reader's thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cleave {

class SessionReader;

struct CsvExportSummary {
  int64_t metric_rows = 0;
  int64_t event_rows = 0;
  int64_t round_rows = 0;
};

// Creates `dir` if needed and writes, each with a header row and CRLF line ends:
//   metrics.csv  round,device,name,value,t_us             (every metric)
//   events.csv   t_us,kind,round,device,data_json         (time order)
//   rounds.csv   round,<name>...                          (one row per round >= 0; the session-wide
//                metrics, device "", pivoted in first-recorded order; last value wins; empty when
//                a round lacks one)
// Values print in the shortest form that reads back to the same double. Throws SessionError
// naming the file when it cannot be written.
CsvExportSummary exportMetricsCsv(const SessionReader& reader, const std::string& dir);

// One CSV field: quoted (with "" for ") when it holds a comma, quote, CR or LF.
std::string csvField(std::string_view text);

}  // namespace cleave
