#include "core/sim/sim_report.h"

#include <cstdio>

#include "core/format/text_format.h"

namespace cleave {

namespace {

std::string percent(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * fraction);
  return buf;
}

}  // namespace

nlohmann::json roundToJson(const RoundReport& r) {
  nlohmann::json accuracy = nlohmann::json::object();
  nlohmann::json rates = nlohmann::json::object();
  for (const auto& e : r.evaluation.exits) {
    accuracy[e.name] = e.accuracy;
    rates[e.name] = e.exit_rate;
  }
  nlohmann::json devices = nlohmann::json::array();
  for (const auto& d : r.devices) {
    nlohmann::json exits = nlohmann::json::array();
    for (const auto& e : d.exits) {
      exits.push_back({{"name", e.name},
                       {"loss", e.loss},
                       {"accuracy", e.total ? double(e.correct) / double(e.total) : 0.0}});
    }
    devices.push_back({{"device", d.device},
                       {"cut", d.cut},
                       {"steps", d.steps},
                       {"samples", d.samples},
                       {"loss", d.loss},
                       {"delay_ms",
                        {{"edge", d.delay.edge_ms},
                         {"up", d.delay.up_ms},
                         {"cloud", d.delay.cloud_ms},
                         {"down", d.delay.down_ms},
                         {"total", d.round_ms}}},
                       {"jitter_ms", d.jitter_ms},
                       {"bytes_up", d.bytes_up},
                       {"bytes_down", d.bytes_down},
                       {"straggler", d.straggler},
                       {"update_sent", d.update_sent},
                       {"exits", exits}});
  }
  return {{"round", r.round},
          {"averaged", r.averaged},
          {"loss", r.loss},
          {"test_loss", r.evaluation.loss},
          {"accuracy", accuracy},
          {"exit_rate", r.evaluation.early_exit_rate},
          {"exit_rates", rates},
          {"exit_threshold", r.evaluation.threshold},
          {"policy_accuracy", r.evaluation.policy_accuracy},
          {"bytes_up", r.bytes_up},
          {"bytes_down", r.bytes_down},
          {"update_bytes", {{"before", r.update_bytes_before}, {"after", r.update_bytes_after}}},
          {"round_ms", r.round_ms},
          {"spread_ms", r.spread_ms},
          {"deadline_ms", r.deadline_ms},
          {"wall_ms", r.wall_ms},
          {"devices", devices}};
}

std::string formatRoundLine(const RoundReport& r, int total_rounds) {
  char head[64];
  std::snprintf(head, sizeof head, "round %3d/%-3d loss %.3f ", r.round, total_rounds, r.loss);
  std::string line = head;
  for (const auto& e : r.evaluation.exits)
    line += " " + e.name + " " + percent(e.accuracy);
  line += "  early-exit " + percent(r.evaluation.early_exit_rate);
  line += "  up " + formatBytes(r.bytes_up) + " down " + formatBytes(r.bytes_down);
  char tail[96];
  std::snprintf(tail, sizeof tail, "  round %.0f ms spread %.0f ms  (%.1f s)", r.round_ms,
                r.spread_ms, r.wall_ms / 1000.0);
  line += tail;
  int stragglers = 0;
  for (const auto& d : r.devices)
    stragglers += d.straggler;
  if (stragglers) line += "  stragglers " + std::to_string(stragglers);
  if (r.averaged) line += "  [fedavg]";
  return line;
}

std::string formatDeviceRows(const RoundReport& r) {
  std::string out;
  for (const auto& d : r.devices) {
    char row[256];
    std::snprintf(row, sizeof row,
                  "    %-24s cut %2d steps %3d  edge %8.0f up %7.0f cloud %6.0f down %7.0f ms"
                  "  jitter %5.1f ms  up %s%s\n",
                  d.device.c_str(), d.cut, d.steps, d.delay.edge_ms, d.delay.up_ms,
                  d.delay.cloud_ms, d.delay.down_ms, d.jitter_ms, formatBytes(d.bytes_up).c_str(),
                  d.straggler ? "  STRAGGLER" : "");
    out += row;
  }
  return out;
}

}  // namespace cleave
