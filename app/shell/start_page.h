// The page cleave-studio opens on: start a local fleet, connect to a cloud, or open a recording.
// It only collects the operator's choice and emits it; MainWindow acts on it. GUI thread.
#pragma once

#include <QWidget>

class QComboBox;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace cleave::studio {

struct ConnectionSettings {
  QString control;    // tcp://host:port of the cloud's control socket
  QString events;     // tcp://host:port of its events socket
  QString keys;       // directory with this studio's operator key pair
  QString cloud_key;  // the cloud's public key file
};

class StartPage : public QWidget {
  Q_OBJECT
 public:
  explicit StartPage(QWidget* parent = nullptr);

  // Remembered choices (QSettings) are loaded on construction and saved when acted upon.
  void addRecentSession(const QString& path);

 signals:
  void localFleetRequested(int agents, const QString& use_case);
  void connectRequested(const cleave::studio::ConnectionSettings& settings);
  void replayRequested(const QString& path);

 private:
  QWidget* localFleetBox();
  QWidget* connectBox();
  QWidget* replayBox();
  void reloadRecent();

  QSpinBox* m_agents = nullptr;
  QComboBox* m_use_case = nullptr;
  QLineEdit* m_control = nullptr;
  QLineEdit* m_events = nullptr;
  QLineEdit* m_keys = nullptr;
  QLineEdit* m_cloud_key = nullptr;
  QListWidget* m_recent = nullptr;
};

}  // namespace cleave::studio
