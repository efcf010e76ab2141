#include "core/agent/inference_loop.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <span>
#include <stdexcept>
#include <utility>

#include "core/data/dataset_frame_source.h"
#include "core/net/activation_name.h"
#include "core/net/link_shaper.h"
#include "core/net/wire_tensor.h"

namespace cleave::agent {
namespace {

using Json = nlohmann::json;

constexpr int kPreviewMaxSide = 64;

// "L3.weight" -> 3; other names (exit heads) -> 0, as AgentSession reads them.
int layerOfName(const std::string& name) {
  if (name.size() < 2 || name[0] != 'L') return 0;
  int layer = 0;
  for (size_t i = 1; i < name.size() && name[i] >= '0' && name[i] <= '9'; ++i)
    layer = layer * 10 + (name[i] - '0');
  return layer;
}

double msSince(InferenceLoop::Clock::time_point from, InferenceLoop::Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  // Nearest rank: the smallest value with at least p of the samples at or below it.
  const auto rank = static_cast<size_t>(std::ceil(p * static_cast<double>(values.size())));
  return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

}  // namespace

std::string base64Encode(const std::vector<uint8_t>& bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    const uint32_t b0 = bytes[i];
    const uint32_t b1 = i + 1 < bytes.size() ? bytes[i + 1] : 0;
    const uint32_t b2 = i + 2 < bytes.size() ? bytes[i + 2] : 0;
    const uint32_t v = (b0 << 16) | (b1 << 8) | b2;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=');
    out.push_back(i + 2 < bytes.size() ? kAlphabet[v & 63] : '=');
  }
  return out;
}

std::unique_ptr<AbstractFrameSource> shardFrameSource(const AgentData& data, int64_t limit,
                                                      double fps) {
  const auto count =
      std::min<size_t>(data.shard.size(), static_cast<size_t>(std::max<int64_t>(0, limit)));
  if (count == 0) throw std::invalid_argument("the agent's data shard is empty: nothing to infer");
  // A copy of a bounded part: the session keeps the whole dataset for training.
  Batch batch = data.data.gather(std::span<const int64_t>(data.shard.data(), count));
  auto frames = std::make_shared<Dataset>();
  frames->name = data.data.name;
  frames->sample_shape = data.data.sample_shape;
  frames->values = std::move(batch.inputs.data);
  frames->labels = std::move(batch.labels);
  frames->class_names = data.data.class_names;
  return std::make_unique<DatasetFrameSource>(
      std::move(frames), DatasetReplayOptions{.fps = fps, .loop = true, .limit = -1});
}

InferenceLoop::InferenceLoop(InferenceConfig config, std::unique_ptr<AbstractFrameSource> source)
    : m_config(std::move(config)), m_source(std::move(source)) {
  if (!m_source) throw std::invalid_argument("inference needs a frame source");
  setThreshold(m_config.threshold);
  if (!(m_config.rate_hz > 0) || m_config.rate_hz > 10'000) {
    throw std::invalid_argument("inference rate must be in (0, 10000] Hz");
  }
}

InferenceLoop::~InferenceLoop() = default;

void InferenceLoop::setThreshold(double threshold) {
  if (!(threshold > 0) || threshold > 1) {
    throw std::invalid_argument("exit threshold " + std::to_string(threshold) +
                                " must be in (0, 1]");
  }
  m_config.threshold = threshold;
}

void InferenceLoop::observe(const net::Body& body) {
  if (const auto* welcome = std::get_if<net::Welcome>(&body)) {
    m_spec = parseModelSpec(welcome->model_spec_json, "the cloud's model spec");
    if (m_on_standardisation) m_on_standardisation(welcome->standardisation);
    m_global.clear();
    for (const net::WireTensor& t : welcome->weights)
      m_global.push_back({t.name, layerOfName(t.name), net::decodeTensor(t), false});
    m_network.reset();
    m_pending.clear();  // a new cloud (or a restarted one) will not answer the old requests
    if (m_active) rebuild();
  } else if (const auto* down = std::get_if<net::WeightsDown>(&body)) {
    for (const net::WireTensor& t : down->weights) {
      WeightEntry entry{t.name, layerOfName(t.name), net::decodeTensor(t), false};
      auto it = std::find_if(m_global.begin(), m_global.end(),
                             [&](const WeightEntry& e) { return e.name == t.name; });
      if (it != m_global.end()) {
        *it = std::move(entry);
      } else {
        m_global.push_back(std::move(entry));
      }
    }
    m_weights_dirty = true;
  }
}

int InferenceLoop::chooseCut(int training_cut) const {
  const int n = m_spec->layerCount();
  if (m_config.cut >= 0) return std::min(m_config.cut, n - 1);
  if (training_cut > 0 && training_cut < n) return training_cut;
  // Right after the deepest exit head: every exit can answer locally.
  int cut = 0;
  for (const ExitSpec& e : m_spec->exits)
    cut = std::max(cut, e.after_index + 1);
  return std::min(cut, n - 1);
}

void InferenceLoop::rebuild() {
  if (!m_spec) return;
  const int cut = chooseCut(m_training_cut);
  if (!m_network || cut != m_cut) {
    m_network = cut > 0 ? std::make_unique<Network>(*m_spec, 0, cut, TrainOptions{}) : nullptr;
    m_cut = cut;
    m_exit_names.clear();
    for (const ExitSpec& e : m_spec->exits) {
      if (e.after_index < cut) m_exit_names.push_back(e.name);
    }
    resetWindow();
  }
  if (m_network) m_network->loadWeights(m_global);
  m_weights_dirty = false;
}

void InferenceLoop::resetWindow() {
  const size_t slots = m_exit_names.size() + 1;
  m_window = Window{};
  m_window.count.assign(slots, 0);
  m_window.correct.assign(slots, 0);
  m_window.entropy_sum.assign(slots, 0);
}

void InferenceLoop::setActive(bool active, int training_cut, Clock::time_point now) {
  m_training_cut = training_cut;
  if (active == m_active) return;
  m_active = active;
  m_pending.clear();
  if (!active) return;
  m_network.reset();  // rebuilt for the current cut and weights
  rebuild();
  resetWindow();
  m_next_frame = now;
  m_next_report = now + m_config.report_every;
  m_next_preview = now;
}

InferenceLoop::Clock::time_point InferenceLoop::nextDue() const {
  if (!m_active || !m_spec) return Clock::time_point::max();
  Clock::time_point due = std::min(m_next_report, m_source_ended ? m_next_report : m_next_frame);
  for (const auto& [id, p] : m_pending)
    due = std::min(due, p.started + m_config.answer_timeout);
  return due;
}

std::vector<net::Body> InferenceLoop::tick(Clock::time_point now) {
  std::vector<net::Body> out;
  if (!m_active || !m_spec) return out;
  if (m_weights_dirty) rebuild();
  for (auto it = m_pending.begin(); it != m_pending.end();) {
    if (now - it->second.started >= m_config.answer_timeout) {
      ++m_window.timeouts;
      ++m_totals.timeouts;
      it = m_pending.erase(it);
    } else {
      ++it;
    }
  }
  if (!m_source_ended && now >= m_next_frame) {
    auto sent = inferOne(now);
    std::move(sent.begin(), sent.end(), std::back_inserter(out));
    m_next_frame += std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(1.0 / m_config.rate_hz));
    // Behind by more than a frame (slow CPU or link): skip frames, as a live camera would.
    if (m_next_frame < now) m_next_frame = now;
  }
  if (now >= m_next_report) {
    auto sent = report();
    std::move(sent.begin(), sent.end(), std::back_inserter(out));
    m_next_report = now + m_config.report_every;
  }
  return out;
}

