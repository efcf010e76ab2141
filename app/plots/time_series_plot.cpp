#include "app/plots/time_series_plot.h"

#include <qcustomplot.h>

#include <QElapsedTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "app/plots/plot_style.h"

namespace cleave::studio {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kMinIntervalMs = 33;
}  // namespace

struct TimeSeriesPlot::Series {
  QString name;
  std::vector<double> x, y;  // sorted by x
  QVector<QPointF> pending;
  bool replace = false;  // pending replaces x/y instead of appending
  bool dirty = true;     // x/y changed since the last decimation
  QCPGraph* graph = nullptr;
  int colorIndex = 0;
  int drawn = 0;
  double visMin = kInf, visMax = -kInf;  // y extent of what is drawn (positive-only on log y)
  // Decimated output and where its last pixel column started, so that points appended after
  // the last one only redo that column onwards while the view stays put.
  QVector<double> keys, values;
  bool appendedOnly = false;  // since the last decimation, new points only arrived at the end
  bool bucketed = false;
  double cacheLower = 0, cacheUpper = 0;
  int cachePixels = 0;
  size_t tailX = 0;
  qsizetype tailOut = 0;
};

TimeSeriesPlot::TimeSeriesPlot(QWidget* parent) : QWidget(parent) {
  setMinimumSize(240, 160);
  m_plot = new QCustomPlot(this);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);
  // Straight polylines without antialiasing: the difference is invisible at 2 points per pixel
  // column and it is several times faster with many series.
  m_plot->setPlottingHints(QCP::phFastPolylines | QCP::phCacheLabels);
  m_plot->setNotAntialiasedElements(QCP::aePlottables);
  m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
  m_plot->axisRect()->setRangeZoom(Qt::Horizontal);

  // The legend gets its own column so it never covers the newest data on the right.
  // It sits at the top of that column at its natural height; an empty element takes the rest.
  auto* legendColumn = new QCPLayoutGrid;
  m_plot->axisRect()->insetLayout()->take(m_plot->legend);
  m_plot->plotLayout()->addElement(0, 1, legendColumn);
  m_plot->plotLayout()->setColumnStretchFactor(1, 0.001);
  legendColumn->addElement(0, 0, m_plot->legend);
  legendColumn->addElement(1, 0, new QCPLayoutElement(m_plot));
  legendColumn->setRowStretchFactor(0, 0.001);
  legendColumn->setMargins(QMargins(0, 8, 6, 0));
  m_plot->legend->setVisible(true);
  m_plot->legend->setIconSize(18, 8);
  // Muted "others" are drawn under the highlighted series, above the grid.
  m_plot->addLayer(QStringLiteral("others"), m_plot->layer("grid"), QCustomPlot::limAbove);
  m_othersLayer = m_plot->layer(QStringLiteral("others"));
  // With more series than the legend holds, the others are one min-max band on that layer.
  m_othersLow = m_plot->addGraph();
  m_othersLow->setName(QStringLiteral("others-low"));
  m_others = m_plot->addGraph();
  for (QCPGraph* g : {m_othersLow, m_others}) {
    g->setLayer(m_othersLayer);
    g->setVisible(false);
    g->removeFromLegend();
  }
  m_others->setChannelFillGraph(m_othersLow);

  m_timer.setSingleShot(true);
  m_timer.setInterval(kMinIntervalMs);
  connect(&m_timer, &QTimer::timeout, this, &TimeSeriesPlot::flush);
  connect(m_plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
          [this](const QCPRange&) {
            if (m_settingRange) return;
            // The user dragged or zoomed: stop following, draw that window at full detail.
            m_viewChanged = true;
            if (m_following) {
              m_following = false;
              emit followingChanged(false);
            }
            schedule();
          });
  // The legend's width is only known after a layout; decimate again when the axes changed width.
  connect(m_plot, &QCustomPlot::afterReplot, this, [this] {
    if (std::max(50, m_plot->axisRect()->width()) != m_lastPixels && !m_series.empty()) {
      m_viewChanged = true;
      schedule();
    }
  });
  connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent*) { followNewest(); });
  applyPalette();
}

TimeSeriesPlot::~TimeSeriesPlot() = default;

