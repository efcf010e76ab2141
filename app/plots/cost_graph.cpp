#include "app/plots/cost_graph.h"

#include <qcustomplot.h>

#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "app/plots/plot_style.h"

namespace cleave::studio {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Cut c sits between layer c (bar at x = c) and layer c + 1 (bar at x = c + 1).
double cutX(int cut) {
  return cut + 0.5;
}
// How close (pixels) the mouse must be to the line for the split cursor.
constexpr double kGrabPixels = 8.0;

QString ms(double v) {
  return QString::number(v, 'f', 1);
}

}  // namespace

CostGraph::CostGraph(QWidget* parent) : QWidget(parent) {
  setFocusPolicy(Qt::StrongFocus);
  setMinimumSize(360, 240);
  m_plot = new QCustomPlot(this);
  m_plot->setFocusPolicy(Qt::NoFocus);
  m_plot->setMouseTracking(true);
  m_status = new QLabel(this);
  m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_status->setWordWrap(true);
  m_status->setContentsMargins(6, 0, 6, 4);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  layout->addWidget(m_plot, 1);
  layout->addWidget(m_status);

  // Two stacked axes sharing x: the step time and bytes of every cut on top (they differ from the
  // per-layer times by orders of magnitude), the per-layer bars below with the layer names.
  m_top = m_plot->axisRect();
  m_layers = new QCPAxisRect(m_plot);
  m_plot->plotLayout()->addElement(1, 0, m_layers);
  m_layers->setLayer(QStringLiteral("background"));  // as the default rect: under grid and bands
  m_plot->plotLayout()->setRowStretchFactor(0, 3);
  m_plot->plotLayout()->setRowStretchFactor(1, 2);
  auto* margins = new QCPMarginGroup(m_plot);
  m_top->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
  m_layers->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
  m_layers->setupFullAxesBox(false);
  m_layers->axis(QCPAxis::atTop)->setVisible(false);
  m_layers->axis(QCPAxis::atRight)->setVisible(false);
  m_layersX = m_layers->axis(QCPAxis::atBottom);
  m_layersY = m_layers->axis(QCPAxis::atLeft);
  m_layersX->setLabel(tr("layer"));
  m_layersX->grid()->setVisible(false);
  m_layersY->setLabel(tr("per layer (ms)"));

  m_plot->xAxis->setTickLabels(false);
  m_plot->xAxis->grid()->setVisible(false);
  m_plot->yAxis->setLabel(tr("step time (ms)"));
  m_plot->yAxis2->setVisible(true);
  m_plot->yAxis2->setLabel(tr("bytes per step"));
  m_plot->yAxis2->setScaleType(QCPAxis::stLogarithmic);
  m_plot->yAxis2->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  m_plot->yAxis2->setNumberFormat("eb");
  m_plot->yAxis2->setNumberPrecision(0);
  m_plot->xAxis2->setVisible(true);
  m_plot->xAxis2->setLabel(tr("cut (drag the line: layers left of it run on the edge)"));

  m_edgeBars = new QCPBars(m_layersX, m_layersY);
  m_edgeBars->setName(tr("layer on the edge (ms)"));
  m_cloudBars = new QCPBars(m_layersX, m_layersY);
  m_cloudBars->setName(tr("layer on the cloud (ms)"));
  auto* group = new QCPBarsGroup(m_plot);
  m_edgeBars->setWidth(0.34);
  m_cloudBars->setWidth(0.34);
  m_edgeBars->setBarsGroup(group);
  m_cloudBars->setBarsGroup(group);
  group->setSpacing(0);

  m_bytes = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
  m_bytes->setName(tr("bytes per step at the cut"));
  m_round = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis);
  m_round->setName(tr("predicted step time at the cut (ms)"));
  m_infeasible = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis);
  m_infeasible->setName(tr("cut not feasible"));
  m_infeasible->setLineStyle(QCPGraph::lsNone);
  m_best = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis);
  m_best->setName(tr("fastest cut"));
  m_best->setLineStyle(QCPGraph::lsNone);

  // The split line runs through both axes.
  for (QCPAxisRect* rect : {m_top, m_layers}) {
    auto* line = new QCPItemStraightLine(m_plot);
    line->setSelectable(false);
    line->setVisible(false);
    line->setClipAxisRect(rect);
    line->point1->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    line->point2->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    m_lines << line;
  }
  m_line = m_lines.first();
  m_dragLabel = new QCPItemText(m_plot);
  m_dragLabel->setSelectable(false);
  m_dragLabel->setVisible(false);
  m_dragLabel->position->setTypeX(QCPItemPosition::ptPlotCoords);
  m_dragLabel->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
  m_dragLabel->setPadding(QMargins(6, 3, 6, 3));
  m_dragLabel->setLayer(QStringLiteral("overlay"));
  m_bestLabel = new QCPItemText(m_plot);
  m_bestLabel->setSelectable(false);
  m_bestLabel->setVisible(false);
  m_bestLabel->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
  m_bestLabel->setPadding(QMargins(3, 1, 3, 1));

  // The legend sits in its own row under the axes so it never covers a bar.
  auto* legendRow = new QCPLayoutGrid;
  m_plot->plotLayout()->addElement(2, 0, legendRow);
  m_top->insetLayout()->take(m_plot->legend);
  legendRow->addElement(0, 0, m_plot->legend);
  legendRow->setMargins(QMargins(4, 0, 4, 4));
  m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
  m_plot->legend->setWrap(3);
  m_plot->legend->setVisible(true);
  m_plot->plotLayout()->setRowStretchFactor(2, 0.001);

  connect(m_plot, &QCustomPlot::mousePress, this, &CostGraph::onMousePress);
  connect(m_plot, &QCustomPlot::mouseMove, this, &CostGraph::onMouseMove);
  connect(m_plot, &QCustomPlot::mouseRelease, this, &CostGraph::onMouseRelease);

  applyPalette();
  rebuild();
}

