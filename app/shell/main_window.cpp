#include "app/shell/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>

#include "app/link/cloud_link.h"
#include "app/link/local_fleet.h"
#include "app/link/session_player.h"
#include "app/plots/plot_export.h"
#include "app/shell/connection.h"
#include "app/shell/settings_dialog.h"
#include "app/shell/view_binder.h"
#include "app/views/fleet_view.h"
#include "app/views/inference_view.h"
#include "app/views/log_panel.h"
#include "app/views/model_view.h"
#include "app/views/round_controls.h"
#include "app/views/rounds_view.h"
#include "app/views/session_view.h"
#include "core/session/csv_export.h"
#include "core/session/session_reader.h"

namespace cleave::studio {

namespace {

constexpr int kLocalLivenessMs = 10'000;
const QString kIcon = QStringLiteral(":/cleave/cleave-studio.svg");
const QStringList kPageNames{"fleet", "model", "rounds", "inference", "session"};

QString describe(const net::Command& c) {
  switch (c.kind) {
    case net::CommandKind::ApproveKey:
      return MainWindow::tr("approve %1").arg(QString::fromStdString(c.key));
    case net::CommandKind::RejectKey:
      return MainWindow::tr("reject %1").arg(QString::fromStdString(c.key));
    case net::CommandKind::SetSplit:
      return MainWindow::tr("set the split");
    case net::CommandKind::SetLink:
      return MainWindow::tr("set the link");
    case net::CommandKind::StartRounds:
      return MainWindow::tr("start rounds");
    case net::CommandKind::PauseRounds:
      return MainWindow::tr("pause rounds");
    case net::CommandKind::StopRounds:
      return MainWindow::tr("stop rounds");
    case net::CommandKind::SetInference:
      return MainWindow::tr("set inference");
    case net::CommandKind::Sync:
      break;
  }
  return MainWindow::tr("sync");
}

}  // namespace

MainWindow::MainWindow(const StudioOptions& options, QWidget* parent)
    : QMainWindow(parent), m_options(options), m_unattended(options.quit_after_s > 0) {
  registerStudioMetaTypes();
  setWindowTitle(tr("Cleave Studio"));
  if (QFile::exists(kIcon)) setWindowIcon(QIcon(kIcon));  // embedded in cleave-studio only
  m_pages = new QStackedWidget(this);
  m_start = new StartPage(m_pages);
  m_pages->addWidget(m_start);
  buildWorkspace();
  setCentralWidget(m_pages);
  buildMenus();

  m_connection = new QLabel(tr("not connected"), this);
  m_connection->setObjectName("connectionState");  // tests and screen readers find it by name
  m_source_label = new QLabel(this);
  statusBar()->addPermanentWidget(m_source_label);
  statusBar()->addPermanentWidget(m_connection);

  connect(m_start, &StartPage::localFleetRequested, this, &MainWindow::openLocalFleet);
  connect(m_start, &StartPage::connectRequested, this, &MainWindow::openConnection);
  connect(m_start, &StartPage::replayRequested, this, &MainWindow::openReplay);

  QSettings settings;
  resize(1400, 860);
  restoreGeometry(settings.value("window/geometry").toByteArray());
  restoreState(settings.value("window/state").toByteArray());
  if (m_unattended) resize(1400, 860);  // screenshots have one size, whatever was saved

  if (options.local_fleet > 0) {
    openLocalFleet(options.local_fleet, options.use_case);
  } else if (!options.connect.isEmpty()) {
    openConnection({options.connect, options.events, options.keys, options.cloud_key});
  } else if (!options.replay.isEmpty()) {
    openReplay(options.replay);
  }
  if (!options.page.isEmpty()) showPage(options.page);
}

MainWindow::~MainWindow() {
  closeSource();
}

void MainWindow::buildWorkspace() {
  m_tabs = new QTabWidget(m_pages);
  m_tabs->setDocumentMode(true);
  m_fleet_view = new FleetView(m_tabs);
  m_model_view = new ModelView(m_tabs);
  m_rounds_view = new RoundsView(m_tabs);
  m_inference_view = new InferenceView(m_tabs);
  m_session_view = new SessionView(m_tabs);
  m_tabs->addTab(m_fleet_view, tr("&Fleet"));
  m_tabs->addTab(m_model_view, tr("&Model"));
  m_tabs->addTab(m_rounds_view, tr("&Rounds"));
  m_tabs->addTab(m_inference_view, tr("&Inference"));
  m_tabs->addTab(m_session_view, tr("&Session"));
  m_pages->addWidget(m_tabs);

  m_log = new LogPanel(this);
  m_log_dock = new QDockWidget(tr("Log"), this);
  m_log_dock->setObjectName("log");  // saveState() needs names
  m_log_dock->setWidget(m_log);
  addDockWidget(Qt::BottomDockWidgetArea, m_log_dock);
  m_log_dock->hide();  // shown with the workspace

  m_binder = std::make_unique<ViewBinder>(ViewBinder::Views{
      m_fleet_view, m_model_view, m_rounds_view, m_inference_view, m_session_view, m_log});
  connect(m_binder.get(), &ViewBinder::commandRequested, this, &MainWindow::sendCommand);
  connect(m_binder.get(), &ViewBinder::summaryChanged, this,
          [this](const QString& s) { statusBar()->showMessage(s); });
  connect(m_session_view, &SessionView::exportCsvRequested, this, &MainWindow::exportCsv);
  connect(m_session_view, &SessionView::exportPlotsRequested, this, &MainWindow::exportPlots);
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&Start page"), QKeySequence(Qt::CTRL | Qt::Key_Home), this, [this] {
    closeSource();
    m_pages->setCurrentWidget(m_start);
  });
  file->addAction(tr("&Open session…"), QKeySequence::Open, this, [this] {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open a recorded session"), QString(),
                                     tr("Cleave sessions (*.cleave);;All files (*)"));
    if (!path.isEmpty()) openReplay(path);
  });
  file->addAction(tr("Export plots…"), QKeySequence(Qt::CTRL | Qt::Key_E), this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export plots to"));
    if (!dir.isEmpty()) exportPlots(dir);
  });
  file->addSeparator();
  file->addAction(tr("&Settings…"), QKeySequence::Preferences, this,
                  [this] { SettingsDialog(this).exec(); });
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  for (int i = 0; i < kPageNames.size(); ++i) {
    // A tab's accelerator ("&Fleet", "设备群(&F)") is not part of the menu entry's name.
    QString name = m_tabs->tabText(i);
    name.remove(QRegularExpression(QStringLiteral("\\(&.\\)"))).remove('&');
    view->addAction(name, QKeySequence(Qt::CTRL | (Qt::Key_1 + i)), this, [this, i] {
      if (m_pages->currentWidget() == m_tabs) m_tabs->setCurrentIndex(i);
    });
  }
  view->addSeparator();
  view->addAction(m_log_dock->toggleViewAction());
  m_log_dock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));

  QMenu* rounds = menuBar()->addMenu(tr("&Rounds"));
  RoundControls* controls = m_rounds_view->controls();
  rounds->addAction(tr("&Start"), QKeySequence(Qt::CTRL | Qt::Key_R), controls->startButton(),
                    &QPushButton::click);
  rounds->addAction(tr("&Pause"), QKeySequence(Qt::CTRL | Qt::Key_P), controls->pauseButton(),
                    &QPushButton::click);
  rounds->addAction(tr("S&top"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
                    controls->stopButton(), &QPushButton::click);

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About Cleave"), this, [this] {
    QMessageBox::about(this, tr("About Cleave"),
                       tr("<h3>Cleave %1</h3><p>Edge-cloud split training and early-exit "
                          "inference of neural networks.</p><p>Drag the split on the Model page, "
                          "run rounds on the Rounds page, replay any recorded session.</p>")
                           .arg(QCoreApplication::applicationVersion()));
  });
}

