#include "app/shell/view_binder.h"

#include <QImage>
#include <QLabel>
#include <QTableView>
#include <nlohmann/json.hpp>

#include "app/model/fleet_model.h"
#include "app/model/layer_model.h"
#include "app/model/log_model.h"
#include "app/model/session_state.h"
#include "app/model/split_controller.h"
#include "app/plots/cost_graph.h"
#include "app/plots/frame_preview.h"
#include "app/plots/round_gantt.h"
#include "app/plots/time_series_plot.h"
#include "app/plots/topology_view.h"
#include "app/views/fleet_view.h"
#include "app/views/inference_view.h"
#include "app/views/link_editor.h"
#include "app/views/log_panel.h"
#include "app/views/model_view.h"
#include "app/views/round_controls.h"
#include "app/views/rounds_view.h"
#include "app/views/session_view.h"

namespace cleave::studio {

struct ViewBinder::Impl {
  Views views;
  SessionState state;
  FleetModel fleet{&state};
  LayerModel layers{&state};
  LogModel log{&state};
  SplitController split{&state};
  QString selected_device;  // for the link editor
  bool commands = false;
};

namespace {

// Fractions from the cloud are shown as percentages.
QVector<QPointF> percent(QVector<QPointF> points) {
  for (QPointF& p : points)
    p.setY(100.0 * p.y());
  return points;
}

// "exit2" -> 2: exits are named by the model spec, numbered at the end.
int trailingNumber(const QString& name) {
  qsizetype i = name.size();
  while (i > 0 && name[i - 1].isDigit())
    --i;
  return name.mid(i).toInt();
}

net::RoundSettings toWire(const RoundSettingsState& s) {
  net::RoundSettings w;
  w.rounds = uint32_t(std::max(0, s.rounds));
  w.steps = uint32_t(std::max(0, s.steps));
  w.batch = uint32_t(std::max(0, s.batch));
  w.learning_rate = s.lr;
  w.fedavg_every = uint32_t(std::max(0, s.fedavg_every));
  w.deadline_ms = s.deadline_ms;
  w.codec = s.codec == "fp16"   ? net::TensorCodec::Fp16
            : s.codec == "int8" ? net::TensorCodec::Int8
                                : net::TensorCodec::Fp32;
  return w;
}

}  // namespace

ViewBinder::ViewBinder(Views views, QObject* parent)
    : QObject(parent), m_impl(std::make_unique<Impl>()) {
  Impl& d = *m_impl;
  d.views = views;
  SessionState* state = &d.state;
  views.fleet->setFleetModel(&d.fleet);
  views.model->setLayerModel(&d.layers);
  views.log->setLogModel(&d.log);

  // Operator actions become commands; the cloud answers through the event stream.
  connect(views.fleet, &FleetView::commandRequested, this, &ViewBinder::commandRequested);
  connect(views.inference, &InferenceView::commandRequested, this, &ViewBinder::commandRequested);
  connect(views.rounds->controls(), &RoundControls::commandRequested, this,
          &ViewBinder::commandRequested);
  connect(&d.split, &SplitController::commandRequested, this, &ViewBinder::commandRequested);

  // Model page: the controller owns the split, the graph only reports drags.
  connect(views.model, &ModelView::deviceSelected, &d.split, &SplitController::setSelectedDevice);
  connect(views.model, &ModelView::splitDragged, this,
          [this](int cut) { m_impl->split.dragTo(cut); });
  connect(views.model, &ModelView::cutChosen, this,
          [this](int cut, bool all) { m_impl->split.apply(cut, all); });
  connect(views.model, &ModelView::fastestChosen, this, [this] {
    m_impl->split.applyMode(net::SplitMode::Fastest, m_impl->split.selectedDevice().isEmpty());
  });
  connect(views.model, &ModelView::inStepChosen, this, [this] {
    m_impl->split.applyMode(net::SplitMode::InStep, m_impl->split.selectedDevice().isEmpty());
  });
  connect(&d.split, &SplitController::refused, this,
          [this](const QString& reason) { logLocal("warning", reason); });
  connect(&d.split, &SplitController::graphChanged, this, [this] {
    const SplitController& split = m_impl->split;
    const CostGraphData& graph = split.graph();
    m_impl->views.model->setGraph(graph);
    m_impl->layers.setTimes(graph.edge_ms, graph.cloud_ms);  // the table shows what is drawn
    QString text = split.appliedCut() >= 0
                       ? tr("Applied: %1, cut %2").arg(split.appliedMode()).arg(split.appliedCut())
                       : tr("Applied: %1").arg(split.appliedMode());
    if (!split.basis().isEmpty()) text += QStringLiteral(" · ") + split.basis();
    m_impl->views.model->setPlanSummary(text);
  });

  connect(views.fleet, &FleetView::deviceSelected, this, [this](const QString& device) {
    m_impl->selected_device = device;
    if (const DeviceState* dev = m_impl->state.device(device); dev && dev->link) {
      m_impl->views.fleet->linkEditor()->showLink(device, *dev->link, dev->slowdown);
    }
  });
  connect(views.rounds, &RoundsView::roundChosen, this, [this](int round) {
    const auto& rounds = m_impl->state.rounds();
    const auto it = rounds.find(round);
    if (it == rounds.end()) return;
    std::vector<GanttRow> rows;
    for (const auto& [name, p] : it->second.phases) {
      rows.push_back(
          {name.toStdString(), p.edge_ms, p.up_ms, p.cloud_ms, p.down_ms, p.wait_ms, p.straggler});
    }
    m_impl->views.rounds->gantt()->setRound(round, std::move(rows));
  });

  connect(state, &SessionState::stateReset, this, [this] {
    for (TimeSeriesPlot* p : m_impl->views.rounds->plots())
      p->clear();
    m_impl->views.inference->exitRatePlot()->clear();
    m_impl->views.inference->latencyPlot()->clear();
    m_impl->views.inference->preview()->clear();
    m_impl->views.rounds->gantt()->setRound(-1, {});
    m_impl->views.rounds->setRoundRange(0, -1);
    m_impl->views.fleet->topology()->setNodes({});
    m_impl->views.fleet->setPending({});
  });
  connect(state, &SessionState::seriesAppended, this,
          [this](const QVector<SeriesAppend>& appended) {
            RoundsView* r = m_impl->views.rounds;
            InferenceView* inf = m_impl->views.inference;
            for (const SeriesAppend& a : appended) {
              switch (a.kind) {
                case SeriesKind::DelayPerDevice:
                  r->plot(RoundsView::Plot::Delay)->append(a.name, a.points);
                  break;
                case SeriesKind::JitterPerDevice:
                  r->plot(RoundsView::Plot::Jitter)->append(a.name, a.points);
                  break;
                case SeriesKind::AccuracyPerExit:
                  r->plot(RoundsView::Plot::Accuracy)->append(a.name, percent(a.points));
                  break;
                case SeriesKind::ExitRate:
                  if (a.name == "fleet") {
                    r->plot(RoundsView::Plot::ExitRate)
                        ->append(tr("fleet (test set)"), percent(a.points));
                  } else {
                    inf->exitRatePlot()->append(a.name, percent(a.points));
                    // exit_stats carry the latency too; plot it at the same instants.
                    if (const DeviceState* dev = m_impl->state.device(a.name);
                        dev && std::isfinite(dev->latency_ms)) {
                      QVector<QPointF> latency;
                      for (const QPointF& p : a.points)
                        latency.push_back({p.x(), dev->latency_ms});
                      inf->latencyPlot()->append(a.name, latency);
                    }
                  }
                  break;
                case SeriesKind::BytesPerRound:
                  r->plot(RoundsView::Plot::Bytes)->append(a.name, a.points);
                  break;
                case SeriesKind::StragglersPerRound:
                  r->plot(RoundsView::Plot::Stragglers)->append(a.name, a.points);
                  break;
              }
            }
          });
  connect(state, &SessionState::roundsChanged, this, [this] {
    const auto& rounds = m_impl->state.rounds();
    // The Gantt offers rounds that have timings: the running one has none until it closes.
    int first = -1, last = -1;
    for (const auto& [number, round] : rounds) {
      if (round.phases.empty()) continue;
      if (first < 0) first = number;
      last = number;
    }
    if (last < 0) return;
    m_impl->views.rounds->setRoundRange(first, last);
    const int shown = m_impl->views.rounds->shownRound();
    emit m_impl->views.rounds->roundChosen(shown);  // the shown round may have new phases
    emit summaryChanged(summary());
    m_impl->views.rounds->setStatus(summary());
    QVector<RoundSummary> closed;
    for (const auto& [number, round] : rounds) {
      if (round.end_us < 0) continue;  // still running
      closed.push_back(
          {number, std::isfinite(round.round_ms) ? round.round_ms : 0.0,
           round.evaluated && std::isfinite(round.accuracy_final) ? round.accuracy_final : -1.0,
           round.evaluated && std::isfinite(round.exit_rate) ? round.exit_rate : -1.0,
           int(round.completed.size() + round.stragglers.size()), round.stragglers,
           round.end_reason});
    }
    m_impl->views.session->setRounds(closed);
  });
  connect(state, &SessionState::devicesChanged, this, [this] {
    Impl& i = *m_impl;
    QStringList edge;
    QVector<PendingDevice> pending;
    std::vector<TopologyNode> nodes;
    for (const QString& name : i.state.deviceOrder()) {
      const DeviceState* dev = i.state.device(name);
      if (!dev) continue;
      if (dev->pending) {
        pending.push_back({dev->name, dev->fingerprint, dev->address});
        continue;
      }
      if (dev->role == "operator") continue;
      edge.push_back(name);
      const double delay = dev->last_phase && std::isfinite(dev->last_phase->round_ms)
                               ? dev->last_phase->round_ms
                               : -1.0;
      nodes.push_back({name.toStdString(), std::string(), delay,
                       dev->status != "offline" && dev->status != "rejected"});
    }
    i.views.fleet->setPending(pending);
    i.views.fleet->linkEditor()->setDevices(edge);
    i.views.model->setDevices(edge);
    i.views.inference->setDevices(edge);
    i.views.fleet->topology()->setNodes(std::move(nodes));
    if (const DeviceState* dev = i.state.device(i.selected_device); dev && dev->link) {
      i.views.fleet->linkEditor()->showLink(i.selected_device, *dev->link, dev->slowdown);
    }
    emit summaryChanged(summary());
  });
  connect(state, &SessionState::sessionChanged, this, [this] {
    const SessionInfoState& s = m_impl->state.session();
    m_impl->views.rounds->controls()->showSettings(toWire(s.settings));
    emit summaryChanged(summary());
  });
  connect(state, &SessionState::previewChanged, this, [this] {
    const auto& frame = m_impl->state.preview();
    if (!frame) return;
    QImage image;
    if (!image.loadFromData(frame->png)) return;  // a frame that does not decode is skipped
    FrameDecision decision;
    decision.cloud = frame->exit == "cloud" || frame->exit == "final";
    decision.exit = decision.cloud ? 0 : trailingNumber(frame->exit);
    decision.prediction = frame->prediction;
    decision.latency_ms = std::isfinite(frame->latency_ms) ? frame->latency_ms : 0;
    m_impl->views.inference->preview()->setFrame(image, decision);
    m_impl->views.inference->previewCaption()->setText(
        tr("%1 · %2").arg(frame->device, frame->label >= 0 ? tr("true class %1").arg(frame->label)
                                                           : tr("label unknown")));
  });
}

ViewBinder::~ViewBinder() = default;

void ViewBinder::applyEvents(const QVector<cleave::Event>& events) {
  m_impl->state.apply(events);
}

void ViewBinder::reset() {
  m_impl->state.reset();
}

void ViewBinder::setCommandsEnabled(bool enabled) {
  Impl& d = *m_impl;
  d.commands = enabled;
  d.views.fleet->setCommandsEnabled(enabled);
  d.views.model->setCommandsEnabled(enabled);
  d.views.rounds->controls()->setCommandsEnabled(enabled);
  d.views.inference->setCommandsEnabled(enabled);
}

QString ViewBinder::summary() const {
  const SessionState& s = m_impl->state;
  int online = 0;
  for (const auto& [name, dev] : s.devices())
    online += !dev.pending && dev.role != "operator" && dev.status != "offline";
  QString text = tr("%n device(s) online", "", online);
  const int latest = s.latestRound();
  if (latest >= 0) {
    const RoundState& r = s.rounds().at(latest);
    text += tr(" · round %1").arg(latest);
    if (s.session().settings.rounds > 0) text += tr(" of %1").arg(s.session().settings.rounds);
    if (r.evaluated && std::isfinite(r.accuracy_final)) {
      text += tr(" · accuracy %1%").arg(100 * r.accuracy_final, 0, 'f', 1);
    }
  }
  if (s.session().paused) text += tr(" · paused");
  if (s.session().ended) text += tr(" · session ended");
  return text;
}

QList<QPair<QString, QCustomPlot*>> ViewBinder::plots() const {
  const Views& v = m_impl->views;
  const char* names[] = {"delay", "jitter", "accuracy", "exit-rate", "bytes", "stragglers"};
  QList<QPair<QString, QCustomPlot*>> out;
  const auto rounds = v.rounds->plots();
  for (int i = 0; i < rounds.size(); ++i)
    out.push_back({names[i], rounds[i]->plot()});
  out.push_back({"round-gantt", v.rounds->gantt()->plot()});
  out.push_back({"cost-graph", v.model->graph()->plot()});
  out.push_back({"inference-exit-rate", v.inference->exitRatePlot()->plot()});
  out.push_back({"inference-latency", v.inference->latencyPlot()->plot()});
  return out;
}

void ViewBinder::logLocal(const QString& level, const QString& message) {
  // Through the same path as the cloud's log, so the panel and its filter treat them alike.
  const nlohmann::json data{{"level", level.toStdString()}, {"message", message.toStdString()}};
  m_impl->state.apply(
      {Event{m_impl->state.lastEventUs(), event_kind::kLog, -1, "studio", data.dump()}});
}

}  // namespace cleave::studio
