// LocalFleet with the real cleave-cloud: --demo 1 with tiny rounds starts, the endpoints line is
// parsed, CloudLink connects with the generated operator key and receives session_start; the fleet
// stops with the object. Skipped (with the reason) when cleave-cloud/cleave-agent are not built.
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "app/link/cloud_link.h"
#include "app/link/local_fleet.h"
#include "app/model/session_state.h"
#include "app/model/split_controller.h"

using namespace cleave;
using namespace cleave::studio;

class TstLocalFleet : public QObject {
  Q_OBJECT

 private slots:
  void missingBinaryIsAClearError() {
    QTemporaryDir dir;
    LocalFleet fleet;
    QSignalSpy failed(&fleet, &LocalFleet::failed);
    LocalFleetOptions options;
    options.data_dir = dir.path();
    options.cloud_binary = dir.filePath("no-such-cleave-cloud");
    QVERIFY(!fleet.start(options));
    QCOMPARE(failed.size(), 1);
    QVERIFY(failed.at(0).at(0).toString().contains("not found"));
  }

  void badOptionsAreRefused() {
    LocalFleet fleet;
    QSignalSpy failed(&fleet, &LocalFleet::failed);
    LocalFleetOptions options;
    options.use_case = "kitchen";
    QVERIFY(!fleet.start(options));
    QVERIFY(failed.at(0).at(0).toString().contains("kitchen"));
  }

  void realCloudStartsAndStreams() {
    // $CLEAVE_CLOUD_BINARY runs the test against another build's cloud (as LocalFleet allows).
    const QString binary =
        qEnvironmentVariable("CLEAVE_CLOUD_BINARY", QStringLiteral(CLEAVE_CLOUD_BINARY));
    const QString agent = QFileInfo(binary).absolutePath() + QStringLiteral("/cleave-agent");
    if (!QFileInfo(binary).isExecutable() || !QFileInfo(agent).isExecutable()) {
      QSKIP(
          "cleave-cloud and cleave-agent are not built in this build tree "
          "(cmake --build ... --target cleave-cloud cleave-agent)");
    }
    QTemporaryDir dir;
    LocalFleet fleet;
    QSignalSpy ready(&fleet, &LocalFleet::ready);
    QSignalSpy failed(&fleet, &LocalFleet::failed);
    LocalFleetOptions options;
    options.devices = 1;
    options.use_case = QStringLiteral("factory");
    options.data_dir = dir.path();
    options.cloud_binary = binary;
    options.extra_args = {"--rounds", "1", "--steps", "2", "--batch", "8", "--test-limit", "50"};
    QVERIFY(fleet.start(options));
    QTRY_VERIFY2_WITH_TIMEOUT(ready.size() == 1 || !failed.isEmpty(), "no endpoints line", 60000);
    QVERIFY2(failed.isEmpty(), qPrintable(fleet.recentOutput()));
    QVERIFY(fleet.linkConfig().has_value());
    QVERIFY(fleet.agentEndpoint().startsWith("tcp://127.0.0.1:"));

    CloudLink link(*fleet.linkConfig());
    QSignalSpy events(&link, &CloudLink::eventsArrived);
    link.start();
    QTRY_COMPARE_WITH_TIMEOUT(link.state(), SourceState::Connected, 20000);
    auto sawSessionStart = [&] {
      for (const auto& args : events) {
        for (const Event& e : args.at(0).value<QVector<Event>>())
          if (e.kind == event_kind::kSessionStart) return true;
      }
      return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(sawSessionStart(), 30000);

    // The real contract end to end: the model from session_start, a profiled device, a graph, a
    // SetSplit the cloud accepts.
    SessionState state;
    for (const auto& args : events)
      state.apply(args.at(0).value<QVector<Event>>());
    connect(&link, &CloudLink::eventsArrived, &state, &SessionState::apply);
    QTRY_VERIFY2_WITH_TIMEOUT(state.session().spec.has_value(),
                              qPrintable(state.session().spec_error), 30000);
    auto profiled = [&] {
      for (const auto& [name, d] : state.devices())
        if (d.layer_ms.size() == size_t(state.session().spec->layerCount())) return true;
      return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(profiled(), 60000);
    SplitController split(&state);
    split.recompute();
    QVERIFY2(split.graph().best_cut >= 0, qPrintable(split.basis()));
    QSignalSpy finished(&link, &CloudLink::commandFinished);
    connect(&split, &SplitController::commandRequested, &link, &CloudLink::sendCommand);
    QVERIFY(split.apply(split.graph().best_cut, true));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QVERIFY2(finished.at(0).at(1).toBool(),
             qPrintable(finished.at(0).at(2).toString() + "\n" + fleet.recentOutput()));
    QVERIFY(fleet.isRunning());
    fleet.stop();
    QVERIFY(!fleet.isRunning());
    QVERIFY(failed.isEmpty());  // a requested stop is not a failure
  }
};

QTEST_GUILESS_MAIN(TstLocalFleet)
#include "tst_local_fleet.moc"
