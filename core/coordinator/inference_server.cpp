#include "core/coordinator/inference_server.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "core/net/activation_name.h"
#include "core/net/wire_tensor.h"
#include "core/train/network.h"

namespace cleave {

namespace {

using Json = nlohmann::json;

constexpr int64_t kBadLogEveryUs = 10'000'000;  // one log line per device per 10 s at most
constexpr int64_t kMinPreviewGapUs = 200'000;   // at most 5 previews a second per device

// Decoded length of valid standard base64, or nullopt; fills `head` with the first bytes.
std::optional<size_t> checkBase64(const std::string& text, std::vector<uint8_t>& head,
                                  size_t head_bytes) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  size_t pad = 0;
  if (text.back() == '=') ++pad;
  if (text.size() >= 2 && text[text.size() - 2] == '=') ++pad;
  for (size_t i = 0; i + pad < text.size(); ++i) {
    if (value(text[i]) < 0) return std::nullopt;
  }
  for (size_t i = 0; i + 4 <= text.size() && head.size() < head_bytes; i += 4) {
    uint32_t v = 0;
    for (size_t k = 0; k < 4; ++k)
      v = (v << 6) | static_cast<uint32_t>(std::max(0, value(text[i + k])));
    head.push_back(static_cast<uint8_t>(v >> 16));
    head.push_back(static_cast<uint8_t>(v >> 8));
    head.push_back(static_cast<uint8_t>(v));
  }
  return text.size() / 4 * 3 - pad;
}

bool isNumber(const Json& j, const char* key) {
  return j.contains(key) && j[key].is_number() && std::isfinite(j[key].get<double>());
}

}  // namespace

struct InferenceServer::Impl {
  Impl(const ModelSpec& s, const Weights& global)
      : spec(s), network(spec, 0, spec.layerCount(), TrainOptions{}) {
    network.loadWeights(global);
  }

  void serve(const std::string& device, const net::InferenceRequest& r, int64_t now, int round);
  void latency(const std::string& device, const net::Event& e, int64_t now, int round);
  void exitStats(const std::string& device, const net::ExitStats& s, int64_t now, int round);
  void preview(const std::string& device, const net::Event& e, int64_t now, int round);
  void bad(const std::string& device, const std::string& what, int64_t now, int round);

  ModelSpec spec;
  Network network;
  std::vector<Outgoing> replies;
  std::vector<Event> events;
  std::vector<Event> previews;
  std::vector<MetricRecord> metrics;
  std::map<std::string, InferenceFigures> figures;
  std::map<std::string, Json> last_latency;  // the report that precedes the next ExitStats
  std::map<std::string, int64_t> last_bad_log_us;
  std::map<std::string, int64_t> last_preview_us;
  uint64_t served = 0;
  uint64_t rejected = 0;
};

void InferenceServer::Impl::bad(const std::string& device, const std::string& what, int64_t now,
                                int round) {
  ++rejected;
  auto [it, fresh] = last_bad_log_us.try_emplace(device, now);
  if (!fresh && now - it->second < kBadLogEveryUs) return;
  it->second = now;
  events.push_back({now, event_kind::kLog, round, device,
                    Json{{"level", "warning"}, {"message", "inference: " + what}}.dump()});
}

void InferenceServer::Impl::serve(const std::string& device, const net::InferenceRequest& r,
                                  int64_t now, int round) {
  const auto cut = net::parseActivationName(r.activation.name);
  if (!cut || *cut >= spec.layerCount()) {
    bad(device,
        "request dropped: activation name '" + r.activation.name + "' is not act@K with K < " +
            std::to_string(spec.layerCount()),
        now, round);
    return;
  }
  if (r.activation.shape.empty() || r.activation.shape[0] != 1) {
    bad(device,
        "request dropped: one sample per request, got shape " + shapeToString(r.activation.shape),
        now, round);
    return;
  }
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<int64_t> prediction;
  try {
    prediction = network.inferFrom(*cut, net::decodeTensor(r.activation));
  } catch (const std::exception& e) {  // wrong shape for its cut, bad codec bytes
    bad(device, std::string("request dropped: ") + e.what(), now, round);
    return;
  }
  const auto us =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0)
          .count();
  net::InferenceAnswer answer{r.sample_id, net::kCloudExit, static_cast<int32_t>(prediction.at(0)),
                              us};
  replies.push_back({device, net::Message{0, 0, answer}});
  ++served;
  ++figures[device].served;
}