void TimeSeriesPlot::setAxisTitles(const QString& x, const QString& y) {
  m_plot->xAxis->setLabel(x);
  m_plot->yAxis->setLabel(y);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimeSeriesPlot::setTitle(const QString& title) {
  QCPTextElement* element = nullptr;
  if (m_plot->plotLayout()->rowCount() > 0)
    element = qobject_cast<QCPTextElement*>(m_plot->plotLayout()->element(0, 0));
  if (!element) {
    m_plot->plotLayout()->insertRow(0);
    element = new QCPTextElement(m_plot, title,
                                 QFont(font().family(), font().pointSize() + 1, QFont::Bold));
    m_plot->plotLayout()->addElement(0, 0, element);
  }
  element->setText(title);
  element->setTextColor(palette().color(QPalette::Text));
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimeSeriesPlot::setLogY(bool log) {
  m_logY = log;
  if (log) {
    m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
  } else {
    m_plot->yAxis->setScaleType(QCPAxis::stLinear);
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
  }
  m_viewChanged = true;
  schedule();
}

void TimeSeriesPlot::setFollowWindow(double width) {
  m_followWindow = std::max(0.0, width);
  m_viewChanged = true;
  schedule();
}

void TimeSeriesPlot::setLegendLimit(int n) {
  m_legendLimit = std::max(1, n);
  schedule();
}

void TimeSeriesPlot::setRedrawInterval(int ms) {
  m_timer.setInterval(std::max(kMinIntervalMs, ms));
}

TimeSeriesPlot::Series& TimeSeriesPlot::seriesFor(const QString& name) {
  auto it = m_index.constFind(name);
  if (it != m_index.constEnd()) return *m_series[*it];
  auto s = std::make_unique<Series>();
  s->name = name;
  s->colorIndex = static_cast<int>(m_series.size());
  s->graph = m_plot->addGraph();
  s->graph->setName(name);
  s->graph->setAdaptiveSampling(true);
  m_index.insert(name, m_series.size());
  m_series.push_back(std::move(s));
  return *m_series.back();
}

void TimeSeriesPlot::append(const QString& series, const QVector<QPointF>& points) {
  Series& s = seriesFor(series);
  s.pending += points;
  schedule();
}

void TimeSeriesPlot::setSeries(const QString& series, const QVector<QPointF>& points) {
  Series& s = seriesFor(series);
  s.pending = points;
  s.replace = true;
  schedule();
}

void TimeSeriesPlot::removeSeries(const QString& series) {
  auto it = m_index.find(series);
  if (it == m_index.end()) return;
  const size_t at = *it;
  m_plot->removeGraph(m_series[at]->graph);
  m_series.erase(m_series.begin() + static_cast<std::ptrdiff_t>(at));
  m_index.clear();
  for (size_t i = 0; i < m_series.size(); ++i)
    m_index.insert(m_series[i]->name, i);
  m_viewChanged = true;
  schedule();
}

void TimeSeriesPlot::clear() {
  for (auto& s : m_series)
    m_plot->removeGraph(s->graph);
  m_series.clear();
  m_index.clear();
  m_viewChanged = true;
  if (!m_following) {
    m_following = true;
    emit followingChanged(true);
  }
  schedule();
}

void TimeSeriesPlot::followNewest() {
  if (!m_following) {
    m_following = true;
    emit followingChanged(true);
  }
  m_viewChanged = true;
  schedule();
}

void TimeSeriesPlot::flushNow() {
  m_timer.stop();
  flush();
  m_plot->replot(QCustomPlot::rpImmediateRefresh);
  if (m_timer.isActive()) {
    // The layout changed the axes' width (legend): once more at the final width.
    m_timer.stop();
    flush();
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
  }
}

QStringList TimeSeriesPlot::seriesNames() const {
  QStringList names;
  for (const auto& s : m_series)
    names << s->name;
  return names;
}

qsizetype TimeSeriesPlot::storedPointCount(const QString& series) const {
  auto it = m_index.constFind(series);
  return it == m_index.constEnd() ? 0 : static_cast<qsizetype>(m_series[*it]->x.size());
}

int TimeSeriesPlot::drawnPointCount(const QString& series) const {
  auto it = m_index.constFind(series);
  return it == m_index.constEnd() ? 0 : m_series[*it]->graph->dataCount();
}

int TimeSeriesPlot::totalDrawnPointCount() const {
  int n = 0;
  for (const auto& s : m_series)
    n += s->graph->dataCount();
  return n;
}

void TimeSeriesPlot::schedule() {
  if (!m_timer.isActive()) m_timer.start();
}

void TimeSeriesPlot::changeEvent(QEvent* event) {
  if (event->type() == QEvent::PaletteChange) applyPalette();
  QWidget::changeEvent(event);
}

void TimeSeriesPlot::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  m_viewChanged = true;
  schedule();
}

void TimeSeriesPlot::flush() {
  QElapsedTimer clock;
  clock.start();

  // 1. Merge what producers buffered; appends are nearly always in order already.
  double minX = kInf, maxX = -kInf;
  for (auto& sp : m_series) {
    Series& s = *sp;
    if (!s.pending.isEmpty() || s.replace) {
      s.appendedOnly = !s.replace;
      if (s.replace) {
        s.x.clear();
        s.y.clear();
        s.replace = false;
      }
      std::sort(s.pending.begin(), s.pending.end(),
                [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); });
      const size_t old = s.x.size();
      s.x.reserve(old + static_cast<size_t>(s.pending.size()));
      s.y.reserve(old + static_cast<size_t>(s.pending.size()));
      for (const QPointF& p : s.pending) {
        s.x.push_back(p.x());
        s.y.push_back(p.y());
      }
      if (old > 0 && s.x[old] < s.x[old - 1]) {
        s.appendedOnly = false;
        // Late points: merge the two sorted runs through an index permutation.
        std::vector<size_t> order(s.x.size());
        for (size_t i = 0; i < order.size(); ++i)
          order[i] = i;
        std::inplace_merge(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(old),
                           order.end(), [&](size_t a, size_t b) { return s.x[a] < s.x[b]; });
        std::vector<double> nx(order.size()), ny(order.size());
        for (size_t i = 0; i < order.size(); ++i) {
          nx[i] = s.x[order[i]];
          ny[i] = s.y[order[i]];
        }
        s.x.swap(nx);
        s.y.swap(ny);
      }
      s.pending.clear();
      s.pending.squeeze();
      s.dirty = true;
    }
    if (!s.x.empty()) {
      minX = std::min(minX, s.x.front());
      maxX = std::max(maxX, s.x.back());
    }
  }

  // 2. The x window: the newest data while following, else what the user chose.
  const int pixels = std::max(50, m_plot->axisRect()->width());
  if (pixels != m_lastPixels) m_viewChanged = true;
  m_lastPixels = pixels;
  if (m_following && minX <= maxX) {
    // The window steps ahead of the newest point by 5% instead of sliding with every point:
    // between steps the view stays put and appended points only touch the last pixel columns.
    const QCPRange current = m_plot->xAxis->range();
    double lower = current.lower, upper = current.upper;
    if (m_followWindow > 0) {
      const double ahead = m_followWindow * 0.05;
      if (maxX > current.upper || current.upper - maxX > 2 * ahead ||
          std::abs(current.size() - m_followWindow) > 1e-9 * m_followWindow) {
        upper = maxX + ahead;
        lower = upper - m_followWindow;
      }
    } else {
      const double ahead = (maxX - minX) * 0.05;
      if (current.lower != minX || maxX > current.upper || current.upper - maxX > 2 * ahead) {
        lower = minX;
        upper = maxX + ahead;
      }
    }
    if (upper - lower <= 0) {
      lower = minX - 0.5;
      upper = maxX + 0.5;
    }
    if (current.lower != lower || current.upper != upper) {
      m_settingRange = true;
      m_plot->xAxis->setRange(lower, upper);
      m_settingRange = false;
      m_viewChanged = true;
    }
  }
  const QCPRange range = m_plot->xAxis->range();

  // 3. Decimate what changed (everything when the window or width changed).
  double yMin = kInf, yMax = -kInf;
  for (auto& sp : m_series) {
    Series& s = *sp;
    if (s.dirty || m_viewChanged) decimate(s, range.lower, range.upper, pixels);
    s.dirty = false;
    yMin = std::min(yMin, s.visMin);
    yMax = std::max(yMax, s.visMax);
  }
  m_viewChanged = false;

  // 4. y follows what is visible.
  if (yMin <= yMax) {
    if (m_logY) {
      m_plot->yAxis->setRange(yMin / 1.5, yMax * 1.5);
    } else {
      const double pad = yMax > yMin ? (yMax - yMin) * 0.06 : std::max(1.0, std::abs(yMax) * 0.1);
      m_plot->yAxis->setRange(yMin - pad, yMax + pad);
    }
  }
  updateLegend();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
  m_lastFlushMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
}

