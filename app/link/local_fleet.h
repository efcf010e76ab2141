// Starts and owns a local cleave-cloud with a demo fleet (`--demo N --stay`) for the studio: makes
// the keys (the cloud's pair, an operator pair for the studio, approved as an operator), runs the
// process under a per-run data directory, reads the endpoints it prints and hands CloudLink what it
// needs. GUI thread only (QProcess); stops the fleet on destruction (SIGTERM, wait, kill).
#pragma once

#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <optional>

#include "app/link/cloud_link.h"

namespace cleave::studio {

struct LocalFleetOptions {
  int devices = 3;
  QString use_case = QStringLiteral("camera");  // camera | factory
  QString data_dir;        // empty: AppDataLocation/local-fleet/<UTC timestamp>
  QString cloud_binary;    // empty: cleave-cloud next to this program (see findCloudBinary)
  QStringList extra_args;  // more cleave-cloud options (--rounds, --steps ...)
};

class LocalFleet : public QObject {
  Q_OBJECT
 public:
  static constexpr const char* kOperatorName = "studio";
  static constexpr int kStopWaitMs = 5000;

  explicit LocalFleet(QObject* parent = nullptr);
  ~LocalFleet() override;  // stop()

  // The cleave-cloud to run: $CLEAVE_CLOUD_BINARY, else <applicationDirPath>/cleave-cloud.
  // Empty when neither exists.
  static QString findCloudBinary();

  // Makes the keys and starts the process; false (and failed(reason)) when that cannot happen.
  // ready() follows once the cloud has printed its endpoints.
  bool start(const LocalFleetOptions& options);
  void stop();  // SIGTERM, wait up to kStopWaitMs, then SIGKILL
  bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

  QString dataDir() const { return m_dataDir; }
  QString sessionFile() const { return m_sessionFile; }
  QString keysDir() const { return m_keysDir; }
  QString agentEndpoint() const { return m_agentEndpoint; }
  // Everything CloudLink needs; set once ready() was emitted.
  std::optional<CloudLinkConfig> linkConfig() const { return m_linkConfig; }
  // The cloud's recent output (stdout and stderr), for error messages and a log view.
  QString recentOutput() const { return m_output.join(QLatin1Char('\n')); }

 signals:
  void ready();
  void outputLine(const QString& line);
  // The fleet cannot start or stopped by itself; `reason` is for the operator.
  void failed(const QString& reason);

 private:
  void readOutput();
  void parseLine(const QString& line);
  void fail(const QString& reason);

  QProcess m_process;
  QString m_dataDir;
  QString m_keysDir;
  QString m_sessionFile;
  QString m_agentEndpoint;
  QByteArray m_partial;
  QStringList m_output;  // last lines, bounded
  CloudLinkConfig m_pending;
  std::optional<CloudLinkConfig> m_linkConfig;
  bool m_stopping = false;
};

}  // namespace cleave::studio
