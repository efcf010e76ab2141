#include "core/model/cost_report.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <sstream>
#include <vector>

namespace cleave {
namespace {

std::string fixed(double value, int decimals) {
  std::array<char, 64> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.*f", decimals, value);
  return buffer.data();
}

std::string afterName(const CostTable& table, int index) {
  if (index < 0 || index >= static_cast<int>(table.layers.size())) return "?";
  return table.layers[static_cast<size_t>(index)].name;
}

// Rows of cells, right-aligned except the columns flagged left; two spaces between columns.
class TextTable {
 public:
  explicit TextTable(std::vector<bool> left) : m_left(std::move(left)) {}
  void add(std::vector<std::string> row) { m_rows.push_back(std::move(row)); }
  std::string render() const {
    std::vector<size_t> width(m_left.size(), 0);
    for (const auto& row : m_rows) {
      for (size_t c = 0; c < row.size(); ++c)
        width[c] = std::max(width[c], row[c].size());
    }
    std::string out;
    for (const auto& row : m_rows) {
      std::string line;
      for (size_t c = 0; c < row.size(); ++c) {
        const std::string pad(width[c] - row[c].size(), ' ');
        line += (c == 0 ? "" : "  ") + (m_left[c] ? row[c] + pad : pad + row[c]);
      }
      line.erase(line.find_last_not_of(' ') + 1);
      out += line + "\n";
    }
    return out;
  }

 private:
  std::vector<bool> m_left;
  std::vector<std::vector<std::string>> m_rows;
};

}  // namespace

nlohmann::json costTableToJson(const CostTable& table) {
  nlohmann::json layers = nlohmann::json::array();
  for (const auto& layer : table.layers) {
    layers.push_back({{"index", layer.index},
                      {"name", layer.name},
                      {"type", layer.type},
                      {"output_shape", layer.output_shape},
                      {"activation_bytes", layer.activation_bytes},
                      {"params", layer.params},
                      {"macs", layer.macs},
                      {"flops", layer.flops}});
  }
  nlohmann::json exits = nlohmann::json::array();
  for (const auto& exit : table.exits) {
    exits.push_back({{"name", exit.name},
                     {"after_index", exit.after_index},
                     {"after", afterName(table, exit.after_index)},
                     {"params", exit.params},
                     {"macs", exit.macs},
                     {"flops", exit.flops}});
  }
  return {
      {"model", table.model},
      {"input_bytes", table.input_bytes},
      {"layers", std::move(layers)},
      {"exits", std::move(exits)},
      {"total",
       {{"params", table.total_params}, {"macs", table.total_macs}, {"flops", table.total_flops}}}};
}

std::string formatBytes(int64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  constexpr std::array<const char*, 4> kUnits{"KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes) / 1024.0;
  size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < kUnits.size()) {
    value /= 1024.0;
    ++unit;
  }
  return fixed(value, 1) + " " + kUnits[unit];
}

std::string formatCount(int64_t count) {
  const std::string digits = std::to_string(count < 0 ? -count : count);
  // Built forwards into a fresh string: GCC 12 misreports -Wrestrict on in-place insert().
  std::string grouped = count < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(digits[i]);
  }
  return grouped;
}

std::string formatCostTable(const CostTable& table) {
  // One unit for the whole table so the column compares at a glance.
  const bool giga = table.total_flops >= 1'000'000'000;
  const double scale = giga ? 1e9 : 1e6;
  const std::string unit = giga ? "GFLOPs" : "MFLOPs";
  auto flops = [&](int64_t value) { return fixed(static_cast<double>(value) / scale, 3); };

  std::ostringstream out;
  out << table.model << ": FLOPs = 2 x MACs, per sample, forward\n";
  if (!table.layers.empty()) {
    out << "input " << shapeToString(table.layers.front().input_shape) << ", "
        << formatBytes(table.input_bytes) << "\n";
  }
  TextTable rows({false, true, true, true, false, false, false});
  rows.add({"#", "name", "type", "output shape", "activation", "params", unit});
  for (const auto& layer : table.layers) {
    rows.add({std::to_string(layer.index), layer.name, layer.type,
              shapeToString(layer.output_shape), formatBytes(layer.activation_bytes),
              formatCount(layer.params), flops(layer.flops)});
  }
  rows.add({"", "total", "", "", "", formatCount(table.total_params), flops(table.total_flops)});
  out << rows.render();
  if (!table.exits.empty()) {
    TextTable exits({true, true, false, false});
    exits.add({"exit head", "after", "params", unit});
    for (const auto& exit : table.exits) {
      exits.add({exit.name,
                 std::to_string(exit.after_index) + " " + afterName(table, exit.after_index),
                 formatCount(exit.params), flops(exit.flops)});
    }
    out << "\nexit heads (not in the total):\n" << exits.render();
  }
  return out.str();
}

}  // namespace cleave
