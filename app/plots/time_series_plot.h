// A live plot of named time series (delay per device, accuracy per exit, ...) for the Rounds,
// Inference and Session pages. GUI thread only. Producers append freely; points are buffered and
// drawn at most ~30 times a second, decimated to min/max per pixel column so thousands of series
// with hours of points stay smooth. Zoom and pan are the user's; double-click follows the newest
// data again.
#pragma once

#include <QHash>
#include <QPointF>
#include <QStringList>
#include <QTimer>
#include <QVector>
#include <QWidget>
#include <memory>
#include <vector>

class QCustomPlot;
class QCPGraph;
class QCPLayer;

namespace cleave::studio {

class TimeSeriesPlot : public QWidget {
  Q_OBJECT
 public:
  explicit TimeSeriesPlot(QWidget* parent = nullptr);
  ~TimeSeriesPlot() override;

  // Axis titles with their units, e.g. ("time (s)", "delay (ms)").
  void setAxisTitles(const QString& x, const QString& y);
  void setTitle(const QString& title);
  void setLogY(bool log);
  bool logY() const { return m_logY; }
  // Width of the x window shown while following the newest data; 0 shows everything.
  void setFollowWindow(double width);
  // With more series than this, the legend lists the top N by latest value and one "others"
  // entry, and the others are drawn in one muted colour.
  void setLegendLimit(int n);
  // Minimum time between redraws; clamped to at least 33 ms (30 Hz).
  void setRedrawInterval(int ms);

  // Buffered: the points reach the graph on the next redraw. Points need not be sorted.
  void append(const QString& series, const QVector<QPointF>& points);
  // Replaces a series' points (buffered like append).
  void setSeries(const QString& series, const QVector<QPointF>& points);
  void removeSeries(const QString& series);
  void clear();

  // Applies everything buffered and redraws now (export, tests).
  void flushNow();

  QStringList seriesNames() const;
  qsizetype storedPointCount(const QString& series) const;  // everything kept
  int drawnPointCount(const QString& series) const;         // handed to QCustomPlot
  int totalDrawnPointCount() const;
  bool isFollowing() const { return m_following; }
  bool hasPendingRedraw() const { return m_timer.isActive(); }
  // Wall time of the last flush (merge + decimate + replot), for benchmarks.
  double lastFlushMs() const { return m_lastFlushMs; }
  QCustomPlot* plot() const { return m_plot; }

 public slots:
  // Leave the user's zoom/pan and follow the newest data again.
  void followNewest();

 signals:
  void followingChanged(bool following);

 protected:
  void changeEvent(QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  struct Series;
  Series& seriesFor(const QString& name);
  void schedule();
  void flush();
  void decimate(Series& s, double lower, double upper, int pixels);
  void updateLegend();
  void updateEnvelope(const std::vector<Series*>& ranked, bool crowded);
  void applyPalette();
  void styleSeries(Series& s, bool highlighted);

  QCustomPlot* m_plot = nullptr;
  QCPGraph* m_others = nullptr;     // upper edge of the others' band, and its legend entry
  QCPGraph* m_othersLow = nullptr;  // lower edge
  QCPLayer* m_othersLayer = nullptr;
  QColor m_mutedColour;
  std::vector<std::unique_ptr<Series>> m_series;
  QHash<QString, size_t> m_index;
  QTimer m_timer;
  double m_followWindow = 0;
  int m_legendLimit = 10;
  bool m_logY = false;
  bool m_following = true;
  bool m_settingRange = false;
  bool m_viewChanged = true;  // range or width changed: every series is decimated again
  int m_lastPixels = 0;
  double m_lastFlushMs = 0;
};

}  // namespace cleave::studio
