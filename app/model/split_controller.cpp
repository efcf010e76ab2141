#include "app/model/split_controller.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/compress/codec.h"
#include "core/plan/step_model.h"

namespace cleave::studio {

namespace {

constexpr int kDebounceMs = 100;  // device/round bursts recompute once
constexpr int kDefaultBatch = 32;

double layerCloudMs(const LayerCost& layer, int batch, const CloudProfile& cloud) {
  // Forward + backward ~ 3 x forward FLOPs, as StepModel counts it.
  return 3.0 * static_cast<double>(layer.flops) * batch / cloud.flops_per_s * cloud.load * 1e3;
}

}  // namespace

CostGraphResult computeCostGraph(const CostGraphInput& in) {
  CostGraphResult result;
  CostGraphData& g = result.data;
  const int layers = static_cast<int>(in.table.layers.size());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const LayerCost& l : in.table.layers) {
    g.layer_names.push_back(l.name);
    g.cloud_ms.push_back(in.cloud.flops_per_s > 0 ? layerCloudMs(l, in.batch, in.cloud) : nan);
  }
  g.edge_ms.assign(static_cast<size_t>(layers), nan);
  g.cut_bytes.assign(static_cast<size_t>(layers) + 1, 0.0);
  g.per_cut.assign(static_cast<size_t>(layers) + 1, CutPrediction{0, 0, 0, 0, false});
  if (layers == 0) return result;
  g.current_cut = in.current_cut >= 0 && in.current_cut <= layers ? in.current_cut : -1;

  std::optional<StepModel> model;
  try {
    model.emplace(in.table, in.cloud, in.batch, in.wire_bytes_per_value);
  } catch (const std::exception& e) {
    result.problems << QString::fromStdString(e.what());
    return result;
  }
  std::vector<double> edge_sum(static_cast<size_t>(layers), 0.0);
  int bound = 0;
  for (const DeviceProfile& device : in.devices) {
    try {
      model->setDevice(device);
    } catch (const std::exception& e) {
      result.problems << QString::fromStdString(e.what());
      continue;
    }
    for (int i = 0; i < layers; ++i) {
      const auto at = static_cast<size_t>(i);
      edge_sum[at] += device.layer_ms.size() == static_cast<size_t>(layers)
                          ? device.layer_ms[at] * in.batch / std::max(1, device.profile_batch)
                          : 3.0 * static_cast<double>(in.table.layers[at].flops) * in.batch /
                                device.flops_per_s * 1e3;
    }
    for (int c = 0; c < layers; ++c) {  // StepModel cuts: 0 .. L-1 (the cloud keeps the last)
      const PhaseTimes p = model->phases(c);
      const bool fits = model->fitsMemory(c);
      CutPrediction& slot = g.per_cut[static_cast<size_t>(c)];
      // The fleet's round at a cut is as slow as its slowest device there.
      if (bound == 0 || p.total() > slot.total()) {
        const bool feasible = (bound == 0 || slot.feasible) && fits;
        slot = {p.edge_ms, p.up_ms, p.cloud_ms, p.down_ms, feasible};
      } else {
        slot.feasible = slot.feasible && fits;
      }
      g.cut_bytes[static_cast<size_t>(c)] = static_cast<double>(model->upBytes(c));
    }
    ++bound;
  }
  if (bound > 0) {
    for (int i = 0; i < layers; ++i)
      g.edge_ms[static_cast<size_t>(i)] = edge_sum[static_cast<size_t>(i)] / bound;
  }
  // Cut L would leave the cloud nothing to compute the loss with: drawn, never feasible.
  const LayerCost& last = in.table.layers.back();
  g.cut_bytes[static_cast<size_t>(layers)] =
      static_cast<double>(last.activation_bytes) * in.batch * in.wire_bytes_per_value / 4.0;
  g.per_cut[static_cast<size_t>(layers)].feasible = false;
  double best = std::numeric_limits<double>::infinity();
  for (int c = 0; c < layers && bound > 0; ++c) {
    const CutPrediction& p = g.per_cut[static_cast<size_t>(c)];
    if (p.feasible && p.total() < best) {
      best = p.total();
      g.best_cut = c;
    }
  }
  return result;
}

