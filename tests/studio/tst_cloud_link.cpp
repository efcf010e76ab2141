// CloudLink against FakeControlCloud over CURVE on loopback: SYNC catch-up (paged), live events
// without duplicates, commands and their replies, a cloud that disappears (Disconnected, commands
// fail with a reason) and comes back on the same ports (Connected, missed events caught up).
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/link/cloud_link.h"
#include "core/net/keys.h"
#include "tests/doubles/fake_control_cloud.h"

using namespace cleave;
using namespace cleave::studio;

namespace {

Event makeEvent(int64_t t_us, const std::string& kind, const std::string& device = {}) {
  return Event{t_us, kind, 1, device, nlohmann::json{{"n", t_us}}.dump()};
}

// Every event the link delivered, flattened.
std::vector<Event> delivered(const QSignalSpy& spy) {
  std::vector<Event> all;
  for (const auto& args : spy) {
    for (const Event& e : args.at(0).value<QVector<Event>>())
      all.push_back(e);
  }
  return all;
}

}  // namespace

class TstCloudLink : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  CurveKeyPair m_operator = generateCurveKeyPair();

  std::unique_ptr<test::FakeControlCloud> makeCloud(
      const std::string& control = "tcp://127.0.0.1:*",
      const std::string& events = "tcp://127.0.0.1:*", std::vector<Event> history = {}) {
    auto cloud = std::make_unique<test::FakeControlCloud>(m_dir.filePath("keys").toStdString(),
                                                          control, events, std::move(history));
    cloud->approveOperator("studio", m_operator.public_z85);
    return cloud;
  }

  CloudLinkConfig config(const test::FakeControlCloud& cloud) {
    CloudLinkConfig c;
    c.control_endpoint = cloud.controlEndpoint();
    c.events_endpoint = cloud.eventsEndpoint();
    c.server_public_z85 = cloud.publicKey();
    c.operator_name = "studio";
    c.operator_keys = m_operator;
    c.sync_interval_ms = 150;
    c.liveness_timeout_ms = 700;
    c.command_timeout_ms = 900;
    return c;
  }

 private slots:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void rejectsUnusableConfig() {
    CloudLinkConfig c;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, CloudLink link(c));
  }

  void catchesUpThenStreamsWithoutDuplicates() {
    std::vector<Event> history;
    for (int i = 0; i < 120; ++i)  // more than one SYNC page
      history.push_back(makeEvent(1000 + i * 10, "log"));
    auto cloud = makeCloud("tcp://127.0.0.1:*", "tcp://127.0.0.1:*", history);
    CloudLink link(config(*cloud));
    QSignalSpy events(&link, &CloudLink::eventsArrived);
    QSignalSpy states(&link, &CloudLink::stateChanged);
    link.start();
    QTRY_COMPARE_WITH_TIMEOUT(link.state(), SourceState::Connected, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(delivered(events).size(), size_t{120}, 5000);
    QCOMPARE(delivered(events), history);  // all of it, in order

    // Live: PUB and the periodic SYNC both carry these; each must arrive once.
    for (int i = 0; i < 5; ++i)
      cloud->publish(makeEvent(5000 + i, "phase_timing", "cam-" + std::to_string(i)));
    QTRY_COMPARE_WITH_TIMEOUT(delivered(events).size(), size_t{125}, 5000);
    const int syncs = cloud->syncCount();
    QTRY_VERIFY_WITH_TIMEOUT(cloud->syncCount() >= syncs + 3, 5000);
    QTest::qWait(50);  // let a final batch (if any) through the 33 ms batch timer
    QCOMPARE(delivered(events).size(), size_t{125});
  }

  void commandsGetTheirReplies() {
    auto cloud = makeCloud();
    CloudLink link(config(*cloud));
    QSignalSpy finished(&link, &CloudLink::commandFinished);
    link.start();
    net::Command split;
    split.kind = net::CommandKind::SetSplit;
    split.device = "cam-1";
    split.split_mode = net::SplitMode::Manual;
    split.cut = 3;
    QElapsedTimer t0;
    t0.start();
    const quint64 id = link.sendCommand(split);  // before Connected: queued, then sent
    QTRY_COMPARE_WITH_TIMEOUT(link.state(), SourceState::Connected, 5000);
    qDebug() << "connected after" << t0.elapsed() << "ms";
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
    QCOMPARE(finished.at(0).at(0).toULongLong(), id);
    QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(2).toString()));
    QCOMPARE(cloud->commands().size(), size_t{1});
    QCOMPARE(cloud->commands().at(0), split);

    cloud->setCommandReply({false, "cut 9 is outside 0..5", ""});
    const quint64 bad = link.sendCommand(split);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 5000);
    QCOMPARE(finished.at(1).at(0).toULongLong(), bad);
    QVERIFY(!finished.at(1).at(1).toBool());
    QCOMPARE(finished.at(1).at(2).toString(), QStringLiteral("cut 9 is outside 0..5"));

    net::Command sync;
    sync.kind = net::CommandKind::Sync;
    link.sendCommand(sync);  // the link's own business
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 5000);
    QVERIFY(!finished.at(2).at(1).toBool());
  }

  void survivesACloudThatDisappearsAndComesBack() {
    auto cloud = makeCloud();
    const std::string control = cloud->controlEndpoint();
    const std::string events_ep = cloud->eventsEndpoint();
    CloudLink link(config(*cloud));
    QSignalSpy events(&link, &CloudLink::eventsArrived);
    QSignalSpy finished(&link, &CloudLink::commandFinished);
    link.start();
    QTRY_COMPARE_WITH_TIMEOUT(link.state(), SourceState::Connected, 5000);
    cloud->publish(makeEvent(100, "session_start"));
    QTRY_COMPARE_WITH_TIMEOUT(delivered(events).size(), size_t{1}, 5000);
    std::vector<Event> log = cloud->log();

    cloud.reset();  // gone
    QTRY_COMPARE_WITH_TIMEOUT(link.state(), SourceState::Disconnected, 5000);
    QVERIFY(link.stateDetail().contains("no reply"));
    net::Command pause;
    pause.kind = net::CommandKind::PauseRounds;
    link.sendCommand(pause);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
    QVERIFY(!finished.at(0).at(1).toBool());
    QVERIFY(finished.at(0).at(2).toString().contains("not connected"));

    // Back on the same ports with the same keys; two events happened while the studio was away.
    log.push_back(makeEvent(200, "round_start"));
    log.push_back(makeEvent(300, "round_end"));
    cloud = makeCloud(control, events_ep, log);
    QTRY_COMPARE_WITH_TIMEOUT(link.state(), SourceState::Connected, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(delivered(events).size(), size_t{3}, 5000);
    QCOMPARE(delivered(events).at(1).kind, std::string("round_start"));
    QCOMPARE(delivered(events).at(2).kind, std::string("round_end"));
    cloud->publish(makeEvent(400, "round_start"));
    QTRY_COMPARE_WITH_TIMEOUT(delivered(events).size(), size_t{4}, 5000);
  }

  void unapprovedKeyIsNamedAsTheReason() {
    auto cloud = makeCloud();
    CloudLinkConfig c = config(*cloud);
    c.operator_keys = generateCurveKeyPair();  // never approved
    CloudLink link(c);
    link.start();
    QTRY_COMPARE_WITH_TIMEOUT(link.state(), SourceState::Disconnected, 5000);
    QVERIFY2(link.stateDetail().contains("refused this studio's key"),
             qPrintable(link.stateDetail()));
  }

  void aNewSessionStartsOver() {
    auto cloud = makeCloud();
    const std::string control = cloud->controlEndpoint();
    const std::string events_ep = cloud->eventsEndpoint();
    CloudLink link(config(*cloud));
    QSignalSpy events(&link, &CloudLink::eventsArrived);
    QSignalSpy resets(&link, &CloudLink::resetRequested);
    link.start();
    QTRY_COMPARE_WITH_TIMEOUT(link.state(), SourceState::Connected, 5000);
    cloud->publish(makeEvent(60'000'000, "session_start"));
    cloud->publish(makeEvent(61'000'000, "round_start"));
    QTRY_COMPARE_WITH_TIMEOUT(delivered(events).size(), size_t{2}, 5000);
    const int syncs = cloud->syncCount();
    QTRY_VERIFY_WITH_TIMEOUT(cloud->syncCount() > syncs + 1, 5000);  // watermark past 61 s

    cloud.reset();  // a fresh cloud, a fresh session: its clock starts again near zero
    cloud = makeCloud(control, events_ep);
    QTRY_COMPARE_WITH_TIMEOUT(link.state(), SourceState::Connected, 10000);
    // Live events from the new session (published until the SUB has reconnected and sees one).
    int64_t t = 1000;
    cloud->publish(makeEvent(t, "session_start"));
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
          if (resets.size() == 0) cloud->publish(makeEvent(t += 1000, "log"));
          return resets.size() == 1;
        }(),
        10000);
    // After the reset: the new session's whole history (SYNC from 0), in order, once.
    const std::vector<Event> log = cloud->log();
    auto afterReset = [&] {
      std::vector<Event> all = delivered(events);
      std::vector<Event> tail;
      for (const Event& e : all)
        if (e.t_us < 60'000'000) tail.push_back(e);
      return tail;
    };
    QTRY_COMPARE_WITH_TIMEOUT(afterReset().size(), log.size(), 5000);
    QCOMPARE(afterReset(), log);
  }

  void hungCloudIsDisconnected() {
    auto cloud = makeCloud();
    CloudLink link(config(*cloud));
    link.start();
    QTRY_COMPARE_WITH_TIMEOUT(link.state(), SourceState::Connected, 5000);
    cloud->setSilent(true);
    QTRY_COMPARE_WITH_TIMEOUT(link.state(), SourceState::Disconnected, 5000);
    cloud->setSilent(false);
    QTRY_COMPARE_WITH_TIMEOUT(link.state(), SourceState::Connected, 10000);
  }
};

QTEST_GUILESS_MAIN(TstCloudLink)
#include "tst_cloud_link.moc"
