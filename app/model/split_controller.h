// Owns the split decision on the Model page: for the selected device (or the whole fleet) it builds
// the cost graph (per-layer edge/cloud ms, bytes per cut, predicted step time at every cut, from
// core/model costs and core/plan's StepModel with the device's measured layer_ms and link), answers
// dragTo(cut) with the predicted delay split, and turns apply()/applyMode() into a SetSplit
// command. GUI thread only; with a large fleet the graph is computed on a QThreadPool worker
// (jobs numbered, stale results dropped).
#pragma once

#include <QObject>
#include <QString>
#include <QTimer>
#include <atomic>
#include <optional>
#include <vector>

#include "app/model/session_state.h"
#include "app/plots/cost_graph_data.h"
#include "core/model/cost_model.h"
#include "core/net/message.h"
#include "core/plan/device_profile.h"

namespace cleave::studio {

// Everything one graph computation needs, by value (it may run on another thread).
struct CostGraphInput {
  CostTable table;
  CloudProfile cloud;
  int batch = 32;
  double wire_bytes_per_value = 4;
  std::vector<DeviceProfile> devices;  // one: that device; several: the fleet (slowest per cut)
  int current_cut = -1;
};

struct CostGraphResult {
  CostGraphData data;
  QStringList problems;  // devices left out and why (no profile, no link ...)
};

// Pure; callable from any thread.
CostGraphResult computeCostGraph(const CostGraphInput& input);

class SplitController : public QObject {
  Q_OBJECT
 public:
  // Until a round measures the cloud, its throughput is this stated assumption.
  static constexpr double kAssumedCloudFlopsPerS = 1e12;
  // A device without an emulated link is planned on this stated assumption (as the cloud does).
  static constexpr double kAssumedLinkMbps = 1000;
  static constexpr double kAssumedLatencyMs = 1;

  explicit SplitController(const SessionState* state, QObject* parent = nullptr);
  ~SplitController() override;

  // "" = all devices. Recomputes the graph.
  void setSelectedDevice(const QString& device);
  QString selectedDevice() const { return m_device; }
  // Above this many devices the graph is computed off the GUI thread (default 64).
  void setAsyncThreshold(int devices) { m_asyncThreshold = devices; }

  const CostGraphData& graph() const { return m_graph; }
  // What the predictions rest on, for a status line: assumptions and devices left out.
  QString basis() const { return m_basis; }
  double cloudFlopsPerS() const { return m_cloudFlops; }
  bool cloudMeasured() const { return m_cloudMeasured; }

  // The predicted split at `cut` (clamped to the graph's cuts); emits predictionChanged.
  CutPrediction dragTo(int cut);
  // Manual cut for the selected device, or every device when `all_devices` (or none selected).
  // Refuses (refused(reason), false) a cut outside 0..L-1 or one the target cannot hold.
  bool apply(int cut, bool all_devices);
  // Back to an automatic mode (Fastest or InStep) for the selected device or all.
  bool applyMode(net::SplitMode mode, bool all_devices);

  // The split as the session last reported it for the selected device: mode and cut.
  QString appliedMode() const;
  int appliedCut() const;

  void recompute();  // normally driven by the state's signals (debounced)

 signals:
  void graphChanged(const cleave::studio::CostGraphData& data);
  void predictionChanged(int cut, const cleave::studio::CutPrediction& prediction);
  void commandRequested(const cleave::net::Command& command);
  void refused(const QString& reason);

 private:
  std::optional<CostGraphInput> buildInput(QStringList& problems);
  void calibrateCloud(const CostTable& table, int batch);
  void publish(CostGraphResult result, const QStringList& problems);

  const SessionState* m_state;
  QString m_device;
  CostGraphData m_graph;
  QString m_basis;
  QTimer m_debounce;
  int m_asyncThreshold = 64;
  double m_cloudFlops = kAssumedCloudFlopsPerS;
  bool m_cloudMeasured = false;
  quint64 m_job = 0;  // newest job number; older results are dropped
  QString m_specJson;
  CostTable m_table;
};

}  // namespace cleave::studio

Q_DECLARE_METATYPE(cleave::net::Command)
