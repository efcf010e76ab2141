// Start / pause / stop and the round settings an operator may change between rounds. Emits the
// commands; the cloud decides and the event stream shows the outcome. GUI thread.
#pragma once

#include <QWidget>

#include "core/net/message.h"

class QComboBox;
class QDoubleSpinBox;
class QPushButton;
class QSpinBox;

namespace cleave::studio {

class RoundControls : public QWidget {
  Q_OBJECT
 public:
  explicit RoundControls(QWidget* parent = nullptr);

  // Shows the cloud's current settings (from session_start / settings events) without emitting.
  void showSettings(const net::RoundSettings& settings);
  // Live sources take commands; a replay only shows.
  void setCommandsEnabled(bool enabled);
  net::RoundSettings settings() const;

  QPushButton* startButton() const { return m_start; }
  QPushButton* pauseButton() const { return m_pause; }
  QPushButton* stopButton() const { return m_stop; }

 signals:
  void commandRequested(const cleave::net::Command& command);

 private:
  QPushButton* m_start = nullptr;
  QPushButton* m_pause = nullptr;
  QPushButton* m_stop = nullptr;
  QSpinBox* m_rounds = nullptr;
  QSpinBox* m_steps = nullptr;
  QSpinBox* m_batch = nullptr;
  QDoubleSpinBox* m_lr = nullptr;
  QSpinBox* m_fedavg = nullptr;
  QSpinBox* m_deadline = nullptr;
  QComboBox* m_codec = nullptr;
};

}  // namespace cleave::studio
