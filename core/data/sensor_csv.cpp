#include "core/data/sensor_csv.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <stdexcept>

#include "core/data/window_standardise.h"

namespace cleave {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  // Spreadsheet exports quote some fields; quotes inside a field are not supported.
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return s;
}

std::vector<std::string_view> splitFields(std::string_view line, char delimiter) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (true) {
    const size_t end = line.find(delimiter, start);
    fields.push_back(trim(line.substr(start, end == std::string_view::npos ? end : end - start)));
    if (end == std::string_view::npos) return fields;
    start = end + 1;
  }
}

std::optional<double> parseNumber(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<int64_t> parseIndex(std::string_view text) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names)
    out += (out.empty() ? "" : ", ") + name;
  return out;
}

struct Table {
  std::vector<float> values;        // rows x channels
  std::vector<std::string> labels;  // one per row
  std::vector<int64_t> lines;       // file line number of each row, for messages
};

class CsvReader {
 public:
  CsvReader(const std::filesystem::path& file, const SensorCsvOptions& options)
      : m_file(file), m_options(options) {}

  Dataset read() {
    std::ifstream in(m_file);
    if (!in) throw std::runtime_error(m_file.string() + ": cannot open for reading");
    std::string line;
    int64_t line_number = 0;
    bool have_header = false;
    while (std::getline(in, line)) {
      ++line_number;
      const std::string_view content = trim(line);
      if (content.empty() || content.front() == '#') continue;
      if (!have_header) {
        parseHeader(line);
        have_header = true;
      } else {
        parseRow(line, line_number);
      }
    }
    if (!have_header)
      throw std::runtime_error(m_file.string() + ": empty file, expected a header row");
    return cutWindows(labelIndices());
  }

 private:
  [[noreturn]] void failAt(int64_t line, const std::string& what) const {
    throw std::runtime_error(m_file.string() + " line " + std::to_string(line) + ": " + what);
  }

  void parseHeader(const std::string& line) {
    for (auto field : splitFields(line, m_options.delimiter))
      m_columns.emplace_back(field);
    const auto find = [&](const std::string& name) -> std::optional<size_t> {
      auto it = std::find(m_columns.begin(), m_columns.end(), name);
      if (it == m_columns.end()) return std::nullopt;
      return static_cast<size_t>(it - m_columns.begin());
    };
    const auto require = [&](const std::string& name) {
      if (auto index = find(name)) return *index;
      throw std::runtime_error(m_file.string() + ": no column '" + name +
                               "' in the header (columns: " + joined(m_columns) + ")");
    };
    m_label = require(m_options.label_column);
    if (!m_options.channel_columns.empty()) {
      for (const auto& name : m_options.channel_columns)
        m_channels.push_back(require(name));
    } else {
      for (size_t i = 0; i < m_columns.size(); ++i) {
        const auto& ignore = m_options.ignore_columns;
        if (i != m_label && std::find(ignore.begin(), ignore.end(), m_columns[i]) == ignore.end()) {
          m_channels.push_back(i);
        }
      }
    }
    if (m_channels.empty()) throw std::runtime_error(m_file.string() + ": no channel columns");
  }

  void parseRow(const std::string& line, int64_t line_number) {
    const auto fields = splitFields(line, m_options.delimiter);
    if (fields.size() != m_columns.size()) {
      failAt(line_number, "expected " + std::to_string(m_columns.size()) + " fields, found " +
                              std::to_string(fields.size()));
    }
    for (size_t channel : m_channels) {
      const auto value = parseNumber(fields[channel]);
      if (!value) {
        failAt(line_number, "column '" + m_columns[channel] + "': '" +
                                std::string(fields[channel]) + "' is not a number");
      }
      m_table.values.push_back(static_cast<float>(*value));
    }
    if (fields[m_label].empty())
      failAt(line_number, "column '" + m_columns[m_label] + "' is empty");
    m_table.labels.emplace_back(fields[m_label]);
    m_table.lines.push_back(line_number);
  }

  // Maps each row's label text to a class index and fills m_class_names.
  std::vector<int64_t> labelIndices() {
    const auto& given = m_options.class_names;
    const auto& texts = m_table.labels;
    std::vector<int64_t> indices(texts.size());
    const auto bad = [&](size_t row, const std::string& why) {
      failAt(m_table.lines[row],
             "column '" + m_columns[m_label] + "': '" + texts[row] + "' " + why);
    };
    if (!given.empty()) {
      m_class_names = given;
      for (size_t row = 0; row < texts.size(); ++row) {
        auto it = std::find(given.begin(), given.end(), texts[row]);
        auto index = parseIndex(texts[row]);
        if (it != given.end()) {
          indices[row] = it - given.begin();
        } else if (index && *index >= 0 && *index < static_cast<int64_t>(given.size())) {
          indices[row] = *index;
        } else {
          bad(row, "is not one of the classes (" + joined(given) + ")");
        }
      }
      return indices;
    }
    const bool numeric = std::all_of(
        texts.begin(), texts.end(), [](const std::string& t) { return parseIndex(t).has_value(); });
    if (numeric) {
      int64_t max_label = -1;
      for (size_t row = 0; row < texts.size(); ++row) {
        indices[row] = *parseIndex(texts[row]);
        if (indices[row] < 0) bad(row, "is a negative class index");
        max_label = std::max(max_label, indices[row]);
      }
      for (int64_t c = 0; c <= max_label; ++c)
        m_class_names.push_back(std::to_string(c));
      return indices;
    }
    std::map<std::string, int64_t> sorted;
    for (const auto& t : texts)
      sorted.emplace(t, 0);
    for (auto& [name, index] : sorted) {
      index = static_cast<int64_t>(m_class_names.size());
      m_class_names.push_back(name);
    }
    for (size_t row = 0; row < texts.size(); ++row)
      indices[row] = sorted.at(texts[row]);
    return indices;
  }

