// Test helpers for the real cleave-cloud and cleave-agent processes on loopback: start them, read
// their output while they run, wait for lines with a timeout, and make approved agent keys. Used
// by the tests in tests/cloud from the test's main thread only (QProcess is not thread-safe).
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <string>

#include "core/net/key_store.h"
#include "core/net/keys.h"

namespace cleave::test {

// A child process whose merged stdout+stderr is collected as it runs.
class ChildProcess {
 public:
  ~ChildProcess() { stop(); }

  void start(const QString& program, const QStringList& args) {
    m_output.clear();
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(program, args);
    m_process.waitForStarted(10'000);
  }
  // Everything printed so far (reads what is pending first).
  const QByteArray& output() {
    while (m_process.state() != QProcess::NotRunning && m_process.waitForReadyRead(0)) {
    }  // pulls what the pipe holds into the buffer
    m_output += m_process.readAll();
    return m_output;
  }
  // Polls until `text` appears `times` times in the output, the process ends or `ms` pass.
  bool waitFor(const QByteArray& text, int ms, int times = 1) {
    QElapsedTimer timer;
    timer.start();
    while (output().count(text) < times) {
      if (m_process.state() == QProcess::NotRunning || timer.elapsed() > ms) {
        return output().count(text) >= times;
      }
      m_process.waitForReadyRead(100);
    }
    return true;
  }
  // Waits for the process to exit by itself; false on timeout.
  bool waitForExit(int ms) {
    QElapsedTimer timer;
    timer.start();
    while (m_process.state() != QProcess::NotRunning && timer.elapsed() < ms) {
      m_process.waitForFinished(100);
      output();
    }
    output();
    return m_process.state() == QProcess::NotRunning;
  }
  void kill() {
    m_process.kill();
    m_process.waitForFinished(5000);
    output();
  }
  void stop() {
    if (m_process.state() == QProcess::NotRunning) return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) kill();
    output();
  }
  bool running() const { return m_process.state() != QProcess::NotRunning; }
  int exitCode() const { return m_process.exitCode(); }
  QProcess::ExitStatus exitStatus() const { return m_process.exitStatus(); }
  qint64 pid() const { return m_process.processId(); }

 private:
  QProcess m_process;
  QByteArray m_output;
};

// cleave-cloud with the agent endpoint it printed ("tcp://127.0.0.1:PORT", the port resolved).
class CloudProcess : public ChildProcess {
 public:
  // Starts the cloud with `args` (which should bind tcp://127.0.0.1:* or a known port) and waits
  // for its "listening" line.
  bool startCloud(const QStringList& args) {
    start(CLEAVE_CLOUD_BINARY, args);
    const QByteArray marker = "listening for agents on ";
    if (!waitFor(marker, 60'000)) return false;
    const QByteArray& out = output();
    const int at = out.indexOf(marker);
    const int end = out.indexOf('\n', at);
    if (end < 0) return false;
    endpoint = out.mid(at + marker.size(), end - at - marker.size()).trimmed().toStdString();
    return endpoint.rfind("tcp://127.0.0.1:", 0) == 0;
  }
  std::string endpoint;
};

// A cloud key store in `keys_dir` with its server key pair created; returns the cloud's public
// key (the file agents pass as --cloud-key is keys_dir/cloud.key).
inline std::string prepareCloudKeys(const std::string& keys_dir) {
  KeyStore store(keys_dir);
  return store.serverKeys().public_z85;
}

// Makes an agent key pair in `agent_dir`, approved by the cloud's store in `keys_dir`.
inline CurveKeyPair approvedAgentKeys(const std::string& keys_dir, const std::string& agent_dir,
                                      const std::string& name) {
  const CurveKeyPair pair = generateCurveKeyPair();
  writeKeyPair(agent_dir, name, pair);
  KeyStore store(keys_dir);
  store.approveKey(name, pair.public_z85, PeerRole::Device);
  return pair;
}

// Arguments for a real cleave-agent on the factory use case (no emulated link unless given).
inline QStringList agentArgs(const std::string& endpoint, const std::string& name,
                             const std::string& agent_dir, const std::string& keys_dir, int seed) {
  return {"--cloud",     QString::fromStdString(endpoint),
          "--name",      QString::fromStdString(name),
          "--keys",      QString::fromStdString(agent_dir),
          "--cloud-key", QString::fromStdString(keys_dir + "/cloud.key"),
          "--data",      QString("factory:seed=%1").arg(seed)};
}

}  // namespace cleave::test