void InferenceServer::Impl::latency(const std::string& device, const net::Event& e, int64_t now,
                                    int round) {
  Json j = Json::parse(e.data_json, nullptr, false);
  if (!j.is_object() || !isNumber(j, "latency_ms_mean") || !isNumber(j, "latency_ms_p95") ||
      !isNumber(j, "threshold")) {
    bad(device, "latency report dropped: needs latency_ms_mean, latency_ms_p95, threshold", now,
        round);
    return;
  }
  last_latency[device] = std::move(j);
}

void InferenceServer::Impl::exitStats(const std::string& device, const net::ExitStats& s,
                                      int64_t now, int round) {
  uint64_t total = 0;
  uint64_t cloud = 0;
  for (const auto& e : s.exits) {
    if (e.correct > e.count || total + e.count < total) {
      bad(device, "exit stats dropped: inconsistent counts", now, round);
      return;
    }
    total += e.count;
    if (e.name == "cloud") cloud += e.count;
  }
  const Json latency = last_latency.count(device) ? last_latency[device] : Json::object();
  const bool labelled = latency.value("labelled", false);
  Json exits = Json::object();
  Json accuracy = Json::object();
  for (const auto& e : s.exits) {
    exits[e.name] = e.count;
    if (labelled && e.count > 0) {
      accuracy[e.name] = static_cast<double>(e.correct) / static_cast<double>(e.count);
    }
  }
  InferenceFigures& f = figures[device];
  f.exit_rate = total ? static_cast<double>(total - cloud) / static_cast<double>(total) : 0;
  f.samples = total;
  f.samples_total += total;
  f.latency_ms_mean = latency.value("latency_ms_mean", 0.0);
  f.latency_ms_p95 = latency.value("latency_ms_p95", 0.0);
  f.threshold = latency.value("threshold", 0.0);
  f.timeouts = latency.value("timeouts", uint64_t{0});
  f.cut = latency.value("cut", -1);
  f.updated_us = now;
  Json data{{"exit_rate", f.exit_rate},
            {"samples", total},
            {"exits", exits},
            {"latency_ms_mean", f.latency_ms_mean},
            {"latency_ms_p95", f.latency_ms_p95},
            {"threshold", f.threshold},
            {"timeouts", f.timeouts},
            {"cut", f.cut},
            {"mode", "inference"}};
  if (labelled) data["accuracy_per_exit"] = accuracy;
  events.push_back({now, event_kind::kExitStats, round, device, data.dump()});
  metrics.push_back({round, device, inference_metric::kExitRate, f.exit_rate, now});
  metrics.push_back({round, device, inference_metric::kSamples, static_cast<double>(total), now});
  if (total > 0) {
    metrics.push_back({round, device, inference_metric::kLatencyMean, f.latency_ms_mean, now});
    metrics.push_back({round, device, inference_metric::kLatencyP95, f.latency_ms_p95, now});
  }
}