  Dataset cutWindows(const std::vector<int64_t>& labels) const {
    const int64_t window = m_options.window;
    const int64_t stride = m_options.stride;
    const auto channels = static_cast<int64_t>(m_channels.size());
    const auto rows = static_cast<int64_t>(labels.size());
    Dataset dataset;
    dataset.name = m_file.stem().string();
    dataset.sample_shape = {channels, window};
    dataset.class_names = m_class_names;
    int64_t longest_run = 0;
    for (int64_t run_start = 0; run_start < rows;) {
      int64_t run_end = run_start;
      while (run_end < rows &&
             labels[static_cast<size_t>(run_end)] == labels[static_cast<size_t>(run_start)])
        ++run_end;
      longest_run = std::max(longest_run, run_end - run_start);
      for (int64_t start = run_start; start + window <= run_end; start += stride) {
        const size_t offset = dataset.values.size();
        dataset.values.resize(offset + static_cast<size_t>(channels * window));
        float* sample = dataset.values.data() + offset;
        // Rows are time-major; samples are channel-major [channels, window].
        for (int64_t t = 0; t < window; ++t) {
          for (int64_t c = 0; c < channels; ++c) {
            sample[c * window + t] =
                m_table.values[static_cast<size_t>((start + t) * channels + c)];
          }
        }
        if (m_options.standardise) standardiseWindow(sample, channels, window);
        dataset.labels.push_back(labels[static_cast<size_t>(run_start)]);
      }
      run_start = run_end;
    }
    if (dataset.labels.empty()) {
      throw std::runtime_error(m_file.string() + ": no complete window of " +
                               std::to_string(window) + " rows (" + std::to_string(rows) +
                               " data rows; the longest run with one label has " +
                               std::to_string(longest_run) + ")");
    }
    return dataset;
  }

  const std::filesystem::path& m_file;
  const SensorCsvOptions& m_options;
  std::vector<std::string> m_columns;
  size_t m_label = 0;
  std::vector<size_t> m_channels;
  Table m_table;
  std::vector<std::string> m_class_names;
};

}  // namespace

Dataset readSensorCsv(const std::filesystem::path& file, const SensorCsvOptions& options) {
  if (options.window < 1 || options.stride < 1) {
    throw std::invalid_argument("readSensorCsv " + file.string() + ": window (" +
                                std::to_string(options.window) + ") and stride (" +
                                std::to_string(options.stride) + ") must be >= 1");
  }
  return CsvReader(file, options).read();
}

void writeSensorCsv(const Dataset& windows, const std::filesystem::path& file,
                    std::vector<std::string> channel_names, int64_t max_windows) {
  if (windows.sample_shape.size() != 2) {
    throw std::invalid_argument("writeSensorCsv " + file.string() +
                                ": samples must be [channels, window], got " +
                                shapeToString(windows.sample_shape));
  }
  const int64_t channels = windows.sample_shape[0];
  const int64_t length = windows.sample_shape[1];
  if (channel_names.empty()) {
    for (int64_t c = 0; c < channels; ++c)
      channel_names.push_back("ch" + std::to_string(c));
  }
  if (static_cast<int64_t>(channel_names.size()) != channels) {
    throw std::invalid_argument("writeSensorCsv: " + std::to_string(channel_names.size()) +
                                " channel names for " + std::to_string(channels) + " channels");
  }
  std::ofstream out(file);
  if (!out) throw std::runtime_error("writeSensorCsv: cannot create " + file.string());
  out << "window,sample";
  for (const auto& name : channel_names)
    out << ',' << name;
  out << ",label\n";
  const int64_t count = max_windows >= 0 ? std::min(max_windows, windows.size()) : windows.size();
  char number[32];
  for (int64_t w = 0; w < count; ++w) {
    const int64_t label = windows.labels[static_cast<size_t>(w)];
    const std::string label_text = label >= 0 && label < windows.classCount()
                                       ? windows.class_names[static_cast<size_t>(label)]
                                       : std::to_string(label);
    const float* sample = windows.values.data() + w * windows.sampleNumel();
    for (int64_t t = 0; t < length; ++t) {
      out << w << ',' << t;
      for (int64_t c = 0; c < channels; ++c) {
        // Shortest text that reads back to the identical float.
        const auto result = std::to_chars(number, number + sizeof number, sample[c * length + t]);
        out << ',' << std::string_view(number, static_cast<size_t>(result.ptr - number));
      }
      out << ',' << label_text << '\n';
    }
  }
  if (!out.flush()) throw std::runtime_error("writeSensorCsv: write failed for " + file.string());
}

}  // namespace cleave
