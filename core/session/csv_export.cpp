#include "core/session/csv_export.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <vector>

#include "core/session/session_error.h"
#include "core/session/session_reader.h"

namespace cleave {
namespace {

std::string number(double value) {
  char text[32];
  const auto result = std::to_chars(text, text + sizeof(text), value);
  return std::string(text, result.ptr);
}

// A CSV file being written; the destructor-free close() reports a failed flush.
class CsvFile {
 public:
  explicit CsvFile(std::filesystem::path path) : m_path(std::move(path)), m_out(m_path) {
    if (!m_out) throw SessionError("cannot create " + m_path.string());
  }
  void row(const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i) m_out << ',';
      m_out << csvField(fields[i]);
    }
    m_out << "\r\n";  // RFC 4180 line break
  }
  void close() {
    m_out.close();
    if (!m_out) throw SessionError("cannot write " + m_path.string() + " (disk full?)");
  }

 private:
  std::filesystem::path m_path;
  std::ofstream m_out;
};

int64_t writeMetrics(const std::vector<MetricRecord>& metrics, const std::filesystem::path& dir) {
  CsvFile file(dir / "metrics.csv");
  file.row({"round", "device", "name", "value", "t_us"});
  for (const auto& m : metrics)
    file.row({std::to_string(m.round), m.device, m.name, number(m.value), std::to_string(m.t_us)});
  file.close();
  return static_cast<int64_t>(metrics.size());
}

int64_t writeEvents(const SessionReader& reader, const std::filesystem::path& dir) {
  CsvFile file(dir / "events.csv");
  file.row({"t_us", "kind", "round", "device", "data_json"});
  int64_t rows = 0;
  reader.forEachEvent({}, [&](const Event& e) {
    file.row({std::to_string(e.t_us), e.kind, std::to_string(e.round), e.device, e.data_json});
    ++rows;
    return true;
  });
  file.close();
  return rows;
}

int64_t writeRounds(const std::vector<MetricRecord>& metrics, const std::filesystem::path& dir) {
  std::vector<std::string> names;
  std::map<int, std::map<std::string, double>> rounds;
  for (const auto& m : metrics) {
    if (m.round < 0) continue;
    auto& row = rounds[m.round];  // a round with only per-device metrics still gets a row
    if (!m.device.empty()) continue;
    if (std::find(names.begin(), names.end(), m.name) == names.end()) names.push_back(m.name);
    row[m.name] = m.value;
  }
  CsvFile file(dir / "rounds.csv");
  std::vector<std::string> header{"round"};
  header.insert(header.end(), names.begin(), names.end());
  file.row(header);
  for (const auto& [round, values] : rounds) {
    std::vector<std::string> row{std::to_string(round)};
    for (const auto& name : names) {
      const auto found = values.find(name);
      row.push_back(found == values.end() ? "" : number(found->second));
    }
    file.row(row);
  }
  file.close();
  return static_cast<int64_t>(rounds.size());
}

}  // namespace

std::string csvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

CsvExportSummary exportMetricsCsv(const SessionReader& reader, const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) throw SessionError("cannot create export directory " + dir + ": " + error.message());
  const auto metrics = reader.metrics();  // ordered by round, then recording order
  CsvExportSummary summary;
  summary.metric_rows = writeMetrics(metrics, dir);
  summary.event_rows = writeEvents(reader, dir);
  summary.round_rows = writeRounds(metrics, dir);
  return summary;
}

}  // namespace cleave
