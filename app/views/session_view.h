// Session page: play / pause, a timeline to seek, speed 0.25x-100x for a recording, and export of
// plots (PNG, SVG) and metrics (CSV). Live sessions show the recording's path and export only.
// Widgets only. GUI thread.
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QTableWidget;

namespace cleave::studio {

// One closed round as the session summary table lists it.
struct RoundSummary {
  int round = 0;
  double round_ms = 0;
  double accuracy = -1;   // fraction; < 0 when not evaluated
  double exit_rate = -1;  // fraction; < 0 when not evaluated
  int devices = 0;
  QStringList stragglers;
  QString reason;
};

class SessionView : public QWidget {
  Q_OBJECT
 public:
  explicit SessionView(QWidget* parent = nullptr);

  void setReplayMode(bool replay);  // transport controls only for a recording
  void setSessionFile(const QString& path);
  void setRange(qint64 start_us, qint64 end_us);
  void setPosition(qint64 t_us);
  void setPlaying(bool playing);
  void setRounds(const QVector<RoundSummary>& rounds);

 signals:
  void playRequested();
  void pauseRequested();
  void seekRequested(qint64 t_us);
  void speedChosen(double speed);
  void exportCsvRequested(const QString& dir);
  void exportPlotsRequested(const QString& dir);

 private:
  QLabel* m_file = nullptr;
  QPushButton* m_play = nullptr;
  QSlider* m_timeline = nullptr;
  QLabel* m_time = nullptr;
  QComboBox* m_speed = nullptr;
  QTableWidget* m_rounds = nullptr;
  QWidget* m_transport = nullptr;
  qint64 m_start_us = 0;
  qint64 m_end_us = 0;
  bool m_playing = false;
};

}  // namespace cleave::studio
