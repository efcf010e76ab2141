// The real cleave-agent binary against a FakeCloud over CURVE on loopback: it registers, trains a
// planned round (3 Activations answered with zero Gradients), keeps heartbeating, says Bye on
// SIGTERM; and bad options end it with a message naming the option.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>

#include "core/net/keys.h"
#include "tests/doubles/fake_cloud.h"

using namespace cleave;
namespace fs = std::filesystem;

namespace {

constexpr int kTimeoutMs = 60000;  // generous: two cores shared with builds; never waited when well

// Fits the factory generator's windows ([3, 1024], 5 classes); cheap to train.
const char* kFactorySpec = R"({
  "name": "tiny-factory", "input_shape": [3, 1024], "num_classes": 5,
  "layers": [
    {"name": "conv1", "type": "conv1d", "out_channels": 4, "kernel": 8, "stride": 8},
    {"name": "relu1", "type": "relu"},
    {"name": "pool", "type": "adaptive_avgpool1d", "output_size": 4},
    {"name": "flat", "type": "flatten"},
    {"name": "fc", "type": "linear", "out_features": 5}
  ]
})";

template <typename T>
int countOf(const std::vector<net::Message>& messages) {
  return int(std::count_if(messages.begin(), messages.end(), [](const net::Message& m) {
    return std::holds_alternative<T>(m.body);
  }));
}

// Index of the last message of type T, or -1.
template <typename T>
int lastOf(const std::vector<net::Message>& messages) {
  for (int i = int(messages.size()) - 1; i >= 0; --i) {
    if (std::holds_alternative<T>(messages[size_t(i)].body)) return i;
  }
  return -1;
}

}  // namespace

class TstAgentProcess : public QObject {
  Q_OBJECT

 private slots:
  void init();
  void trainsAPlannedRound();
  void badOptionsNameTheOption_data();
  void badOptionsNameTheOption();

 private:
  QStringList agentArgs(const std::string& endpoint) const;

  std::unique_ptr<QTemporaryDir> m_tmp;
  fs::path m_keys;
  fs::path m_cloud_key;
  CurveKeyPair m_agent_keys;
};

void TstAgentProcess::init() {
  m_tmp = std::make_unique<QTemporaryDir>();
  QVERIFY(m_tmp->isValid());
  m_keys = fs::path(m_tmp->path().toStdString()) / "agent-keys";
  m_agent_keys = generateCurveKeyPair();
  writeKeyPair(m_keys, "edge-1", m_agent_keys);
  m_cloud_key = m_keys / "cloud.key";
}

QStringList TstAgentProcess::agentArgs(const std::string& endpoint) const {
  return {"--cloud",     QString::fromStdString(endpoint),
          "--name",      "edge-1",
          "--keys",      QString::fromStdString(m_keys.string()),
          "--cloud-key", QString::fromStdString(m_cloud_key.string()),
          "--data",      "factory:seed=2",
          "--link",      "bw=1gbit,lat=1ms"};
}

void TstAgentProcess::trainsAPlannedRound() {
  test::FakeCloud::Script script;
  script.model_spec_json = kFactorySpec;
  script.plan.round = 1;
  script.plan.cut = 2;
  script.plan.steps = 3;
  script.plan.batch = 8;
  script.plan.learning_rate = 0.05;
  script.plan.deadline_ms = 10000;
  test::FakeCloud cloud(fs::path(m_tmp->path().toStdString()) / "cloud", script);
  cloud.approve("edge-1", m_agent_keys.public_z85);
  writePublicKey(m_keys, "cloud", cloud.publicKey());
  cloud.start();

  QProcess agent;
  agent.setProcessChannelMode(QProcess::ForwardedErrorChannel);
  agent.start(CLEAVE_AGENT_BIN, agentArgs(cloud.endpoint()));
  QVERIFY(agent.waitForStarted(kTimeoutMs));
  // Three Activations of the plan, in step order, then a Heartbeat after the last of them.
  QTRY_VERIFY_WITH_TIMEOUT(
      countOf<net::Activations>(cloud.received()) >= 3 &&
          lastOf<net::Heartbeat>(cloud.received()) > lastOf<net::Activations>(cloud.received()),
      kTimeoutMs);
  const auto messages = cloud.received();
  QCOMPARE(countOf<net::Activations>(messages), 3);
  QCOMPARE(cloud.undecodable(), uint64_t{0});
  const auto& first = std::get<net::Hello>(messages.front().body);
  QCOMPARE(first.device_name, std::string("edge-1"));
  QVERIFY(first.layer_ms.empty());
  QCOMPARE(first.link.up_mbps, 1000.0);
  QCOMPARE(first.link.latency_ms, 1.0);
  uint32_t step = 0;
  for (const auto& m : messages) {
    if (const auto* hello = std::get_if<net::Hello>(&m.body); hello && !hello->layer_ms.empty()) {
      QCOMPARE(hello->layer_ms.size(), size_t{5});
      QCOMPARE(hello->profile_batch, 32u);
    }
    const auto* a = std::get_if<net::Activations>(&m.body);
    if (!a) continue;
    QCOMPARE(a->round, 1u);
    QCOMPARE(a->step, step++);
    QCOMPARE(a->labels.size(), size_t{8});
    QCOMPARE(a->activation.shape, (Shape{8, 4, 128}));  // conv1d k8 s8 over 1024 -> 128
    for (int64_t label : a->labels)
      QVERIFY(label >= 0 && label < 5);
  }
  agent.terminate();  // SIGTERM: Bye, exit 0
  QVERIFY(agent.waitForFinished(kTimeoutMs));
  QCOMPARE(agent.exitStatus(), QProcess::NormalExit);
  QCOMPARE(agent.exitCode(), 0);
  QTRY_VERIFY_WITH_TIMEOUT(countOf<net::Bye>(cloud.received()) == 1, kTimeoutMs);
  const QString out = QString::fromUtf8(agent.readAllStandardOutput());
  QVERIFY2(out.contains("round 1 cut 2 steps 3/3"), qPrintable(out));
}

void TstAgentProcess::badOptionsNameTheOption_data() {
  QTest::addColumn<QString>("option");
  QTest::addColumn<QString>("value");
  QTest::addRow("link") << "--link"
                        << "bw=fast";
  QTest::addRow("link unknown key") << "--link"
                                    << "speed=20mbit";
  QTest::addRow("slowdown") << "--slowdown"
                            << "0.5";
  QTest::addRow("data") << "--data"
                        << "imagenet";
  QTest::addRow("seed") << "--seed"
                        << "x1";
}

void TstAgentProcess::badOptionsNameTheOption() {
  QFETCH(QString, option);
  QFETCH(QString, value);
  QStringList args = agentArgs("tcp://127.0.0.1:1");
  const auto at = args.indexOf(option);
  if (at >= 0) {
    args[at + 1] = value;
  } else {
    args << option << value;
  }
  QProcess agent;
  agent.start(CLEAVE_AGENT_BIN, args);
  QVERIFY(agent.waitForFinished(kTimeoutMs));
  QCOMPARE(agent.exitCode(), 2);
  const QString err = QString::fromUtf8(agent.readAllStandardError());
  QVERIFY2(err.contains(option + " '" + value + "'"), qPrintable(err));
}

QTEST_APPLESS_MAIN(TstAgentProcess)
#include "tst_agent_process.moc"
