#include "app/plots/round_gantt.h"

#include <qcustomplot.h>

#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "app/plots/plot_style.h"

namespace cleave::studio {

namespace {
constexpr double kBarWidth = 0.72;
// Straggler labels beyond this many would only be noise on a 1,000-device round.
constexpr size_t kMaxStragglerLabels = 40;
}  // namespace

RoundGantt::RoundGantt(QWidget* parent) : QWidget(parent) {
  setMinimumSize(320, 180);
  m_plot = new QCustomPlot(this);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);

  m_plot->plotLayout()->insertRow(0);
  m_title = new QCPTextElement(m_plot, QString(),
                               QFont(font().family(), font().pointSize() + 1, QFont::Bold));
  m_plot->plotLayout()->addElement(0, 0, m_title);
  m_plot->xAxis->setLabel(tr("time in the round (ms)"));
  m_plot->yAxis->setRangeReversed(true);  // first device on top
  m_plot->yAxis->grid()->setVisible(false);
  m_plot->yAxis->setTickLength(0, 0);
  m_plot->yAxis->setSubTicks(false);

  const QString names[] = {tr("edge compute"), tr("uplink"), tr("cloud compute"), tr("downlink"),
                           tr("waiting")};
  QCPBars* below = nullptr;
  for (const QString& name : names) {
    auto* bars = new QCPBars(m_plot->yAxis, m_plot->xAxis);  // key axis vertical: horizontal bars
    bars->setName(name);
    bars->setWidth(kBarWidth);
    bars->setStackingGap(0);
    if (below) bars->moveAbove(below);
    below = bars;
    m_phases.push_back(bars);
  }
  // Stragglers: a red outline around the row when rows are tall; on thin rows (hundreds of
  // devices) a red marker at the end of the bar instead. This graph is both the legend key and
  // the markers.
  m_stragglerMarks = new QCPGraph(m_plot->yAxis, m_plot->xAxis);
  m_stragglerMarks->setName(tr("straggler"));
  m_stragglerMarks->setLineStyle(QCPGraph::lsNone);

  auto* legendRow = new QCPLayoutGrid;
  m_plot->plotLayout()->addElement(2, 0, legendRow);
  m_plot->axisRect()->insetLayout()->take(m_plot->legend);
  legendRow->addElement(0, 0, m_plot->legend);
  legendRow->setMargins(QMargins(4, 0, 4, 4));
  m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
  m_plot->legend->setVisible(true);
  m_plot->plotLayout()->setRowStretchFactor(2, 0.001);

  // Which rows get a name depends on the laid-out height of the axes.
  connect(m_plot, &QCustomPlot::afterLayout, this, [this] {
    if (m_plot->axisRect()->height() == m_tickHeight) return;
    updateDecorations();
    m_plot->replot(QCustomPlot::rpQueuedReplot);  // margins follow the new labels
  });
  connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return;
    const int row = rowAt(m_plot->mapTo(this, event->position().toPoint()));
    if (row >= 0)
      emit deviceClicked(QString::fromStdString(m_rows[static_cast<size_t>(row)].device));
  });
  applyPalette();
  rebuild();
}

void RoundGantt::setRound(int round, std::vector<GanttRow> rows) {
  for (const GanttRow& r : rows) {
    for (double v : {r.edge_ms, r.up_ms, r.cloud_ms, r.down_ms, r.wait_ms}) {
      if (!std::isfinite(v) || v < 0)
        throw std::invalid_argument("RoundGantt::setRound: device '" + r.device +
                                    "' has a negative or non-finite phase time");
    }
  }
  m_round = round;
  m_rows = std::move(rows);
  rebuild();
}

QPoint RoundGantt::rowCenter(int row) const {
  if (row < 0 || row >= static_cast<int>(m_rows.size())) return {};
  const GanttRow& r = m_rows[static_cast<size_t>(row)];
  const double x = m_plot->xAxis->coordToPixel(r.total() / 2);
  const double y = m_plot->yAxis->coordToPixel(row);
  return m_plot->mapTo(this, QPoint(static_cast<int>(x), static_cast<int>(y)));
}

int RoundGantt::rowAt(QPoint widgetPos) const {
  const QPoint p = m_plot->mapFrom(this, widgetPos);
  if (!m_plot->axisRect()->rect().contains(p)) return -1;
  const double y = m_plot->yAxis->pixelToCoord(p.y());
  const int row = static_cast<int>(std::lround(y));
  if (row < 0 || row >= static_cast<int>(m_rows.size())) return -1;
  return std::abs(y - row) <= 0.5 ? row : -1;
}

void RoundGantt::changeEvent(QEvent* event) {
  if (event->type() == QEvent::PaletteChange) {
    applyPalette();
    rebuild();
  }
  QWidget::changeEvent(event);
}

void RoundGantt::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  m_plot->replot(QCustomPlot::rpQueuedReplot);  // afterLayout adapts labels and marks
}