void TimeSeriesPlot::decimate(Series& s, double lower, double upper, int pixels) {
  const size_t n = s.x.size();
  // [inBegin, inEnd) lies inside the window; one point beyond each edge is drawn too so lines
  // run to the border instead of stopping short.
  const auto inBegin =
      static_cast<size_t>(std::lower_bound(s.x.begin(), s.x.end(), lower) - s.x.begin());
  const auto inEnd =
      static_cast<size_t>(std::upper_bound(s.x.begin(), s.x.end(), upper) - s.x.begin());
  const size_t lo = inBegin > 0 ? inBegin - 1 : inBegin;
  const size_t hi = inEnd < n ? inEnd + 1 : inEnd;
  const bool resume = s.bucketed && s.appendedOnly && s.cacheLower == lower &&
                      s.cacheUpper == upper && s.cachePixels == pixels && s.tailX >= inBegin;
  s.appendedOnly = false;
  QVector<double>& keys = s.keys;
  QVector<double>& values = s.values;
  auto take = [&](size_t i) {
    keys.push_back(s.x[i]);
    values.push_back(s.y[i]);
    const double v = s.y[i];
    if (std::isfinite(v) && (!m_logY || v > 0) && i >= inBegin && i < inEnd) {
      s.visMin = std::min(s.visMin, v);
      s.visMax = std::max(s.visMax, v);
    }
  };
  // Min and max of each pixel column, in the order they occur: the envelope a full-resolution
  // polyline would paint, with at most two points per column.
  const double width = (upper - lower) / pixels;
  auto columns = [&](size_t i) {
    while (i < inEnd) {
      const auto bucket = static_cast<long long>((s.x[i] - lower) / width);
      s.tailX = i;
      s.tailOut = keys.size();
      size_t minI = i, maxI = i;
      size_t j = i;
      bool anyFinite = false;
      for (; j < inEnd && static_cast<long long>((s.x[j] - lower) / width) == bucket; ++j) {
        const double v = s.y[j];
        if (!std::isfinite(v)) continue;
        if (!anyFinite) {
          minI = maxI = j;
          anyFinite = true;
        }
        if (v < s.y[minI]) minI = j;
        if (v > s.y[maxI]) maxI = j;
      }
      if (!anyFinite) {
        take(i);  // a gap stays a gap
      } else if (minI == maxI) {
        take(minI);
      } else {
        take(std::min(minI, maxI));
        take(std::max(minI, maxI));
      }
      i = j;
    }
    if (inEnd < hi) take(inEnd);
  };

  if (resume) {
    // Old points are unchanged: redo the last column (it may have grown) and what follows.
    keys.resize(s.tailOut);
    values.resize(s.tailOut);
    columns(s.tailX);
  } else {
    s.visMin = kInf;
    s.visMax = -kInf;
    keys.clear();
    values.clear();
    const size_t count = hi - lo;
    s.bucketed = count > static_cast<size_t>(pixels) * 2;
    if (!s.bucketed) {
      for (size_t i = lo; i < hi; ++i)
        take(i);
    } else {
      keys.reserve(pixels * 2 + 2);
      values.reserve(pixels * 2 + 2);
      if (lo < inBegin) take(lo);
      columns(inBegin);
    }
    s.cacheLower = lower;
    s.cacheUpper = upper;
    s.cachePixels = pixels;
  }
  s.graph->setData(keys, values, true);
  s.drawn = static_cast<int>(keys.size());
}

