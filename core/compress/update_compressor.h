// The two-step compression of weight updates for one device ("two-step deep compression").
// Step 1 accumulates updates in a residual until it is worth sending; step 2 is compressTopK().
// Not thread-safe: one instance per device, used by the thread that trains that device.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/compress/compressed_update.h"

namespace cleave {

// Relative threshold for a device's uplink: 0 (send every round) at >= 100 Mbit/s, then rising
// linearly in log10(bandwidth) to kMaxLinkThreshold at <= 0.1 Mbit/s (10 Mbit/s -> 0.033,
// 1 Mbit/s -> 0.067). A slow link waits until more change has built up, so it pays the fixed
// cost of a frame less often. Throws CompressError unless uplink_mbps > 0.
inline constexpr double kMaxLinkThreshold = 0.1;
double thresholdForLink(double uplink_mbps);

class UpdateCompressor {
 public:
  // `elements`: length of the flattened weights. `threshold` (>= 0): send once
  // ||residual||_2 >= threshold * ||weights||_2 -- relative, so one value suits any model and
  // layer scale; 0 sends whenever anything is pending. `keep_fraction`: top-k fraction in (0, 1].
  UpdateCompressor(int64_t elements, double threshold, double keep_fraction);

  // Step 1: residual += update (update = new weights - old weights, flattened).
  void accumulate(std::span<const float> update);
  // Whether the residual has passed the threshold relative to the current `weights`.
  bool ready(std::span<const float> weights) const;
  // Step 2 now, whatever the threshold: what is not sent (including quantisation error) stays.
  CompressedUpdate flush();
  // Both steps for one round: accumulate, then flush if ready; nullopt = nothing to send yet.
  std::optional<CompressedUpdate> push(std::span<const float> update,
                                       std::span<const float> weights);
  // Forget what is pending (the device rejoined from the global model).
  void reset();

  std::span<const float> residual() const { return m_residual; }
  double residualNorm() const;
  int64_t elements() const { return static_cast<int64_t>(m_residual.size()); }
  double threshold() const { return m_threshold; }
  double keepFraction() const { return m_keep_fraction; }

 private:
  void checkLength(std::span<const float> values, const char* what) const;

  std::vector<float> m_residual;
  double m_threshold;
  double m_keep_fraction;
};

}  // namespace cleave
