// The edge agent's early-exit inference mode, transport-agnostic: it paces a stream of frames or
// sensor windows, runs the edge half up to its cut with the latest global weights, answers locally
// when an exit head is confident and otherwise returns an InferenceRequest for the cloud, then
// measures latency and reports ExitStats, latency and camera previews. Not thread-safe: the
// agent's single I/O thread owns it (it runs the edge network inside tick()).
//
// Contract with the cloud (core/coordinator/inference_server.h):
//  - InferenceRequest.activation.name is "act@K", K the cut the activation leaves (the cloud runs
//    layers K..n); its shape is [1, ...] (one sample per request).
//  - Every report period the agent sends an Event {kind "inference_latency", data_json
//    {"latency_ms_mean", "latency_ms_p95", "samples", "timeouts", "threshold", "cut",
//    "labelled"}} and right after it ExitStats (one ExitStat per edge exit head in model order,
//    then "cloud"; counts cover the period since the last report).
//  - Previews are Events {kind "preview", data_json {"png_base64", "exit", "prediction",
//    "label" (opt), "latency_ms"}}: one grey PNG of at most 64x64 pixels per preview period.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/agent/data_spec.h"
#include "core/data/frame_source.h"
#include "core/model/model_spec.h"
#include "core/net/message.h"
#include "core/train/network.h"
#include "core/train/weights.h"

namespace cleave::agent {

struct InferenceConfig {
  double threshold = 0.5;  // exit when normalised entropy is below this; (0, 1]
  double rate_hz = 10;     // frames per second taken from the source
  int cut = -1;            // -1: the last training cut, else right after the deepest exit head
  net::TensorCodec codec = net::TensorCodec::Fp32;
  double slowdown = 1;  // CPU slowdown factor, padded onto edge compute as in training
  std::chrono::milliseconds answer_timeout{3000};  // no answer by then: counted as a timeout
  std::chrono::milliseconds report_every{1000};
  std::chrono::milliseconds preview_every{500};  // 0: no previews
};

// Per-period figures, also kept as running totals (what the agent prints and tests read).
struct InferenceTotals {
  uint64_t samples = 0;  // answered (locally or by the cloud)
  uint64_t local = 0;    // answered by an edge exit head
  uint64_t cloud = 0;
  uint64_t timeouts = 0;
  uint64_t requests = 0;  // InferenceRequests sent
  uint64_t reports = 0;
  uint64_t previews = 0;
};

// Standard base64 (RFC 4648, with padding) of `bytes`.
std::string base64Encode(const std::vector<uint8_t>& bytes);

// Up to `limit` samples of the agent's shard replayed in a loop as frames (with labels) at `fps`.
std::unique_ptr<AbstractFrameSource> shardFrameSource(const AgentData& data, int64_t limit,
                                                      double fps);

class InferenceLoop {
 public:
  using Clock = std::chrono::steady_clock;

  // `source` yields the frames (camera) or windows (factory) to infer on; labels optional.
  InferenceLoop(InferenceConfig config, std::unique_ptr<AbstractFrameSource> source);
  ~InferenceLoop();

  // Every message from the cloud passes here first: Welcome (model and global weights) and
  // WeightsDown (new global edge weights) update the model; the rest is ignored.
  void observe(const net::Body& body);
  // Called with the Welcome's standardisation (a camera source applies it to its frames).
  void setStandardisationHook(std::function<void(const Standardisation&)> hook) {
    m_on_standardisation = std::move(hook);
  }
  // Start/stop inferring; `training_cut` is the agent's last training cut (-1: none), used when
  // InferenceConfig::cut is -1.
  void setActive(bool active, int training_cut, Clock::time_point now);
  bool active() const { return m_active; }
  // Throws std::invalid_argument unless threshold is in (0, 1].
  void setThreshold(double threshold);
  double threshold() const { return m_config.threshold; }
  int cut() const { return m_cut; }  // the cut in use; -1 before the model is known

  // The cloud's answer to one of our requests; returns what to send (a preview, maybe).
  std::vector<net::Body> onAnswer(const net::InferenceAnswer& answer, Clock::time_point now);
  // Takes due frames, expires unanswered requests, reports. Returns what to send, in order.
  std::vector<net::Body> tick(Clock::time_point now);
  // When tick() has work next (the caller's poll timeout).
  Clock::time_point nextDue() const;

  const InferenceTotals& totals() const { return m_totals; }
  bool sourceEnded() const { return m_source_ended; }

 private:
  struct Pending {
    Clock::time_point started;
    std::optional<int64_t> label;
    float entropy = 0;
    bool preview = false;
    cv::Mat image;
  };
  struct Window {
    std::vector<uint64_t> count;    // per edge exit, then cloud
    std::vector<uint64_t> correct;  // same indexing
    std::vector<double> entropy_sum;
    std::vector<double> latency_ms;
    uint64_t timeouts = 0;
    bool labelled = false;
  };

  void rebuild();
  int chooseCut(int training_cut) const;
  std::vector<net::Body> inferOne(Clock::time_point now);
  void record(size_t slot, std::optional<int64_t> label, int64_t prediction, float entropy,
              double latency_ms);
  std::vector<net::Body> report();
  std::optional<net::Event> preview(const cv::Mat& image, const std::string& exit,
                                    int64_t prediction, std::optional<int64_t> label,
                                    double latency_ms);
  void resetWindow();

  InferenceConfig m_config;
  std::unique_ptr<AbstractFrameSource> m_source;
  std::optional<ModelSpec> m_spec;
  Weights m_global;
  std::unique_ptr<Network> m_network;
  bool m_weights_dirty = false;
  int m_cut = -1;
  int m_training_cut = -1;
  std::vector<std::string> m_exit_names;  // edge exits held by m_network, in model order
  bool m_active = false;
  bool m_source_ended = false;
  uint64_t m_next_id = 1;
  std::map<uint64_t, Pending> m_pending;
  Window m_window;
  Clock::time_point m_next_frame{};
  Clock::time_point m_next_report{};
  Clock::time_point m_next_preview{};
  InferenceTotals m_totals;
  std::function<void(const Standardisation&)> m_on_standardisation;
};

}  // namespace cleave::agent
