// What the cost graph draws: per-layer edge/cloud times and the predicted round time for every
// cut. Filled by the studio's SplitController on the GUI thread and handed to CostGraph::setData.
#pragma once

#include <string>
#include <vector>

namespace cleave::studio {

// The predicted time of one training step at one cut (milliseconds).
struct CutPrediction {
  double edge_ms = 0, up_ms = 0, cloud_ms = 0, down_ms = 0;
  bool feasible = true;  // false: the edge cannot hold this cut (memory, no such layer on device)
  double total() const { return edge_ms + up_ms + cloud_ms + down_ms; }
};

// Cut c: layers 1..c run on the edge, c+1..L on the cloud; cut 0 = everything on the cloud.
struct CostGraphData {
  std::vector<std::string> layer_names;   // trunk layers 1..L
  std::vector<double> edge_ms, cloud_ms;  // per layer: the selected device / the cloud
  std::vector<double> cut_bytes;          // c = 0..L: bytes over the link per step at cut c
  std::vector<CutPrediction> per_cut;     // c = 0..L
  int current_cut = -1, best_cut = -1;
};

}  // namespace cleave::studio