void TimeSeriesPlot::updateLegend() {
  const int count = static_cast<int>(m_series.size());
  std::vector<Series*> ranked;
  ranked.reserve(m_series.size());
  for (auto& s : m_series)
    ranked.push_back(s.get());
  const bool crowded = count > m_legendLimit;
  if (crowded) {
    // The series that matter most now: the largest latest value (slowest device, ...).
    auto latest = [](const Series* s) {
      return s->y.empty() || std::isnan(s->y.back()) ? -kInf : s->y.back();
    };
    std::stable_sort(ranked.begin(), ranked.end(),
                     [&](const Series* a, const Series* b) { return latest(a) > latest(b); });
  }
  m_plot->legend->clearItems();
  for (int i = 0; i < count; ++i) {
    Series* s = ranked[static_cast<size_t>(i)];
    const bool top = !crowded || i < m_legendLimit;
    styleSeries(*s, top);
    // The others are drawn as one envelope, not hundreds of polylines.
    s->graph->setVisible(top);
    if (top) s->graph->addToLegend();
  }
  m_others->setName(tr("%n other series (min–max)", "", count - m_legendLimit));
  m_others->setVisible(crowded);
  m_othersLow->setVisible(crowded);
  if (crowded) m_others->addToLegend();
  updateEnvelope(ranked, crowded);
}