void RoundGantt::rebuild() {
  const int n = static_cast<int>(m_rows.size());
  QVector<double> keys;
  std::vector<QVector<double>> values(m_phases.size());
  double slowest = 0;
  int stragglers = 0;
  for (int i = 0; i < n; ++i) {
    const GanttRow& r = m_rows[static_cast<size_t>(i)];
    keys << i;
    values[0] << r.edge_ms;
    values[1] << r.up_ms;
    values[2] << r.cloud_ms;
    values[3] << r.down_ms;
    values[4] << r.wait_ms;
    slowest = std::max(slowest, r.total());
    if (r.straggler) ++stragglers;
  }
  // Thin rows: separating outlines and antialiasing would only blur the colours together.
  const bool thin = n > 60;
  m_plot->setNotAntialiasedElements(thin ? QCP::aePlottables : QCP::aeNone);
  for (size_t p = 0; p < m_phases.size(); ++p) {
    m_phases[p]->setData(keys, values[p], true);
    m_phases[p]->setPen(thin ? QPen(Qt::NoPen) : QPen(palette().color(QPalette::Base), 0.5));
  }

  if (m_round < 0)
    m_title->setText(tr("No round yet"));
  else
    m_title->setText(tr("Round %1 · devices: %2 · slowest %3 ms · stragglers: %4")
                         .arg(m_round)
                         .arg(n)
                         .arg(QString::number(slowest, 'f', 1))
                         .arg(stragglers));

  // Room on the right for the "straggler" labels or markers.
  m_plot->xAxis->setRange(0, slowest > 0 ? slowest * (stragglers > 0 ? 1.18 : 1.04) : 1);
  m_plot->yAxis->setRange(-0.6, std::max(n, 1) - 0.4);
  updateDecorations();
}

void RoundGantt::updateDecorations() {
  for (QCPAbstractItem* item : m_marks)
    m_plot->removeItem(item);
  m_marks.clear();
  m_stragglerMarks->data()->clear();
  const int n = static_cast<int>(m_rows.size());
  const QColor red = plotstyle::stragglerColor();
  // Outlines and words need a row at least this tall (pixels) to be readable.
  const bool tall = n > 0 && m_plot->axisRect()->height() / n >= 12;
  size_t labels = 0;
  for (int i = 0; i < n; ++i) {
    const GanttRow& r = m_rows[static_cast<size_t>(i)];
    if (!r.straggler) continue;
    if (!tall) {
      m_stragglerMarks->addData(i, r.total());
      continue;
    }
    auto* rect = new QCPItemRect(m_plot);
    rect->setSelectable(false);
    rect->topLeft->setCoords(0, i - kBarWidth / 2 - 0.08);
    rect->bottomRight->setCoords(r.total(), i + kBarWidth / 2 + 0.08);
    rect->setPen(QPen(red, 2));
    rect->setBrush(Qt::NoBrush);
    m_marks.push_back(rect);
    if (labels++ < kMaxStragglerLabels) {
      auto* text = new QCPItemText(m_plot);
      text->setSelectable(false);
      text->position->setCoords(r.total(), i);
      text->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
      text->setPadding(QMargins(6, 0, 0, 0));
      text->setText(tr("straggler"));
      text->setColor(red);
      m_marks.push_back(text);
    }
  }
  updateTicks();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void RoundGantt::updateTicks() {
  const int n = static_cast<int>(m_rows.size());
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  // Label every row when they fit, else every k-th (stragglers are always labelled).
  const int lineHeight = QFontMetrics(m_plot->yAxis->tickLabelFont()).height() + 2;
  m_tickHeight = m_plot->axisRect()->height();
  const int fit = std::max(1, m_tickHeight / std::max(1, lineHeight));
  const int every = n <= fit ? 1 : (n + fit - 1) / fit;
  // Stragglers keep their name while there is room for it next to the regular labels.
  int stragglers = 0;
  for (const GanttRow& r : m_rows)
    stragglers += r.straggler ? 1 : 0;
  const bool nameStragglers = n / every + stragglers <= fit;
  for (int i = 0; i < n; ++i) {
    const GanttRow& r = m_rows[static_cast<size_t>(i)];
    if (i % every == 0 || (nameStragglers && r.straggler))
      ticker->addTick(i, QString::fromStdString(r.device));
  }
  m_plot->yAxis->setTicker(ticker);
}

void RoundGantt::applyPalette() {
  const QPalette pal = palette();
  plotstyle::applyPalette(m_plot, pal);
  const plotstyle::Phase order[] = {plotstyle::Phase::Edge, plotstyle::Phase::Up,
                                    plotstyle::Phase::Cloud, plotstyle::Phase::Down,
                                    plotstyle::Phase::Wait};
  for (size_t p = 0; p < m_phases.size(); ++p) {
    const QColor c = plotstyle::phaseColor(order[p], pal);
    m_phases[p]->setBrush(c);
  }
  m_stragglerMarks->setScatterStyle(QCPScatterStyle(
      QCPScatterStyle::ssSquare, QPen(plotstyle::stragglerColor(), 2), Qt::NoBrush, 9));
  m_title->setTextColor(pal.color(QPalette::Text));
}

}  // namespace cleave::studio