void CostGraph::setData(const CostGraphData& data) {
  const size_t layers = data.layer_names.size();
  auto check = [](bool ok, const char* what) {
    if (!ok) throw std::invalid_argument(std::string("CostGraph::setData: ") + what);
  };
  check(data.edge_ms.size() == layers, "edge_ms must have one value per layer");
  check(data.cloud_ms.size() == layers, "cloud_ms must have one value per layer");
  check(layers == 0 || data.cut_bytes.size() == layers + 1,
        "cut_bytes must have one value per cut (layers + 1)");
  check(layers == 0 || data.per_cut.size() == layers + 1,
        "per_cut must have one prediction per cut (layers + 1)");
  const int cuts = layers == 0 ? 0 : static_cast<int>(layers) + 1;
  check(data.current_cut >= -1 && data.current_cut < cuts, "current_cut out of range");
  check(data.best_cut >= -1 && data.best_cut < cuts, "best_cut out of range");
  m_data = data;
  m_dragging = false;
  m_cut = data.current_cut;
  rebuild();
}

void CostGraph::setCurrentCut(int cut) {
  const int cuts = m_data.per_cut.empty() ? 0 : static_cast<int>(m_data.per_cut.size());
  if (cut < -1 || cut >= cuts)
    throw std::out_of_range("CostGraph::setCurrentCut: cut " + std::to_string(cut) +
                            " outside -1.." + std::to_string(cuts - 1));
  m_dragging = false;
  m_dragLabel->setVisible(false);
  moveLine(cut);
}

int CostGraph::nearestFeasibleCut(double cutPosition) const {
  int best = -1;
  double bestDistance = std::numeric_limits<double>::infinity();
  for (size_t c = 0; c < m_data.per_cut.size(); ++c) {
    if (!m_data.per_cut[c].feasible) continue;
    const double d = std::abs(static_cast<double>(c) - cutPosition);
    if (d < bestDistance) {
      bestDistance = d;
      best = static_cast<int>(c);
    }
  }
  return best;
}

int CostGraph::cutToWidgetX(int cut) const {
  const double px = m_plot->xAxis->coordToPixel(cutX(cut));
  return m_plot->mapTo(this, QPoint(static_cast<int>(std::lround(px)), 0)).x();
}

