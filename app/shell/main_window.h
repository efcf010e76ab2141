// cleave-studio's window: a page stack (start page, workspace) that owns the event source (a live
// cloud, a local fleet, or a recording), the session state built from its events, and the views,
// and wires them together. Views and state never see a socket. GUI thread only.
#pragma once

#include <QHash>
#include <QMainWindow>
#include <memory>

#include "app/shell/start_page.h"
#include "app/shell/studio_options.h"
#include "core/net/message.h"

class QDockWidget;
class QLabel;
class QStackedWidget;
class QTabWidget;

namespace cleave::studio {

class CloudLink;
class EventSource;
class FleetView;
class InferenceView;
class LocalFleet;
class LogPanel;
class ModelView;
class RoundsView;
class SessionPlayer;
class SessionView;
class ViewBinder;
enum class SourceState;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(const StudioOptions& options, QWidget* parent = nullptr);
  ~MainWindow() override;

  // Renders the window as it is now to a PNG (documentation, tests).
  bool saveScreenshot(const QString& path);
  // One line on what the session shows now: devices, round, accuracy (status bar, --quit-after).
  QString summary() const;
  // Which workspace page is shown: fleet, model, rounds, inference, session.
  void showPage(const QString& page);

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildWorkspace();
  void buildMenus();
  void openLocalFleet(int agents, const QString& use_case);
  void openConnection(const ConnectionSettings& settings);
  void openReplay(const QString& path);
  // Wires m_link's command replies to the status bar and log, attaches it and starts it.
  void startLink(const QString& description);
  void closeSource();
  void attachSource(EventSource* source, const QString& description, bool live);
  void onSourceState(SourceState state, const QString& detail);
  void sendCommand(const net::Command& command);
  void reportError(const QString& title, const QString& message);
  void exportCsv(const QString& dir);
  void exportPlots(const QString& dir);

  StudioOptions m_options;
  QStackedWidget* m_pages = nullptr;
  StartPage* m_start = nullptr;
  QTabWidget* m_tabs = nullptr;
  FleetView* m_fleet_view = nullptr;
  ModelView* m_model_view = nullptr;
  RoundsView* m_rounds_view = nullptr;
  InferenceView* m_inference_view = nullptr;
  SessionView* m_session_view = nullptr;
  LogPanel* m_log = nullptr;
  QDockWidget* m_log_dock = nullptr;
  QLabel* m_connection = nullptr;
  QLabel* m_source_label = nullptr;

  std::unique_ptr<ViewBinder> m_binder;  // session state, view-models, and their views
  std::unique_ptr<LocalFleet> m_local_fleet;
  std::unique_ptr<CloudLink> m_link;
  std::unique_ptr<SessionPlayer> m_player;
  QString m_session_file;
  QHash<quint64, QString> m_commands_in_flight;  // id -> what the operator asked, for messages
  bool m_unattended = false;                     // --quit-after: no modal dialogs
};

}  // namespace cleave::studio
