// Layer-wise federated averaging over replicas that hold different cuts of one model (DESIGN.md).
// Each weight is averaged over every replica that holds it, weighted by the samples that replica
// trained that layer on. Pure function; callable from any thread.
#pragma once

#include <vector>

#include "core/train/weights.h"

namespace cleave {

struct Replica {
  const Weights* weights = nullptr;
  // Samples this replica trained each trunk layer on since the last average (index = layer);
  // a layer past the end counts as 0. An edge with cut k: samples for layers [0,k). The cloud's
  // own copy: for layer L, the samples of every device whose cut is <= L.
  std::vector<double> layer_samples;
};

// The average of every weight name found in any replica. A weight whose holders all have zero
// samples is the plain mean of its holders (nobody trained it, keep them together).
// Throws std::invalid_argument when two replicas disagree on a weight's shape.
Weights federatedAverage(const std::vector<Replica>& replicas);

}  // namespace cleave