QString CostGraph::predictionText(int cut) const {
  if (cut < 0 || cut >= static_cast<int>(m_data.per_cut.size())) return {};
  const CutPrediction& p = m_data.per_cut[static_cast<size_t>(cut)];
  return tr("edge %1 ms · up %2 · cloud %3 · down %4 = %5 ms")
      .arg(ms(p.edge_ms), ms(p.up_ms), ms(p.cloud_ms), ms(p.down_ms), ms(p.total()));
}

int CostGraph::snapAtPixel(double pixelX) const {
  return nearestFeasibleCut(m_plot->xAxis->pixelToCoord(pixelX) - 0.5);
}

void CostGraph::onMousePress(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton || m_data.per_cut.empty()) return;
  const QPoint pos = event->position().toPoint();
  if (!m_top->rect().contains(pos) && !m_layers->rect().contains(pos)) return;
  setFocus(Qt::MouseFocusReason);
  const int cut = snapAtPixel(event->position().x());
  if (cut < 0) return;  // nothing feasible: there is no split to drag
  m_dragging = true;
  m_pressCut = m_cut;
  const bool changed = cut != m_cut;
  moveLine(cut);
  if (changed) emit splitDragged(cut);
}

void CostGraph::onMouseMove(QMouseEvent* event) {
  if (!m_dragging) {
    const bool near =
        m_cut >= 0 && m_line->visible() &&
        std::abs(m_plot->xAxis->coordToPixel(cutX(m_cut)) - event->position().x()) <= kGrabPixels;
    m_plot->setCursor(near ? Qt::SplitHCursor : Qt::ArrowCursor);
    return;
  }
  const int cut = snapAtPixel(event->position().x());
  if (cut < 0 || cut == m_cut) return;
  moveLine(cut);
  emit splitDragged(cut);
}

void CostGraph::onMouseRelease(QMouseEvent* event) {
  if (!m_dragging || event->button() != Qt::LeftButton) return;
  m_dragging = false;
  m_dragLabel->setVisible(false);
  // m_cut only ever holds a snapped feasible cut during a drag.
  moveLine(m_cut);
  emit splitReleased(m_cut);
}

void CostGraph::keyPressEvent(QKeyEvent* event) {
  const int step = event->key() == Qt::Key_Left ? -1 : event->key() == Qt::Key_Right ? 1 : 0;
  if (step == 0 || m_data.per_cut.empty() || m_dragging) {
    QWidget::keyPressEvent(event);
    return;
  }
  int from = m_cut;
  if (from < 0) from = step > 0 ? -1 : static_cast<int>(m_data.per_cut.size());
  for (int c = from + step; c >= 0 && c < static_cast<int>(m_data.per_cut.size()); c += step) {
    if (!m_data.per_cut[static_cast<size_t>(c)].feasible) continue;
    moveLine(c);
    emit splitReleased(c);
    break;
  }
  event->accept();
}

void CostGraph::changeEvent(QEvent* event) {
  if (event->type() == QEvent::PaletteChange) {
    applyPalette();
    rebuild();
  }
  QWidget::changeEvent(event);
}

