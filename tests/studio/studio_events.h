// Events a cloud would publish, built in code for the studio's state and view-model tests:
// a factory session (the real factory_cnn1d spec from resources/) with profiled devices and rounds.
#pragma once

#include <QFile>
#include <QVector>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/session/event.h"

namespace cleave::test {

inline std::string factorySpecJson() {
  QFile f(QStringLiteral(CLEAVE_SOURCE_DIR "/resources/models/factory_cnn1d.json"));
  if (!f.open(QIODevice::ReadOnly)) return {};
  return f.readAll().toStdString();
}

inline constexpr int kFactoryLayers = 14;

inline Event sessionStart(int64_t t, int batch = 16, const std::string& codec = "fp32") {
  nlohmann::json d{{"resumed", false},
                   {"use_case", "factory"},
                   {"spec_json", factorySpecJson()},
                   {"settings",
                    {{"rounds", 5},
                     {"steps", 4},
                     {"batch", batch},
                     {"lr", 0.05},
                     {"fedavg_every", 1},
                     {"deadline_ms", 0},
                     {"codec", codec}}},
                   {"split", {{"mode", "fastest"}, {"cut", -1}}}};
  return {t, "session_start", -1, "", d.dump()};
}

// A profiled device: layer i costs (i + 1) * per_layer_ms at profile batch 8.
inline Event deviceJoined(int64_t t, const std::string& name, double per_layer_ms,
                          double up_mbps = 20, int64_t memory_bytes = 512LL << 20) {
  std::vector<double> ms;
  for (int i = 0; i < kFactoryLayers; ++i)
    ms.push_back((i + 1) * per_layer_ms);
  nlohmann::json d{{"role", "edge"},
                   {"cpu", "test cpu"},
                   {"cores", 4},
                   {"memory_bytes", memory_bytes},
                   {"layer_ms", ms},
                   {"profile_batch", 8},
                   {"profiled", true},
                   {"link",
                    {{"up_mbps", up_mbps},
                     {"down_mbps", 2 * up_mbps},
                     {"latency_ms", 10},
                     {"jitter_ms", 1},
                     {"loss", 0}}},
                   {"fingerprint", "AbCdEfGh…"}};
  return {t, "device_joined", -1, name, d.dump()};
}

inline Event plan(int64_t t, int round, const std::vector<std::pair<std::string, int>>& cuts) {
  nlohmann::json devices = nlohmann::json::array();
  for (const auto& [name, cut] : cuts) {
    devices.push_back(
        {{"device", name},
         {"cut", cut},
         {"steps", 4},
         {"step",
          {{"edge_ms", 1}, {"up_ms", 1}, {"cloud_ms", 1}, {"down_ms", 1}, {"total_ms", 4}}}});
  }
  return {t, "plan", round, "", nlohmann::json{{"mode", "fastest"}, {"devices", devices}}.dump()};
}

inline Event phaseTiming(int64_t t, int round, const std::string& device, double round_ms,
                         int cut = 4) {
  nlohmann::json d{{"edge_ms", round_ms * 0.4},
                   {"up_ms", round_ms * 0.2},
                   {"cloud_ms", round_ms * 0.2},
                   {"down_ms", round_ms * 0.1},
                   {"wait_ms", round_ms * 0.1},
                   {"round_ms", round_ms},
                   {"jitter_ms", 2.5},
                   {"clock_offset_ms", 0.3},
                   {"bytes_up", 100000},
                   {"bytes_down", 50000},
                   {"steps", 4},
                   {"cut", cut}};
  return {t, "phase_timing", round, device, d.dump()};
}

inline Event roundEnd(int64_t t, int round, std::vector<std::string> completed,
                      std::vector<std::string> stragglers) {
  return {t, "round_end", round, "",
          nlohmann::json{{"round_ms", 120.0}, {"completed", completed}, {"stragglers", stragglers}}
              .dump()};
}

inline Event evaluation(int64_t t, int round, double accuracy) {
  return {t, "evaluation", round, "",
          nlohmann::json{{"accuracy_final", accuracy},
                         {"accuracy_exits", {{"local", accuracy - 0.1}}},
                         {"loss", 0.7},
                         {"samples", 200},
                         {"exit_rate", 0.3}}
              .dump()};
}

inline Event logLine(int64_t t, const std::string& level, const std::string& message,
                     const std::string& device = {}) {
  return {t, "log", -1, device, nlohmann::json{{"level", level}, {"message", message}}.dump()};
}

inline Event pending(int64_t t, const std::string& name) {
  return {
      t, "device_status", -1, name,
      nlohmann::json{{"status", "pending"}, {"fingerprint", "ZZZZZZZZ…"}, {"address", "127.0.0.1"}}
          .dump()};
}

inline QVector<Event> factorySession() {
  QVector<Event> e;
  e << sessionStart(0) << deviceJoined(10, "plc-1", 0.5) << deviceJoined(20, "ipc-1", 0.1, 100)
    << pending(30, "unnamed-1a2b3c4d") << plan(40, 1, {{"plc-1", 2}, {"ipc-1", 8}})
    << Event{45, "round_start", 1, "", R"({"devices":["plc-1","ipc-1"],"deadline_ms":0})"}
    << phaseTiming(100, 1, "plc-1", 150, 2) << phaseTiming(100, 1, "ipc-1", 80, 8)
    << roundEnd(110, 1, {"ipc-1"}, {"plc-1"}) << evaluation(120, 1, 0.8)
    << logLine(130, "warning", "plc-1 missed the deadline", "plc-1");
  return e;
}

}  // namespace cleave::test