void InferenceServer::Impl::preview(const std::string& device, const net::Event& e, int64_t now,
                                    int round) {
  if (e.data_json.size() > kMaxPreviewJsonBytes) {
    bad(device, "preview dropped: larger than " + std::to_string(kMaxPreviewJsonBytes) + " bytes",
        now, round);
    return;
  }
  auto last = last_preview_us.find(device);
  if (last != last_preview_us.end() && now - last->second < kMinPreviewGapUs) return;  // too fast
  const Json j = Json::parse(e.data_json, nullptr, false);
  if (!j.is_object() || !j.contains("png_base64") || !j["png_base64"].is_string() ||
      !j.contains("exit") || !j["exit"].is_string() || !j.contains("prediction") ||
      !j["prediction"].is_number_integer()) {
    bad(device, "preview dropped: needs png_base64, exit, prediction", now, round);
    return;
  }
  const auto& png = j["png_base64"].get_ref<const std::string&>();
  std::vector<uint8_t> head;
  const auto bytes = checkBase64(png, head, 8);
  static constexpr uint8_t kPngMagic[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (!bytes || *bytes > kMaxPreviewPngBytes || head.size() < 8 ||
      !std::equal(head.begin(), head.begin() + 8, kPngMagic)) {
    bad(device,
        "preview dropped: not a PNG of at most " + std::to_string(kMaxPreviewPngBytes) +
            " bytes in base64",
        now, round);
    return;
  }
  const auto& exit = j["exit"].get_ref<const std::string&>();
  if (exit.empty() || exit.size() > 64) {
    bad(device, "preview dropped: bad exit name", now, round);
    return;
  }
  // Only the validated fields go out: an agent cannot smuggle anything else to the studios.
  Json out{{"png_base64", png},
           {"exit", exit},
           {"prediction", j["prediction"].get<int64_t>()},
           {"latency_ms", isNumber(j, "latency_ms") ? j["latency_ms"].get<double>() : 0.0}};
  if (j.contains("label") && j["label"].is_number_integer()) out["label"] = j["label"];
  last_preview_us[device] = now;
  previews.push_back({now, event_kind::kPreview, round, device, out.dump()});
}

InferenceServer::InferenceServer(const ModelSpec& spec, const Weights& global)
    : m_impl(std::make_unique<Impl>(spec, global)) {}
InferenceServer::~InferenceServer() = default;

void InferenceServer::setGlobal(const Weights& global) {
  m_impl->network.loadWeights(global);
}

bool InferenceServer::handles(const net::Body& body) {
  return std::holds_alternative<net::InferenceRequest>(body) ||
         std::holds_alternative<net::ExitStats>(body) || std::holds_alternative<net::Event>(body);
}

void InferenceServer::onMessage(const std::string& device, const net::Message& message,
                                int64_t now_us, int round) {
  Impl& s = *m_impl;
  if (const auto* r = std::get_if<net::InferenceRequest>(&message.body)) {
    s.serve(device, *r, now_us, round);
  } else if (const auto* stats = std::get_if<net::ExitStats>(&message.body)) {
    s.exitStats(device, *stats, now_us, round);
  } else if (const auto* e = std::get_if<net::Event>(&message.body)) {
    if (e->kind == "inference_latency") {
      s.latency(device, *e, now_us, round);
    } else if (e->kind == event_kind::kPreview) {
      s.preview(device, *e, now_us, round);
    } else {
      s.bad(device, "event '" + e->kind.substr(0, 32) + "' from an agent dropped", now_us, round);
    }
  }
}

std::vector<Outgoing> InferenceServer::takeReplies() {
  return std::exchange(m_impl->replies, {});
}
std::vector<Event> InferenceServer::takeEvents() {
  return std::exchange(m_impl->events, {});
}
std::vector<Event> InferenceServer::takePreviews() {
  return std::exchange(m_impl->previews, {});
}
std::vector<MetricRecord> InferenceServer::takeMetrics() {
  return std::exchange(m_impl->metrics, {});
}
const std::map<std::string, InferenceFigures>& InferenceServer::figures() const {
  return m_impl->figures;
}
void InferenceServer::forget(const std::string& device) {
  m_impl->figures.erase(device);
  m_impl->last_latency.erase(device);
}
uint64_t InferenceServer::served() const {
  return m_impl->served;
}
uint64_t InferenceServer::rejected() const {
  return m_impl->rejected;
}

}  // namespace cleave