void CostGraph::moveLine(int cut) {
  m_cut = cut;
  const bool show = cut >= 0 && !m_data.per_cut.empty();
  for (QCPItemStraightLine* line : m_lines) {
    line->setVisible(show);
    line->point1->setCoords(cutX(std::max(cut, 0)), 0);
    line->point2->setCoords(cutX(std::max(cut, 0)), 1);
  }
  if (show) {
    const int layers = static_cast<int>(m_data.layer_names.size());
    m_dragLabel->setVisible(m_dragging);
    m_dragLabel->setText(tr("cut %1").arg(cut) + QStringLiteral("\n") + predictionText(cut));
    m_dragLabel->position->setCoords(cutX(cut), 0.02);
    // Keep the label inside the axes: it opens towards the wider side of the line.
    m_dragLabel->setPositionAlignment(Qt::AlignTop |
                                      (cut * 2 > layers ? Qt::AlignRight : Qt::AlignLeft));
  } else {
    m_dragLabel->setVisible(false);
  }
  updateStatus();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void CostGraph::updateStatus() {
  if (m_cut < 0 || m_data.per_cut.empty()) {
    m_status->setText(m_data.per_cut.empty() ? tr("No cost data for this device yet.")
                                             : tr("No split selected."));
    return;
  }
  const int layers = static_cast<int>(m_data.layer_names.size());
  QString where;
  if (m_cut == 0)
    where = tr("all layers on the cloud");
  else if (m_cut == layers)
    where = tr("all layers on the edge");
  else
    where = tr("layers 1–%1 on the edge, %2–%3 on the cloud").arg(m_cut).arg(m_cut + 1).arg(layers);
  const double bytes = m_data.cut_bytes[static_cast<size_t>(m_cut)];
  m_status->setText(tr("Cut %1 (%2): %3 · %4 over the link per step")
                        .arg(m_cut)
                        .arg(where, predictionText(m_cut),
                             QLocale().formattedDataSize(static_cast<qint64>(bytes))));
}

void CostGraph::applyPalette() {
  const QPalette pal = palette();
  plotstyle::applyPalette(m_plot, pal);
  const QColor edge = plotstyle::phaseColor(plotstyle::Phase::Edge, pal);
  const QColor cloud = plotstyle::phaseColor(plotstyle::Phase::Cloud, pal);
  m_edgeBars->setPen(QPen(edge.darker(120)));
  m_edgeBars->setBrush(edge);
  m_cloudBars->setPen(QPen(cloud.darker(120)));
  m_cloudBars->setBrush(cloud);
  const QColor bytes = plotstyle::phaseColor(plotstyle::Phase::Up, pal);
  m_bytes->setPen(QPen(bytes, 1.5, Qt::DashLine));
  m_bytes->setScatterStyle(
      QCPScatterStyle(QCPScatterStyle::ssCircle, bytes, pal.color(QPalette::Base), 5));
  const QColor text = pal.color(QPalette::Text);
  m_round->setPen(QPen(text, 2));
  m_round->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, text, 5));
  const QColor grey = plotstyle::offlineColor(pal);
  m_infeasible->setPen(QPen(grey, 2));
  m_infeasible->setScatterStyle(
      QCPScatterStyle(QCPScatterStyle::ssCross, QPen(grey, 2), Qt::NoBrush, 9));
  const QColor star(0xEDC948);
  m_best->setPen(QPen(star));
  m_best->setScatterStyle(
      QCPScatterStyle(QCPScatterStyle::ssStar, QPen(star.darker(150), 1.5), star, 16));
  const QColor accent = pal.color(QPalette::Highlight);
  for (QCPItemStraightLine* line : m_lines)
    line->setPen(QPen(accent, 2.5));
  m_dragLabel->setColor(pal.color(QPalette::ToolTipText));
  m_dragLabel->setBrush(pal.brush(QPalette::ToolTipBase));
  m_dragLabel->setPen(QPen(accent));
  m_bestLabel->setColor(text);
  QColor labelBg = pal.color(QPalette::Base);
  labelBg.setAlpha(200);
  m_bestLabel->setBrush(labelBg);
  QColor band = grey;
  band.setAlpha(70);
  for (QCPItemRect* rect : m_bands) {
    rect->setPen(Qt::NoPen);
    rect->setBrush(band);
  }
}