SplitController::SplitController(const SessionState* state, QObject* parent)
    : QObject(parent), m_state(state) {
  qRegisterMetaType<net::Command>("cleave::net::Command");
  m_debounce.setSingleShot(true);
  m_debounce.setInterval(kDebounceMs);
  connect(&m_debounce, &QTimer::timeout, this, &SplitController::recompute);
  auto later = [this] { m_debounce.start(); };
  connect(state, &SessionState::sessionChanged, this, later);
  connect(state, &SessionState::devicesChanged, this, later);
  connect(state, &SessionState::roundsChanged, this, later);
  connect(state, &SessionState::stateReset, this, [this] {
    m_cloudFlops = kAssumedCloudFlopsPerS;
    m_cloudMeasured = false;
    recompute();
  });
}

SplitController::~SplitController() = default;

void SplitController::setSelectedDevice(const QString& device) {
  m_device = device;
  recompute();
}

void SplitController::calibrateCloud(const CostTable& table, int batch) {
  // Cloud throughput from the newest round with measured cloud time: FLOPs it ran / time it took.
  for (auto it = m_state->rounds().rbegin(); it != m_state->rounds().rend(); ++it) {
    double flops = 0, seconds = 0;
    for (const auto& [name, p] : it->second.phases) {
      int cut = p.cut;
      if (cut < 0) {
        const auto plan = it->second.plan.find(name);
        cut = plan == it->second.plan.end() ? -1 : plan->second.cut;
      }
      if (cut < 0 || p.steps <= 0 || p.cloud_ms <= 0) continue;
      double layer_flops = 0;
      for (size_t i = static_cast<size_t>(cut); i < table.layers.size(); ++i)
        layer_flops += static_cast<double>(table.layers[i].flops);
      flops += 3.0 * layer_flops * batch * p.steps;
      seconds += p.cloud_ms / 1e3;
    }
    if (flops > 0 && seconds > 0) {
      m_cloudFlops = flops / seconds;
      m_cloudMeasured = true;
      return;
    }
  }
}

std::optional<CostGraphInput> SplitController::buildInput(QStringList& problems) {
  const SessionInfoState& s = m_state->session();
  if (!s.spec) {
    problems << (s.spec_error.isEmpty()
                     ? tr("the session has not named its model yet")
                     : tr("the session's model spec is unusable: %1").arg(s.spec_error));
    return std::nullopt;
  }
  if (s.spec_json != m_specJson) {
    m_table = computeCosts(*s.spec);
    m_specJson = s.spec_json;
  }
  CostGraphInput in;
  in.table = m_table;
  in.batch = s.settings.batch > 0 ? s.settings.batch : kDefaultBatch;
  if (s.settings.batch <= 0)
    problems << tr("batch %1 assumed (the session did not say)").arg(kDefaultBatch);
  in.wire_bytes_per_value = 4;
  if (const auto codec = codecFromName(s.settings.codec.toStdString())) {
    in.wire_bytes_per_value = wireBytesPerValue(*codec);
  }
  calibrateCloud(m_table, in.batch);
  in.cloud = CloudProfile{m_cloudFlops, 1.0};
  if (!m_cloudMeasured) {
    problems << tr("cloud speed %1 GFLOP/s assumed until a round measures it")
                    .arg(kAssumedCloudFlopsPerS / 1e9);
  }
  auto profileOf = [&](const DeviceState& d) {
    DeviceProfile p;
    p.name = d.name.toStdString();
    p.role = d.role.toStdString();
    p.layer_ms = d.layer_ms;
    p.profile_batch = std::max(1, d.profile_batch);
    p.memory_bytes = d.memory_bytes;
    if (d.link) {
      p.link = *d.link;
    } else {
      p.link = {kAssumedLinkMbps, kAssumedLinkMbps, kAssumedLatencyMs, 0, 0};
      problems << tr("%1: link unknown, %2 Mbit/s assumed").arg(d.name).arg(kAssumedLinkMbps);
    }
    return p;
  };
  for (const QString& name : m_state->deviceOrder()) {
    const DeviceState* d = m_state->device(name);
    if (!d || d->pending || d->role == QLatin1String("operator")) continue;
    if (!m_device.isEmpty() && name != m_device) continue;
    if (d->layer_ms.size() != m_table.layers.size()) {
      problems << tr("%1: no measured layer profile yet").arg(name);
      continue;
    }
    in.devices.push_back(profileOf(*d));
  }
  in.current_cut = appliedCut();
  return in;
}

