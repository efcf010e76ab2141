// Sample inputs for the plot widget tests, built in code from a small cost model (not measured
// figures): a Fashion-MNIST-sized CNN on a slow edge box and a fast cloud. Test thread only.
#pragma once

#include <QPalette>
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "app/plots/cost_graph_data.h"
#include "app/plots/round_gantt.h"
#include "app/plots/topology_view.h"

namespace cleave::studio::samples {

// Per-step predictions from per-layer times and activation sizes of a small 64x64 camera CNN
// (batch 32, float32) over a `mbit_per_s` link; cuts whose edge weights exceed
// `edge_weight_bytes` are infeasible (fc1 does not fit on the default box).
inline CostGraphData costGraph(double mbit_per_s = 20, double edge_weight_bytes = 512e3) {
  CostGraphData d;
  d.layer_names = {"conv1", "relu1",   "pool1", "conv2", "relu2",
                   "pool2", "flatten", "fc1",   "relu3", "fc2"};
  d.edge_ms = {14.0, 0.5, 1.0, 18.0, 0.3, 0.4, 0.05, 3.0, 0.05, 0.1};
  d.cloud_ms = {1.6, 0.06, 0.12, 2.1, 0.04, 0.05, 0.01, 0.35, 0.01, 0.02};
  const std::vector<double> outputs = {16384, 16384, 4096, 8192, 8192, 2048, 2048, 128, 128, 10};
  const std::vector<double> params = {448, 0, 0, 4640, 0, 0, 0, 262272, 0, 1290};
  const double perValue = 32 * 4;  // batch x float32
  d.cut_bytes.push_back(3 * 64 * 64 * perValue);
  for (double v : outputs)
    d.cut_bytes.push_back(v * perValue);
  const size_t layers = d.layer_names.size();
  double weights = 0;
  for (size_t c = 0; c <= layers; ++c) {
    CutPrediction p;
    for (size_t l = 0; l < c; ++l)
      p.edge_ms += d.edge_ms[l];
    for (size_t l = c; l < layers; ++l)
      p.cloud_ms += d.cloud_ms[l];
    const double ms = d.cut_bytes[c] * 8 / (mbit_per_s * 1e6) * 1000;
    p.up_ms = ms;
    p.down_ms = c == 0 ? 0 : ms;  // the gradient comes back the same size; none for cut 0
    if (c > 0) weights += params[c - 1] * 4;
    p.feasible = weights <= edge_weight_bytes;
    d.per_cut.push_back(p);
  }
  d.best_cut = -1;
  for (size_t c = 0; c <= layers; ++c) {
    if (d.per_cut[c].feasible &&
        (d.best_cut < 0 ||
         d.per_cut[c].total() < d.per_cut[static_cast<size_t>(d.best_cut)].total()))
      d.best_cut = static_cast<int>(c);
  }
  d.current_cut = d.best_cut;
  return d;
}

inline std::vector<GanttRow> gantt(int devices) {
  std::vector<GanttRow> rows;
  double slowest = 0;
  for (int i = 0; i < devices; ++i) {
    GanttRow r;
    r.device = (i % 3 == 0   ? "cam-north-"
                : i % 3 == 1 ? "cam-east-"
                             : "plc-line-") +
               std::to_string(i + 1);
    const double slow = 1.0 + 0.35 * std::sin(i * 1.7) + (i % 7 == 3 ? 1.6 : 0);
    r.edge_ms = 120 * slow;
    r.up_ms = 35 + 20 * std::cos(i * 0.9) * std::cos(i * 0.9);
    r.cloud_ms = 28;
    r.down_ms = 12 + (i % 5);
    slowest = std::max(slowest, r.edge_ms + r.up_ms + r.cloud_ms + r.down_ms);
    rows.push_back(r);
  }
  for (GanttRow& r : rows) {
    const double busy = r.edge_ms + r.up_ms + r.cloud_ms + r.down_ms;
    r.wait_ms = slowest - busy;
    r.straggler = busy >= 0.92 * slowest;  // the devices everyone waits for
  }
  return rows;
}

inline std::vector<TopologyNode> topology(int devices, bool sites) {
  std::vector<TopologyNode> nodes;
  const char* siteNames[] = {"north gate", "east yard", "plant 2"};
  for (int i = 0; i < devices; ++i) {
    TopologyNode n;
    n.name = std::string(i % 2 ? "cam-" : "plc-") + std::to_string(i + 1);
    n.group = sites ? siteNames[i % 3] : "";
    n.delay_ms =
        i % 11 == 5 ? -1 : 40 + 60 * std::abs(std::sin(i * 0.77)) + (i % 13 == 2 ? 120 : 0);
    n.online = i % 17 != 9;
    nodes.push_back(n);
  }
  return nodes;
}

// A dark palette like Fusion's dark scheme: checks that nothing keeps light-theme colours.
inline QPalette darkPalette() {
  QPalette p;
  p.setColor(QPalette::Window, QColor(45, 45, 48));
  p.setColor(QPalette::WindowText, QColor(220, 220, 220));
  p.setColor(QPalette::Base, QColor(30, 30, 32));
  p.setColor(QPalette::AlternateBase, QColor(55, 55, 60));
  p.setColor(QPalette::Text, QColor(220, 220, 220));
  p.setColor(QPalette::Button, QColor(53, 53, 56));
  p.setColor(QPalette::ButtonText, QColor(220, 220, 220));
  p.setColor(QPalette::Mid, QColor(90, 90, 95));
  p.setColor(QPalette::Highlight, QColor(42, 130, 218));
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::ToolTipBase, QColor(60, 60, 64));
  p.setColor(QPalette::ToolTipText, QColor(230, 230, 230));
  return p;
}

inline QPalette lightPalette() {
  QPalette p;
  p.setColor(QPalette::Window, QColor(239, 239, 239));
  p.setColor(QPalette::WindowText, Qt::black);
  p.setColor(QPalette::Base, Qt::white);
  p.setColor(QPalette::AlternateBase, QColor(245, 245, 245));
  p.setColor(QPalette::Text, QColor(20, 20, 20));
  p.setColor(QPalette::Button, QColor(239, 239, 239));
  p.setColor(QPalette::ButtonText, Qt::black);
  p.setColor(QPalette::Mid, QColor(184, 184, 184));
  p.setColor(QPalette::Highlight, QColor(48, 140, 198));
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::ToolTipBase, QColor(255, 255, 220));
  p.setColor(QPalette::ToolTipText, Qt::black);
  return p;
}

}  // namespace cleave::studio::samples