void MainWindow::showPage(const QString& page) {
  const int index = int(kPageNames.indexOf(page));
  if (index >= 0) m_tabs->setCurrentIndex(index);
}

void MainWindow::closeSource() {
  m_link.reset();
  m_player.reset();
  m_local_fleet.reset();  // stops the cloud and its agents
  m_commands_in_flight.clear();
}

void MainWindow::attachSource(EventSource* source, const QString& description, bool live) {
  m_binder->reset();
  m_binder->setCommandsEnabled(live);
  m_session_view->setReplayMode(!live);
  m_session_view->setSessionFile(m_session_file);
  m_source_label->setText(description);
  connect(source, &EventSource::eventsArrived, m_binder.get(), &ViewBinder::applyEvents);
  connect(source, &EventSource::resetRequested, m_binder.get(), &ViewBinder::reset);
  connect(source, &EventSource::stateChanged, this, &MainWindow::onSourceState);
  m_pages->setCurrentWidget(m_tabs);
  m_log_dock->show();
  if (m_options.page.isEmpty()) showPage("rounds");  // where a session shows most
}

void MainWindow::onSourceState(SourceState state, const QString& detail) {
  const QString name = sourceStateName(state);
  m_connection->setText(detail.isEmpty() ? name : tr("%1: %2").arg(name, detail));
  const bool live = m_link != nullptr;
  m_binder->setCommandsEnabled(live && state == SourceState::Connected);
  m_session_view->setPlaying(state == SourceState::Playing);
  if (state == SourceState::Failed || state == SourceState::Disconnected) {
    m_binder->logLocal("warning", detail.isEmpty() ? name : detail);
  }
}

void MainWindow::openLocalFleet(int agents, const QString& use_case) {
  closeSource();
  m_local_fleet = std::make_unique<LocalFleet>();
  LocalFleet* fleet = m_local_fleet.get();
  connect(fleet, &LocalFleet::failed, this,
          [this](const QString& reason) { reportError(tr("Local fleet"), reason); });
  connect(fleet, &LocalFleet::ready, this, [this, fleet] {
    auto config = fleet->linkConfig();
    if (!config) return;
    // A local cloud evaluating on a busy 2-core box can be silent for seconds; that is not death.
    config->liveness_timeout_ms = kLocalLivenessMs;
    m_session_file = fleet->sessionFile();
    m_link = std::make_unique<CloudLink>(*config);
    startLink(tr("local fleet · %1").arg(fleet->dataDir()));
  });
  LocalFleetOptions o;
  o.devices = agents;
  o.use_case = use_case;
  m_connection->setText(tr("starting a local fleet…"));
  if (!fleet->start(o)) return;  // failed() was emitted
  m_pages->setCurrentWidget(m_tabs);
  m_log_dock->show();
}