void SplitController::recompute() {
  m_debounce.stop();
  QStringList problems;
  std::optional<CostGraphInput> in = buildInput(problems);
  const quint64 job = ++m_job;
  if (!in) {
    publish(CostGraphResult{}, problems);
    return;
  }
  if (static_cast<int>(in->devices.size()) <= m_asyncThreshold) {
    publish(computeCostGraph(*in), problems);
    return;
  }
  QPointer<SplitController> self(this);
  QThreadPool::globalInstance()->start([self, job, problems, input = std::move(*in)] {
    CostGraphResult result = computeCostGraph(input);
    // Posted to the application object (it outlives this controller); `self` is checked on the
    // GUI thread, where the controller is deleted, so a late result never reaches a dead object.
    QMetaObject::invokeMethod(
        QCoreApplication::instance(),
        [self, job, problems, result = std::move(result)]() mutable {
          if (self && job == self->m_job) self->publish(std::move(result), problems);
        },
        Qt::QueuedConnection);
  });
}

void SplitController::publish(CostGraphResult result, const QStringList& problems) {
  m_graph = std::move(result.data);
  QStringList all = problems;
  all += result.problems;
  m_basis = all.join(QStringLiteral("; "));
  emit graphChanged(m_graph);
}

QString SplitController::appliedMode() const {
  const SessionInfoState& s = m_state->session();
  if (!m_device.isEmpty()) {
    const auto it = s.device_splits.find(m_device);
    if (it != s.device_splits.end()) return it->second.first;
  }
  return s.split_mode;
}

int SplitController::appliedCut() const {
  if (!m_device.isEmpty()) {
    if (const DeviceState* d = m_state->device(m_device); d && d->cut >= 0) return d->cut;
  }
  const SessionInfoState& s = m_state->session();
  if (s.split_cut >= 0) return s.split_cut;
  // "All" in an automatic mode: the newest plan's cut when every device has the same one.
  int common = -1;
  for (const QString& name : m_state->deviceOrder()) {
    const DeviceState* d = m_state->device(name);
    if (!d || d->cut < 0) continue;
    if (common >= 0 && common != d->cut) return -1;
    common = d->cut;
  }
  return common;
}

CutPrediction SplitController::dragTo(int cut) {
  if (m_graph.per_cut.empty()) return CutPrediction{0, 0, 0, 0, false};
  cut = std::clamp(cut, 0, static_cast<int>(m_graph.per_cut.size()) - 1);
  const CutPrediction p = m_graph.per_cut[static_cast<size_t>(cut)];
  emit predictionChanged(cut, p);
  return p;
}

bool SplitController::apply(int cut, bool all_devices) {
  const int layers = static_cast<int>(m_graph.layer_names.size());
  if (layers == 0) {
    emit refused(tr("no model to split yet"));
    return false;
  }
  if (cut < 0 || cut > layers - 1) {
    emit refused(tr("cut %1 is not valid: 0 to %2 (the cloud keeps at least the last layer)")
                     .arg(cut)
                     .arg(layers - 1));
    return false;
  }
  bool feasible = m_graph.per_cut[static_cast<size_t>(cut)].feasible;
  if (all_devices && !m_device.isEmpty()) {  // the graph shows one device; check the fleet
    const QString selected = m_device;
    m_device.clear();
    QStringList ignored;
    const std::optional<CostGraphInput> in = buildInput(ignored);
    m_device = selected;
    feasible = in && computeCostGraph(*in).data.per_cut[static_cast<size_t>(cut)].feasible;
  }
  if (!feasible) {
    emit refused(tr("cut %1 does not fit the memory of %2")
                     .arg(cut)
                     .arg(m_device.isEmpty() || all_devices ? tr("every device") : m_device));
    return false;
  }
  net::Command command;
  command.kind = net::CommandKind::SetSplit;
  command.device = all_devices ? std::string() : m_device.toStdString();
  command.split_mode = net::SplitMode::Manual;
  command.cut = cut;
  emit commandRequested(command);
  return true;
}

bool SplitController::applyMode(net::SplitMode mode, bool all_devices) {
  if (mode == net::SplitMode::Manual) {
    emit refused(tr("a manual split needs a cut: drag the split line"));
    return false;
  }
  net::Command command;
  command.kind = net::CommandKind::SetSplit;
  command.device = all_devices ? std::string() : m_device.toStdString();
  command.split_mode = mode;
  command.cut = -1;
  emit commandRequested(command);
  return true;
}

}  // namespace cleave::studio
