#include "app/link/local_fleet.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

#include "core/net/key_store.h"
#include "core/net/keys.h"

namespace cleave::studio {

namespace {
constexpr int kOutputLines = 200;
}

LocalFleet::LocalFleet(QObject* parent) : QObject(parent) {
  m_process.setProcessChannelMode(QProcess::MergedChannels);
  connect(&m_process, &QProcess::readyReadStandardOutput, this, &LocalFleet::readOutput);
  connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
    if (error == QProcess::FailedToStart) {
      fail(tr("cleave-cloud could not be started (%1): %2")
               .arg(m_process.program(), m_process.errorString()));
    }
  });
  connect(&m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
    readOutput();
    if (m_stopping) return;
    const QString how =
        status == QProcess::CrashExit ? tr("crashed") : tr("exited with code %1").arg(code);
    QString tail = m_output.mid(std::max<qsizetype>(0, m_output.size() - 5)).join('\n');
    fail(tr("the local cleave-cloud %1%2").arg(how, tail.isEmpty() ? QString() : ":\n" + tail));
  });
}

LocalFleet::~LocalFleet() {
  stop();
}

QString LocalFleet::findCloudBinary() {
  const QString env = qEnvironmentVariable("CLEAVE_CLOUD_BINARY");
  if (!env.isEmpty() && QFileInfo(env).isExecutable()) return env;
  const QString next = QCoreApplication::applicationDirPath() + QStringLiteral("/cleave-cloud");
  if (QFileInfo(next).isExecutable()) return next;
  return {};
}

void LocalFleet::fail(const QString& reason) {
  emit failed(reason);
}

bool LocalFleet::start(const LocalFleetOptions& options) {
  if (isRunning()) {
    fail(tr("a local fleet is already running"));
    return false;
  }
  if (options.devices < 1 || options.devices > 64) {
    fail(tr("a local fleet has 1 to 64 devices, not %1").arg(options.devices));
    return false;
  }
  if (options.use_case != QLatin1String("camera") && options.use_case != QLatin1String("factory")) {
    fail(tr("unknown use case '%1': expected camera or factory").arg(options.use_case));
    return false;
  }
  const QString binary = options.cloud_binary.isEmpty() ? findCloudBinary() : options.cloud_binary;
  if (binary.isEmpty() || !QFileInfo(binary).isExecutable()) {
    fail(tr("cleave-cloud was not found (looked for %1); build it or set CLEAVE_CLOUD_BINARY")
             .arg(binary.isEmpty()
                      ? QCoreApplication::applicationDirPath() + QStringLiteral("/cleave-cloud")
                      : binary));
    return false;
  }
  m_dataDir = options.data_dir;
  if (m_dataDir.isEmpty()) {
    m_dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                QStringLiteral("/local-fleet/") +
                QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
  }
  if (!QDir().mkpath(m_dataDir)) {
    fail(tr("cannot create the fleet's data directory %1").arg(m_dataDir));
    return false;
  }
  m_keysDir = m_dataDir + QStringLiteral("/keys");
  m_sessionFile = m_dataDir + QStringLiteral("/session.cleave");
  try {
    KeyStore store(m_keysDir.toStdString());
    const CurveKeyPair cloud = store.serverKeys();
    const std::filesystem::path studio_dir =
        (m_dataDir + QStringLiteral("/studio-key")).toStdString();
    CurveKeyPair operator_keys;
    if (std::filesystem::exists(keyFilePaths(studio_dir, kOperatorName).secret_file)) {
      operator_keys = readKeyPair(studio_dir, kOperatorName);  // a reused data dir keeps its key
    } else {
      operator_keys = generateCurveKeyPair();
      writeKeyPair(studio_dir, kOperatorName, operator_keys);
    }
    if (!store.isApproved(operator_keys.public_z85)) {
      store.approveKey(kOperatorName, operator_keys.public_z85, PeerRole::Operator);
    }
    m_pending = CloudLinkConfig{};
    m_pending.server_public_z85 = cloud.public_z85;
    m_pending.operator_name = kOperatorName;
    m_pending.operator_keys = operator_keys;
  } catch (const std::exception& e) {
    fail(tr("cannot prepare the fleet's keys in %1: %2").arg(m_keysDir, e.what()));
    return false;
  }
  QStringList args{QStringLiteral("--demo"),
                   QString::number(options.devices),
                   QStringLiteral("--use-case"),
                   options.use_case,
                   QStringLiteral("--stay"),
                   QStringLiteral("--listen"),
                   QStringLiteral("tcp://127.0.0.1:*"),
                   QStringLiteral("--control"),
                   QStringLiteral("tcp://127.0.0.1:*"),
                   QStringLiteral("--events"),
                   QStringLiteral("tcp://127.0.0.1:*"),
                   QStringLiteral("--keys"),
                   m_keysDir,
                   QStringLiteral("--session"),
                   m_sessionFile};
  args += options.extra_args;
  m_linkConfig.reset();
  m_agentEndpoint.clear();
  m_output.clear();
  m_partial.clear();
  m_stopping = false;
  m_process.setWorkingDirectory(m_dataDir);
  m_process.start(binary, args);
  return true;
}

void LocalFleet::stop() {
  if (m_process.state() == QProcess::NotRunning) return;
  m_stopping = true;
  m_process.terminate();
  if (!m_process.waitForFinished(kStopWaitMs)) {
    m_process.kill();
    m_process.waitForFinished(kStopWaitMs);
  }
}

void LocalFleet::readOutput() {
  m_partial += m_process.readAllStandardOutput();
  qsizetype end = 0;
  while ((end = m_partial.indexOf('\n')) >= 0) {
    const QString line = QString::fromUtf8(m_partial.left(end)).trimmed();
    m_partial.remove(0, end + 1);
    if (line.isEmpty()) continue;
    m_output.append(line);
    if (m_output.size() > kOutputLines) m_output.removeFirst();
    emit outputLine(line);
    parseLine(line);
  }
}

void LocalFleet::parseLine(const QString& line) {
  // "endpoints agents=tcp://127.0.0.1:41234 control=tcp://127.0.0.1:41235 events=tcp://..."
  if (m_linkConfig || !line.startsWith(QLatin1String("endpoints "))) return;
  QString agents, control, events;
  for (const QString& token : line.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
    const qsizetype eq = token.indexOf(QLatin1Char('='));
    if (eq <= 0) continue;
    const QString key = token.left(eq);
    const QString value = token.mid(eq + 1);
    if (key == QLatin1String("agents")) agents = value;
    if (key == QLatin1String("control")) control = value;
    if (key == QLatin1String("events")) events = value;
  }
  if (control.isEmpty() || events.isEmpty()) {
    fail(tr("cleave-cloud printed an endpoints line without control/events: %1").arg(line));
    return;
  }
  m_agentEndpoint = agents;
  CloudLinkConfig config = m_pending;
  config.control_endpoint = control.toStdString();
  config.events_endpoint = events.toStdString();
  m_linkConfig = config;
  emit ready();
}

}  // namespace cleave::studio
