// Rounds page: start / pause / stop and the round settings, the Gantt of one round's phases per
// device (stragglers stand out), and the live plots: delay per device, jitter, accuracy per exit,
// early-exit rate, bytes per round and stragglers. Widgets only. GUI thread.
#pragma once

#include <QWidget>

class QLabel;
class QSlider;

namespace cleave::studio {

class RoundControls;
class RoundGantt;
class TimeSeriesPlot;

class RoundsView : public QWidget {
  Q_OBJECT
 public:
  enum class Plot { Delay, Jitter, Accuracy, ExitRate, Bytes, Stragglers };
  static constexpr int kPlotCount = 6;

  explicit RoundsView(QWidget* parent = nullptr);

  RoundControls* controls() const { return m_controls; }
  RoundGantt* gantt() const { return m_gantt; }
  TimeSeriesPlot* plot(Plot which) const { return m_plots[int(which)]; }
  QList<TimeSeriesPlot*> plots() const;

  // Rounds that have phase timings; the slider follows the newest unless the operator moved it.
  void setRoundRange(int first, int last);
  int shownRound() const;
  void setStatus(const QString& text);  // "round 4/10 running · 3 devices"

 signals:
  void roundChosen(int round);

 private:
  RoundControls* m_controls = nullptr;
  RoundGantt* m_gantt = nullptr;
  QSlider* m_round = nullptr;
  QLabel* m_round_label = nullptr;
  QLabel* m_status = nullptr;
  TimeSeriesPlot* m_plots[kPlotCount] = {};
  bool m_follow = true;
};

}  // namespace cleave::studio
