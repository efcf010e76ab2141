// How long TimeSeriesPlot takes to bring new points to the screen with many series and hours of
// data, against handing every point to QCustomPlot and relying on its adaptive sampling alone.
// Offscreen (QT_QPA_PLATFORM=offscreen is set here); prints JSON.
//   bench_plot_refresh [--quick]
#include <qcustomplot.h>

#include <QApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <vector>

#include "app/plots/time_series_plot.h"
#include "bench/common/machine_info.h"

namespace {

double value(int series, double t) {
  return 50 + (series % 97) * 0.8 + 10 * std::sin(t / 300.0 + series) + std::fmod(t * 7.3, 3.0);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))];
}

constexpr QSize kSize(1200, 500);

// TimeSeriesPlot: load `points` per series (1 s apart), then `frames` live frames in which every
// series gains one point; each frame = merge + decimate + immediate replot.
nlohmann::json decimated(int series, int points, int frames) {
  cleave::studio::TimeSeriesPlot plot;
  plot.resize(kSize);
  plot.show();
  QCoreApplication::processEvents();
  QElapsedTimer clock;
  clock.start();
  for (int s = 0; s < series; ++s) {
    QVector<QPointF> pts;
    pts.reserve(points);
    for (int i = 0; i < points; ++i)
      pts << QPointF(i, value(s, i));
    plot.append(QStringLiteral("dev-%1").arg(s), pts);
  }
  const double appendMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
  clock.restart();
  plot.flushNow();
  const double firstMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;

  std::vector<double> frame, replot;
  for (int f = 0; f < frames; ++f) {
    const double t = points + f;
    for (int s = 0; s < series; ++s)
      plot.append(QStringLiteral("dev-%1").arg(s), {QPointF(t, value(s, t))});
    clock.restart();
    plot.flushNow();
    frame.push_back(static_cast<double>(clock.nsecsElapsed()) / 1e6);
    clock.restart();
    plot.plot()->replot(QCustomPlot::rpImmediateRefresh);
    replot.push_back(static_cast<double>(clock.nsecsElapsed()) / 1e6);
  }
  return {{"series", series},
          {"points_per_series", points},
          {"points_total", static_cast<long long>(series) * points},
          {"append_ms", appendMs},
          {"first_draw_ms", firstMs},
          {"frame_ms_median", median(frame)},
          {"frame_ms_p90", percentile(frame, 0.9)},
          {"replot_only_ms_median", median(replot)},
          {"points_drawn", plot.totalDrawnPointCount()},
          {"frames", frames}};
}

// Every point handed to QCustomPlot (its adaptive sampling on, as by default); a live frame is
// one addData per graph and an immediate replot.
nlohmann::json raw(int series, int points, int frames) {
  QCustomPlot plot;
  plot.resize(kSize);
  plot.setPlottingHints(QCP::phFastPolylines | QCP::phCacheLabels);
  plot.setNotAntialiasedElements(QCP::aePlottables);
  plot.show();
  QCoreApplication::processEvents();
  QElapsedTimer clock;
  clock.start();
  for (int s = 0; s < series; ++s) {
    QVector<double> keys(points), values(points);
    for (int i = 0; i < points; ++i) {
      keys[i] = i;
      values[i] = value(s, i);
    }
    QCPGraph* g = plot.addGraph();
    g->setAdaptiveSampling(true);
    g->setData(keys, values, true);
  }
  plot.xAxis->setRange(0, points);
  plot.yAxis->setRange(30, 150);
  plot.replot(QCustomPlot::rpImmediateRefresh);
  const double firstMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
  std::vector<double> frame;
  for (int f = 0; f < frames; ++f) {
    const double t = points + f;
    clock.restart();
    for (int s = 0; s < series; ++s)
      plot.graph(s)->addData(t, value(s, t));
    plot.xAxis->setRange(0, t);
    plot.replot(QCustomPlot::rpImmediateRefresh);
    frame.push_back(static_cast<double>(clock.nsecsElapsed()) / 1e6);
  }
  return {{"series", series},
          {"points_per_series", points},
          {"first_draw_ms", firstMs},
          {"frame_ms_median", median(frame)},
          {"frame_ms_p90", percentile(frame, 0.9)},
          {"frames", frames}};
}

}  // namespace

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  const bool quick = app.arguments().contains(QStringLiteral("--quick"));
  struct Case {
    int series, points;
  };
  // One point per second per series: 1 h and 3 h of data.
  std::vector<Case> cases = {{10, 3600}, {100, 3600}, {1000, 3600}, {1000, 10800}};
  if (quick) cases = {{10, 3600}, {100, 3600}};
  const int frames = quick ? 5 : 15;
  nlohmann::json out;
  out["benchmark"] = "plot_refresh";
  out["what"] =
      "TimeSeriesPlot (min/max per pixel column, batched) vs all points into QCustomPlot "
      "(adaptive sampling only); a frame = every series gains one point, then an immediate "
      "replot, 1200x500 offscreen";
  for (const Case& c : cases) {
    nlohmann::json row{{"decimated", decimated(c.series, c.points, frames)}};
    row["raw_qcustomplot"] = raw(c.series, c.points, frames);
    out["cases"].push_back(row);
    std::cerr << "done " << c.series << " x " << c.points << "\n";
  }
  out["machine"] = cleave::bench::machineInfo();
  std::cout << out.dump(2) << "\n";
  return 0;
}