std::vector<net::Body> InferenceLoop::inferOne(Clock::time_point now) {
  std::optional<Frame> frame = m_source->next();
  if (!frame) {
    m_source_ended = true;
    return {};
  }
  const bool want_preview =
      m_config.preview_every.count() > 0 && now >= m_next_preview && !frame->image.empty();
  if (want_preview) m_next_preview = now + m_config.preview_every;
  Tensor input = std::move(frame->tensor);
  input.shape.insert(input.shape.begin(), 1);  // a batch of one

  const auto started = Clock::now();
  std::optional<EdgeInference> decided;
  // inferEdge exits on entropy < t; the contract is <= threshold, so 1.0 means "always exit"
  // even where float rounding lifts a near-uniform prediction's entropy to 1.
  if (m_network) decided = m_network->inferEdge(input, m_config.threshold + 1e-6);
  CpuSlowdown(std::max(1.0, m_config.slowdown))
      .pad(std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - started));

  const std::string exit_name =
      decided && decided->exit_index[0] >= 0
          ? m_spec->exits[static_cast<size_t>(decided->exit_index[0])].name
          : std::string();
  if (!exit_name.empty()) {
    const auto slot = static_cast<size_t>(
        std::find(m_exit_names.begin(), m_exit_names.end(), exit_name) - m_exit_names.begin());
    const double latency = msSince(started, Clock::now());
    record(slot, frame->label, decided->prediction[0], decided->entropy[0], latency);
    if (!want_preview) return {};
    if (auto p = preview(frame->image, exit_name, decided->prediction[0], frame->label, latency))
      return {std::move(*p)};
    return {};
  }
  net::InferenceRequest request;
  request.sample_id = m_next_id++;
  request.activation = net::encodeTensor(
      net::activationName(m_cut), m_network ? decided->pending_activation : input, m_config.codec);
  // Timed on the caller's clock from the frame's tick: the answer's arrival is on that clock too.
  m_pending[request.sample_id] = Pending{now, frame->label, decided ? decided->entropy[0] : 1,
                                         want_preview, want_preview ? frame->image : cv::Mat()};
  ++m_totals.requests;
  return {std::move(request)};
}

