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
  std::vector<std::vector<std::string>> rows;
  const std::vector<bool> rows_left({false, true, true, true, false, false, false});
  rows.push_back({"#", "name", "type", "output shape", "activation", "params", unit});
  for (const auto& layer : table.layers) {
    rows.push_back({std::to_string(layer.index), layer.name, layer.type,
                    shapeToString(layer.output_shape), formatBytes(layer.activation_bytes),
                    formatCount(layer.params), flops(layer.flops)});
  }
  rows.push_back(
      {"", "total", "", "", "", formatCount(table.total_params), flops(table.total_flops)});
  out << renderTable(rows, rows_left);
  if (!table.exits.empty()) {
    std::vector<std::vector<std::string>> exit_rows;
    const std::vector<bool> exits_left({true, true, false, false});
    exit_rows.push_back({"exit head", "after", "params", unit});
    for (const auto& exit : table.exits) {
      exit_rows.push_back(
          {exit.name, std::to_string(exit.after_index) + " " + afterName(table, exit.after_index),
           formatCount(exit.params), flops(exit.flops)});
    }
    out << "\nexit heads (not in the total):\n" << renderTable(exit_rows, exits_left);
  }
  return out.str();
}

}  // namespace cleave
