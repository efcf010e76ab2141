#include "agents/cloud/round_table.h"

#include <cstdio>

#include "core/format/text_format.h"
#include "core/session/metric_names.h"

namespace cleave::cloud {
namespace {

std::string fixed(double value, int decimals = 1) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string percent(double fraction) {
  return fixed(100 * fraction) + "%";
}

}  // namespace

std::string renderRoundTable(const ClosedRound& r, int total_rounds) {
  char head[256];
  // "round   3/10 ": the width tests and log readers have always matched on.
  std::snprintf(head, sizeof head, "round %3d/%-3d %-9s %.0f ms%s\n", r.round, total_rounds,
                r.reason.c_str(), r.round_ms, r.averaged ? "  averaged" : "");
  std::vector<std::vector<std::string>> rows{{"device", "cut", "steps", "edge ms", "up ms",
                                              "cloud ms", "down ms", "wait ms", "jitter ms",
                                              "bytes up", "straggler"}};
  for (const DeviceRoundResult& d : r.devices) {
    // An agent without timestamps: its transfer is shown whole, marked, in the up column.
    const std::string up = d.unsplit_ms > 0 ? fixed(d.up_ms + d.unsplit_ms) + "*" : fixed(d.up_ms);
    rows.push_back({d.device, std::to_string(d.cut),
                    std::to_string(d.steps_done) + "/" + std::to_string(d.steps_planned),
                    fixed(d.edge_ms), up, fixed(d.cloud_ms), fixed(d.down_ms), fixed(d.wait_ms),
                    fixed(d.jitter_ms, 2), formatBytes(d.bytes_up), d.straggler ? "yes" : ""});
  }
  std::string table = renderTable(
      rows, {true, false, false, false, false, false, false, false, false, false, true});
  std::string out = head;
  // Indented under the round's header line.
  size_t start = 0;
  while (start < table.size()) {
    const size_t end = table.find('\n', start);
    out += "  " + table.substr(start, end == std::string::npos ? end : end - start) + "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
  out += "  accuracy " + percent(r.evaluation.final_accuracy) + "  early-exit " +
         percent(r.evaluation.early_exit_rate) + "\n";
  return out;
}

nlohmann::json roundToJson(const ClosedRound& r) {
  nlohmann::json devices = nlohmann::json::array();
  for (const DeviceRoundResult& d : r.devices) {
    devices.push_back({{"device", d.device},
                       {"cut", d.cut},
                       {"steps", d.steps_done},
                       {"steps_planned", d.steps_planned},
                       {"edge_ms", d.edge_ms},
                       {"edge_compute_ms", d.edge_compute_ms},
                       {"up_ms", d.up_ms},
                       {"cloud_ms", d.cloud_ms},
                       {"down_ms", d.down_ms},
                       {"wait_ms", d.wait_ms},
                       {"unsplit_ms", d.unsplit_ms},
                       {"round_ms", d.round_ms},
                       {"jitter_ms", d.jitter_ms},
                       {"clock_offset_ms", d.clock_offset_ms},
                       {"bytes_up", d.bytes_up},
                       {"update_bytes", d.update_bytes},
                       {"bytes_down", d.bytes_down},
                       {"straggler", d.straggler},
                       {"loss", d.loss}});
  }
  return {{"round", r.round},
          {"reason", r.reason},
          {"averaged", r.averaged},
          {"accuracy", r.evaluation.final_accuracy},
          {"exit_rate", r.evaluation.early_exit_rate},
          {"round_ms", r.round_ms},
          {"devices", devices}};
}

void recordRoundMetrics(SessionWriter& writer, const ClosedRound& r, int64_t t) {
  using namespace metric_name;
  writer.recordMetric({r.round, "", kAccuracyFinal, r.evaluation.final_accuracy, t});
  writer.recordMetric({r.round, "", kExitRate, r.evaluation.early_exit_rate, t});
  writer.recordMetric({r.round, "", kLoss, r.evaluation.loss, t});
  writer.recordMetric({r.round, "", kRoundMs, r.round_ms, t});
  int stragglers = 0;
  for (const DeviceRoundResult& d : r.devices) {
    stragglers += d.straggler ? 1 : 0;
    // The same names and values as the device's phase_timing event, so a replay reproduces them.
    writer.recordMetric({r.round, d.device, kRoundMs, d.round_ms, t});
    writer.recordMetric({r.round, d.device, kBytesUp, double(d.bytes_up), t});
    writer.recordMetric({r.round, d.device, kBytesDown, double(d.bytes_down), t});
    writer.recordMetric({r.round, d.device, kEdgeMs, d.edge_ms, t});
    writer.recordMetric({r.round, d.device, kUpMs, d.up_ms, t});
    writer.recordMetric({r.round, d.device, kCloudMs, d.cloud_ms, t});
    writer.recordMetric({r.round, d.device, kDownMs, d.down_ms, t});
    writer.recordMetric({r.round, d.device, kWaitMs, d.wait_ms, t});
    writer.recordMetric({r.round, d.device, kJitterMs, d.jitter_ms, t});
    writer.recordMetric({r.round, d.device, kClockOffsetMs, d.clock_offset_ms, t});
  }
  writer.recordMetric({r.round, "", kStragglers, double(stragglers), t});
}

}  // namespace cleave::cloud
