// The cloud's side of early-exit inference, without sockets: it finishes the samples no edge exit
// was confident about (the cloud half of the current global model, from the agent's cut), turns
// the agents' ExitStats and latency reports into exit_stats events and metrics, and validates the
// agents' camera previews. cleave-cloud feeds it agent messages on its loop thread, next to the
// RoundCoordinator; tests drive it directly. Not thread-safe: one owner.
//
// Agent -> cloud contract (core/agent/inference_loop.h): InferenceRequest.activation is named
// "act@K" (K = the cut, 0..n-1) and holds one sample; Event "inference_latency" precedes each
// ExitStats; Event "preview" carries a small PNG. Previews are published, never recorded: they
// are pixels for the operator's eyes, not session history, and would bloat the session file.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/coordinator/round_coordinator.h"
#include "core/model/model_spec.h"
#include "core/net/message.h"
#include "core/session/event.h"
#include "core/session/session_records.h"
#include "core/train/weights.h"

namespace cleave {

namespace inference_metric {
// Per device, each time it reports (about once a second).
inline constexpr const char* kExitRate = "inference_exit_rate";  // fraction answered on the edge
inline constexpr const char* kLatencyMean = "inference_latency_ms_mean";
inline constexpr const char* kLatencyP95 = "inference_latency_ms_p95";
inline constexpr const char* kSamples = "inference_samples";  // answered in the report period
}  // namespace inference_metric

// Size caps on what an agent may send as a preview.
inline constexpr size_t kMaxPreviewJsonBytes = 64 * 1024;
inline constexpr size_t kMaxPreviewPngBytes = 32 * 1024;

// The latest figures of one inferring device, for cleave-cloud's console table.
struct InferenceFigures {
  double exit_rate = 0;
  uint64_t samples = 0;  // in the last report period
  uint64_t samples_total = 0;
  double latency_ms_mean = 0;
  double latency_ms_p95 = 0;
  double threshold = 0;
  uint64_t timeouts = 0;
  int cut = -1;
  uint64_t served = 0;  // InferenceRequests this cloud answered for it
  int64_t updated_us = 0;
};

class InferenceServer {
 public:
  // `global` is the whole model's weights (RoundCoordinator::globalWeights()).
  InferenceServer(const ModelSpec& spec, const Weights& global);
  ~InferenceServer();

  // The global model changed (a round closed): answer with it from now on.
  void setGlobal(const Weights& global);

  // True for the messages this server takes: InferenceRequest, ExitStats, Event.
  static bool handles(const net::Body& body);
  // One message from an authenticated agent; `round` is the coordinator's current round.
  void onMessage(const std::string& device, const net::Message& message, int64_t now_us, int round);

  std::vector<Outgoing> takeReplies();      // InferenceAnswers
  std::vector<Event> takeEvents();          // exit_stats and log: publish and record
  std::vector<Event> takePreviews();        // preview: publish only
  std::vector<MetricRecord> takeMetrics();  // record
  const std::map<std::string, InferenceFigures>& figures() const;
  void forget(const std::string& device);  // it left: drop it from the table
  uint64_t served() const;
  uint64_t rejected() const;  // requests or reports dropped as invalid

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace cleave