void MainWindow::openConnection(const ConnectionSettings& settings) {
  closeSource();
  auto config = linkConfigFor(settings);
  if (auto* error = std::get_if<QString>(&config)) {
    reportError(tr("Connect to a cloud"), *error);
    return;
  }
  try {
    m_link = std::make_unique<CloudLink>(std::get<CloudLinkConfig>(config));
  } catch (const std::exception& e) {
    reportError(tr("Connect to a cloud"), QString::fromStdString(e.what()));
    return;
  }
  m_session_file.clear();
  startLink(tr("cloud %1").arg(settings.control));
}

void MainWindow::startLink(const QString& description) {
  connect(m_link.get(), &CloudLink::commandFinished, this,
          [this](quint64 id, bool ok, const QString& error, const QByteArray&) {
            const QString what = m_commands_in_flight.take(id);
            if (!ok) m_binder->logLocal("error", tr("%1 failed: %2").arg(what, error));
            statusBar()->showMessage(
                ok ? tr("Done: %1").arg(what) : tr("%1 failed: %2").arg(what, error),
                ok ? 4000 : 8000);
          });
  attachSource(m_link.get(), description, true);
  m_link->start();
}

void MainWindow::openReplay(const QString& path) {
  closeSource();
  m_player = std::make_unique<SessionPlayer>();
  m_session_file = path;
  SessionPlayer* player = m_player.get();
  connect(player, &SessionPlayer::opened, this, [this, player](const SessionFileInfo& info) {
    m_start->addRecentSession(info.path);
    m_session_view->setRange(info.start_us, info.end_us);
    player->setSpeed(m_unattended ? SessionPlayer::kMaxSpeed : 1.0);
    player->play();
  });
  connect(player, &SessionPlayer::durationChanged, m_session_view, &SessionView::setRange);
  connect(player, &SessionPlayer::positionChanged, m_session_view, &SessionView::setPosition);
  connect(m_session_view, &SessionView::playRequested, player, &SessionPlayer::play);
  connect(m_session_view, &SessionView::pauseRequested, player, &SessionPlayer::pause);
  connect(m_session_view, &SessionView::seekRequested, player, &SessionPlayer::seek);
  connect(m_session_view, &SessionView::speedChosen, player, &SessionPlayer::setSpeed);
  attachSource(player, tr("replay · %1").arg(QFileInfo(path).fileName()), false);
  player->open(path);
}

void MainWindow::sendCommand(const net::Command& command) {
  if (!m_link) {
    statusBar()->showMessage(tr("A recording cannot take commands"), 4000);
    return;
  }
  m_commands_in_flight.insert(m_link->sendCommand(command), describe(command));
}

void MainWindow::reportError(const QString& title, const QString& message) {
  m_connection->setText(tr("error"));
  m_binder->logLocal("error", message);
  statusBar()->showMessage(message);
  std::fprintf(stderr, "cleave-studio: %s: %s\n", qPrintable(title), qPrintable(message));
  if (!m_unattended) QMessageBox::warning(this, title, message);
}

void MainWindow::exportCsv(const QString& dir) {
  if (m_session_file.isEmpty()) {
    reportError(tr("Export"), tr("This session is not recorded to a file on this computer."));
    return;
  }
  try {
    const SessionReader reader(m_session_file.toStdString());
    const CsvExportSummary summary = exportMetricsCsv(reader, dir.toStdString());
    statusBar()->showMessage(tr("Wrote metrics.csv, events.csv and rounds.csv (%1 metric rows) "
                                "to %2")
                                 .arg(summary.metric_rows)
                                 .arg(dir),
                             6000);
  } catch (const std::exception& e) {
    reportError(tr("Export"), QString::fromStdString(e.what()));
  }
}

void MainWindow::exportPlots(const QString& dir) {
  int written = 0;
  for (const auto& [name, plot] : m_binder->plots()) {
    savePlotPng(plot, QDir(dir).filePath(name + ".png"));
    savePlotSvg(plot, QDir(dir).filePath(name + ".svg"));
    ++written;
  }
  statusBar()->showMessage(tr("Wrote %1 plots as PNG and SVG to %2").arg(written).arg(dir), 6000);
}

QString MainWindow::summary() const {
  return m_binder->summary();
}

bool MainWindow::saveScreenshot(const QString& path) {
  return grab().save(path, "PNG");
}

void MainWindow::closeEvent(QCloseEvent* event) {
  QSettings settings;
  settings.setValue("window/geometry", saveGeometry());
  settings.setValue("window/state", saveState());
  closeSource();
  event->accept();
}

}  // namespace cleave::studio