void TimeSeriesPlot::updateEnvelope(const std::vector<Series*>& ranked, bool crowded) {
  if (!crowded) {
    m_others->data()->clear();
    m_othersLow->data()->clear();
    return;
  }
  // Min and max over all other series per pixel column, from their decimated points (already
  // the per-column extremes of each series).
  const QCPRange range = m_plot->xAxis->range();
  const int pixels = std::max(1, m_lastPixels);
  const double width = range.size() / pixels;
  std::vector<double> low(static_cast<size_t>(pixels), kInf),
      high(static_cast<size_t>(pixels), -kInf);
  for (size_t i = static_cast<size_t>(m_legendLimit); i < ranked.size(); ++i) {
    const QSharedPointer<QCPGraphDataContainer> points = ranked[i]->graph->data();
    for (auto it = points->findBegin(range.lower, false); it != points->constEnd(); ++it) {
      if (it->key > range.upper) break;
      if (!std::isfinite(it->value) || (m_logY && it->value <= 0)) continue;
      const auto b = std::clamp(static_cast<int>((it->key - range.lower) / width), 0, pixels - 1);
      low[static_cast<size_t>(b)] = std::min(low[static_cast<size_t>(b)], it->value);
      high[static_cast<size_t>(b)] = std::max(high[static_cast<size_t>(b)], it->value);
    }
  }
  QVector<double> keys, lows, highs;
  for (int b = 0; b < pixels; ++b) {
    if (low[static_cast<size_t>(b)] > high[static_cast<size_t>(b)]) continue;
    keys << range.lower + (b + 0.5) * width;
    lows << low[static_cast<size_t>(b)];
    highs << high[static_cast<size_t>(b)];
  }
  m_othersLow->setData(keys, lows, true);
  m_others->setData(keys, highs, true);
}

void TimeSeriesPlot::styleSeries(Series& s, bool highlighted) {
  // One-pixel opaque pens: wider or translucent pens make the raster engine stroke and blend
  // every segment, several times slower with hundreds of series (bench_plot_refresh).
  const QColor colour = highlighted ? plotstyle::seriesColor(s.colorIndex) : m_mutedColour;
  if (s.graph->pen().color() != colour) s.graph->setPen(QPen(colour, 1));
}

void TimeSeriesPlot::applyPalette() {
  plotstyle::applyPalette(m_plot, palette());
  // "Others" recede into the background: a grey close to it, pre-mixed instead of translucent.
  const QColor base = palette().color(QPalette::Base), grey = plotstyle::offlineColor(palette());
  m_mutedColour = QColor::fromRgbF(static_cast<float>((base.redF() + grey.redF()) / 2),
                                   static_cast<float>((base.greenF() + grey.greenF()) / 2),
                                   static_cast<float>((base.blueF() + grey.blueF()) / 2));
  m_others->setPen(QPen(m_mutedColour, 1));
  m_othersLow->setPen(QPen(m_mutedColour, 1));
  m_others->setBrush(m_mutedColour);
  for (auto& s : m_series)
    styleSeries(*s, true);
  updateLegend();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace cleave::studio