void CostGraph::rebuild() {
  for (QCPItemRect* rect : m_bands)
    m_plot->removeItem(rect);
  m_bands.clear();

  const int layers = static_cast<int>(m_data.layer_names.size());
  QVector<double> layerX, edge, cloud;
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  for (int i = 0; i < layers; ++i) {
    layerX << i + 1;
    edge << m_data.edge_ms[static_cast<size_t>(i)];
    cloud << m_data.cloud_ms[static_cast<size_t>(i)];
    ticker->addTick(i + 1, QString::fromStdString(m_data.layer_names[static_cast<size_t>(i)]));
  }
  m_layersX->setTicker(ticker);
  m_layersX->setTickLabelRotation(layers > 8 ? 45 : 0);
  // Same tick positions on the top axes so the grid columns line up, without names.
  m_plot->xAxis->setTicker(ticker);
  m_edgeBars->setData(layerX, edge, true);
  m_cloudBars->setData(layerX, cloud, true);

  auto cutTicker = QSharedPointer<QCPAxisTickerText>::create();
  QVector<double> cutXs, bytes, round, badX, badY;
  double maxMs = 0, maxLayerMs = 0;
  for (double v : edge)
    maxLayerMs = std::max(maxLayerMs, v);
  for (double v : cloud)
    maxLayerMs = std::max(maxLayerMs, v);
  double minBytes = std::numeric_limits<double>::infinity(), maxBytes = 0;
  const int cuts = layers == 0 ? 0 : layers + 1;
  for (int c = 0; c < cuts; ++c) {
    const CutPrediction& p = m_data.per_cut[static_cast<size_t>(c)];
    const double b = m_data.cut_bytes[static_cast<size_t>(c)];
    cutXs << cutX(c);
    // A log axis cannot show 0 bytes; leave a gap instead of a fake value.
    bytes << (b > 0 ? b : kNaN);
    if (b > 0) {
      minBytes = std::min(minBytes, b);
      maxBytes = std::max(maxBytes, b);
    }
    round << (p.feasible ? p.total() : kNaN);
    if (!p.feasible) {
      badX << cutX(c);
      badY << p.total();
      // Grey the cut's column through both axes.
      for (QCPAxisRect* axes : {m_top, m_layers}) {
        auto* rect = new QCPItemRect(m_plot);
        rect->setSelectable(false);
        rect->setLayer(QStringLiteral("grid"));
        rect->setClipAxisRect(axes);
        for (QCPItemPosition* corner : {rect->topLeft, rect->bottomRight}) {
          corner->setAxes(axes->axis(QCPAxis::atBottom), axes->axis(QCPAxis::atLeft));
          corner->setAxisRect(axes);
          corner->setTypeX(QCPItemPosition::ptPlotCoords);
          corner->setTypeY(QCPItemPosition::ptAxisRectRatio);
        }
        rect->topLeft->setCoords(cutX(c) - 0.16, 0);
        rect->bottomRight->setCoords(cutX(c) + 0.16, 1);
        m_bands << rect;
      }
    }
    maxMs = std::max(maxMs, p.total());
    cutTicker->addTick(cutX(c), QString::number(c));
  }
  m_plot->xAxis2->setTicker(cutTicker);
  m_bytes->setData(cutXs, bytes, true);
  m_round->setData(cutXs, round, true);
  m_infeasible->setData(badX, badY, true);
  m_infeasible->removeFromLegend();
  if (!badX.isEmpty()) m_infeasible->addToLegend();

  int best = m_data.best_cut;
  if (best < 0 && cuts > 0) {
    // No optimum from the controller: the fastest feasible cut of the curve drawn.
    for (int c = 0; c < cuts; ++c) {
      const CutPrediction& p = m_data.per_cut[static_cast<size_t>(c)];
      if (p.feasible && (best < 0 || p.total() < m_data.per_cut[static_cast<size_t>(best)].total()))
        best = c;
    }
  }
  m_best->data()->clear();
  m_bestLabel->setVisible(best >= 0);
  if (best >= 0) {
    const double t = m_data.per_cut[static_cast<size_t>(best)].total();
    m_best->addData(cutX(best), t);
    m_bestLabel->position->setCoords(cutX(best), t);
    m_bestLabel->setText(tr("fastest: cut %1 · %2 ms").arg(best).arg(ms(t)));
  }

  m_plot->xAxis->setRange(0, layers + 1);
  m_plot->xAxis2->setRange(0, layers + 1);
  m_layersX->setRange(0, layers + 1);
  // Head-room above the tallest curve point for the optimum's label.
  m_plot->yAxis->setRange(0, maxMs > 0 ? maxMs * 1.15 : 1);
  m_layersY->setRange(0, maxLayerMs > 0 ? maxLayerMs * 1.1 : 1);
  if (maxBytes > 0)
    m_plot->yAxis2->setRange(minBytes / 2, maxBytes * 4);
  else
    m_plot->yAxis2->setRange(1, 1e6);

  applyPalette();
  moveLine(m_cut);
}

}  // namespace cleave::studio