std::vector<net::Body> InferenceLoop::onAnswer(const net::InferenceAnswer& answer,
                                               Clock::time_point now) {
  auto it = m_pending.find(answer.sample_id);
  if (it == m_pending.end()) return {};  // timed out already, or from before a reconnect
  Pending p = std::move(it->second);
  m_pending.erase(it);
  const double latency = msSince(p.started, now);
  record(m_exit_names.size(), p.label, answer.prediction, p.entropy, latency);
  if (!p.preview) return {};
  if (auto e = preview(p.image, "cloud", answer.prediction, p.label, latency)) return {*e};
  return {};
}

void InferenceLoop::record(size_t slot, std::optional<int64_t> label, int64_t prediction,
                           float entropy, double latency_ms) {
  if (slot >= m_window.count.size()) return;
  ++m_window.count[slot];
  m_window.entropy_sum[slot] += entropy;
  if (label) {
    m_window.labelled = true;
    if (*label == prediction) ++m_window.correct[slot];
  }
  m_window.latency_ms.push_back(latency_ms);
  ++m_totals.samples;
  ++(slot < m_exit_names.size() ? m_totals.local : m_totals.cloud);
}

std::vector<net::Body> InferenceLoop::report() {
  const auto& lat = m_window.latency_ms;
  double mean = 0;
  for (double v : lat)
    mean += v;
  mean = lat.empty() ? 0 : mean / static_cast<double>(lat.size());
  Json j{{"latency_ms_mean", mean},         {"latency_ms_p95", percentile(lat, 0.95)},
         {"samples", lat.size()},           {"timeouts", m_window.timeouts},
         {"threshold", m_config.threshold}, {"cut", m_cut},
         {"labelled", m_window.labelled}};
  net::Event latency{"inference_latency", 0, "", j.dump(), 0};
  net::ExitStats stats;
  for (size_t i = 0; i < m_window.count.size(); ++i) {
    net::ExitStat s;
    s.name = i < m_exit_names.size() ? m_exit_names[i] : "cloud";
    s.count = m_window.count[i];
    s.correct = m_window.correct[i];
    s.mean_entropy = s.count ? m_window.entropy_sum[i] / static_cast<double>(s.count) : 0;
    stats.exits.push_back(std::move(s));
  }
  resetWindow();
  ++m_totals.reports;
  return {std::move(latency), std::move(stats)};
}

std::optional<net::Event> InferenceLoop::preview(const cv::Mat& image, const std::string& exit,
                                                 int64_t prediction, std::optional<int64_t> label,
                                                 double latency_ms) {
  if (image.empty()) return std::nullopt;
  cv::Mat grey;
  if (image.channels() == 3) {
    cv::cvtColor(image, grey, cv::COLOR_BGR2GRAY);
  } else if (image.channels() == 4) {
    cv::cvtColor(image, grey, cv::COLOR_BGRA2GRAY);
  } else {
    grey = image;
  }
  if (grey.depth() != CV_8U) grey.convertTo(grey, CV_8U);
  const int side = std::max(grey.cols, grey.rows);
  if (side > kPreviewMaxSide) {
    const double scale = static_cast<double>(kPreviewMaxSide) / side;
    cv::resize(grey, grey, cv::Size(), scale, scale, cv::INTER_AREA);
  }
  std::vector<uint8_t> png;
  if (!cv::imencode(".png", grey, png)) return std::nullopt;
  Json j{{"png_base64", base64Encode(png)},
         {"exit", exit},
         {"prediction", prediction},
         {"latency_ms", latency_ms}};
  if (label) j["label"] = *label;
  ++m_totals.previews;
  return net::Event{"preview", 0, "", j.dump(), 0};
}

}  // namespace cleave::agent
