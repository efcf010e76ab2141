// SplitController: the cost graph equals core/plan's StepModel for the selected device's measured
// profile, the fleet view takes the slowest device per cut, the cloud speed is calibrated from
// measured phase timing, dragTo predicts, apply/applyMode emit the SetSplit command, invalid or
// memory-infeasible cuts are refused, and the large-fleet path computes off the GUI thread.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>
#include <memory>

#include "app/model/split_controller.h"
#include "core/model/cost_model.h"
#include "core/plan/step_model.h"
#include "tests/studio/studio_events.h"

using namespace cleave;
using namespace cleave::studio;

namespace {

DeviceProfile profileOf(const DeviceState& d) {
  DeviceProfile p;
  p.name = d.name.toStdString();
  p.layer_ms = d.layer_ms;
  p.profile_batch = d.profile_batch;
  p.memory_bytes = d.memory_bytes;
  p.link = *d.link;
  return p;
}

}  // namespace

class TstSplitController : public QObject {
  Q_OBJECT

 private:
  CostTable m_costs = computeCosts(parseModelSpec(test::factorySpecJson(), "factory"));

 private slots:
  void graphMatchesTheStepModel() {
    SessionState state;
    state.apply(test::factorySession());
    SplitController split(&state);
    QSignalSpy graphs(&split, &SplitController::graphChanged);
    split.setSelectedDevice("plc-1");
    QCOMPARE(graphs.size(), 1);
    const CostGraphData& g = split.graph();
    QCOMPARE(int(g.layer_names.size()), test::kFactoryLayers);
    QCOMPARE(int(g.per_cut.size()), test::kFactoryLayers + 1);
    QCOMPARE(int(g.cut_bytes.size()), test::kFactoryLayers + 1);
    QVERIFY(!g.per_cut.back().feasible);  // the cloud keeps the last layer
    QCOMPARE(g.current_cut, 2);           // plc-1's cut in the plan
    // Edge per layer: measured layer_ms at profile batch 8, scaled to the session's batch 16.
    QCOMPARE(g.edge_ms[3], state.device("plc-1")->layer_ms[3] * 16 / 8);

    QVERIFY(split.cloudMeasured());  // round 1 measured cloud_ms
    StepModel model(m_costs, CloudProfile{split.cloudFlopsPerS(), 1.0}, 16, 4);
    model.setDevice(profileOf(*state.device("plc-1")));
    double best = 1e300;
    int best_cut = -1;
    for (int c = 0; c < test::kFactoryLayers; ++c) {
      QCOMPARE(g.per_cut[size_t(c)].total(), model.stepMs(c));
      QCOMPARE(g.per_cut[size_t(c)].up_ms, model.phases(c).up_ms);
      QCOMPARE(g.cut_bytes[size_t(c)], double(model.upBytes(c)));
      if (model.stepMs(c) < best) {
        best = model.stepMs(c);
        best_cut = c;
      }
    }
    QCOMPARE(g.best_cut, best_cut);
  }

  void cloudSpeedIsCalibratedFromPhaseTiming() {
    SessionState state;
    state.apply(test::factorySession());
    SplitController split(&state);
    split.recompute();
    // plc-1 at cut 2 and ipc-1 at cut 8, 4 steps of batch 16 each, cloud_ms = 0.2 x round_ms.
    double flops = 0;
    for (const int cut : {2, 8}) {
      for (size_t i = size_t(cut); i < m_costs.layers.size(); ++i)
        flops += 3.0 * double(m_costs.layers[i].flops) * 16 * 4;
    }
    const double seconds = (150 * 0.2 + 80 * 0.2) / 1e3;
    QVERIFY(std::abs(split.cloudFlopsPerS() / (flops / seconds) - 1) < 1e-9);

    SessionState fresh;  // no round yet: a stated assumption, said so
    fresh.apply({test::sessionStart(0), test::deviceJoined(1, "a", 0.2)});
    SplitController assumed(&fresh);
    assumed.recompute();
    QVERIFY(!assumed.cloudMeasured());
    QCOMPARE(assumed.cloudFlopsPerS(), SplitController::kAssumedCloudFlopsPerS);
    QVERIFY(assumed.basis().contains("assumed"));
  }

  void fleetViewTakesTheSlowestDevicePerCut() {
    SessionState state;
    state.apply(test::factorySession());
    SplitController split(&state);
    split.setSelectedDevice("plc-1");
    const CostGraphData plc = split.graph();
    split.setSelectedDevice("ipc-1");
    const CostGraphData ipc = split.graph();
    split.setSelectedDevice("");
    const CostGraphData all = split.graph();
    for (int c = 0; c < test::kFactoryLayers; ++c) {
      QCOMPARE(all.per_cut[size_t(c)].total(),
               std::max(plc.per_cut[size_t(c)].total(), ipc.per_cut[size_t(c)].total()));
    }
    QVERIFY(split.basis().isEmpty() || !split.basis().contains("plc-1"));
  }

  void dragAndApply() {
    SessionState state;
    state.apply(test::factorySession());
    SplitController split(&state);
    split.setSelectedDevice("plc-1");
    QSignalSpy predictions(&split, &SplitController::predictionChanged);
    QSignalSpy commands(&split, &SplitController::commandRequested);
    QSignalSpy refusals(&split, &SplitController::refused);

    const CutPrediction p = split.dragTo(3);
    QCOMPARE(predictions.size(), 1);
    QCOMPARE(predictions.at(0).at(0).toInt(), 3);
    QCOMPARE(p.total(), split.graph().per_cut[3].total());
    QVERIFY(p.edge_ms > 0 && p.up_ms > 0 && p.cloud_ms > 0 && p.down_ms > 0);

    QVERIFY(split.apply(3, false));
    QCOMPARE(commands.size(), 1);
    const auto c = commands.at(0).at(0).value<net::Command>();
    QCOMPARE(c.kind, net::CommandKind::SetSplit);
    QCOMPARE(c.device, std::string("plc-1"));
    QCOMPARE(c.split_mode, net::SplitMode::Manual);
    QCOMPARE(c.cut, 3);

    QVERIFY(split.apply(5, true));
    QCOMPARE(commands.at(1).at(0).value<net::Command>().device, std::string());

    QVERIFY(!split.apply(test::kFactoryLayers, false));  // all layers on the edge
    QVERIFY(!split.apply(-1, false));
    QCOMPARE(refusals.size(), 2);
    QVERIFY(refusals.at(0).at(0).toString().contains("not valid"));
    QCOMPARE(commands.size(), 2);

    QVERIFY(split.applyMode(net::SplitMode::InStep, true));
    const auto mode = commands.at(2).at(0).value<net::Command>();
    QCOMPARE(mode.split_mode, net::SplitMode::InStep);
    QCOMPARE(mode.device, std::string());
    QVERIFY(!split.applyMode(net::SplitMode::Manual, false));
  }

  void memoryInfeasibleCutIsRefused() {
    // A device whose memory holds cuts 0..2 and nothing deeper.
    StepModel model(m_costs, CloudProfile{1e12, 1.0}, 16, 4);
    const int64_t memory = model.edgeMemoryBytes(2);
    QVERIFY(model.edgeMemoryBytes(6) > memory);
    SessionState state;
    state.apply({test::sessionStart(0), test::deviceJoined(1, "tiny", 0.3, 20, memory),
                 test::deviceJoined(2, "big", 0.3)});
    SplitController split(&state);
    QSignalSpy commands(&split, &SplitController::commandRequested);
    QSignalSpy refusals(&split, &SplitController::refused);
    split.setSelectedDevice("tiny");
    QVERIFY(split.graph().per_cut[2].feasible);
    QVERIFY(!split.graph().per_cut[6].feasible);
    QVERIFY(split.graph().best_cut <= 2);
    QVERIFY(!split.apply(6, false));
    QVERIFY(refusals.at(0).at(0).toString().contains("memory"));
    split.setSelectedDevice("big");
    QVERIFY(split.graph().per_cut[6].feasible);
    QVERIFY(!split.apply(6, true));  // fine for big, not for tiny: refused for the fleet
    QVERIFY(split.apply(6, false));
    QCOMPARE(commands.size(), 1);
  }

  void largeFleetComputesOffTheGuiThread() {
    SessionState state;
    QVector<Event> events{test::sessionStart(0)};
    for (int i = 0; i < 200; ++i)
      events << test::deviceJoined(i + 1, "dev-" + std::to_string(i), 0.1 + 0.01 * i, 5 + i);
    state.apply(events);
    SplitController sync(&state);
    sync.setAsyncThreshold(1'000'000);
    sync.recompute();
    SplitController async(&state);
    async.setAsyncThreshold(10);
    QSignalSpy graphs(&async, &SplitController::graphChanged);
    async.recompute();
    async.recompute();  // the first job's result is stale when it lands
    QCOMPARE(graphs.size(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(graphs.size() >= 1, 10000);
    QTest::qWait(100);
    QCOMPARE(graphs.size(), 1);
    QCOMPARE(async.graph().best_cut, sync.graph().best_cut);
    for (size_t c = 0; c < sync.graph().per_cut.size(); ++c)
      QCOMPARE(async.graph().per_cut[c].total(), sync.graph().per_cut[c].total());

    // A controller deleted while its job runs: the late result is dropped, nothing crashes.
    auto doomed = std::make_unique<SplitController>(&state);
    doomed->setAsyncThreshold(10);
    doomed->recompute();
    doomed.reset();
    QThreadPool::globalInstance()->waitForDone(10000);
    QCoreApplication::processEvents();
  }

  void thousandDevicesTiming() {
    SessionState state;
    QVector<Event> events{test::sessionStart(0)};
    for (int i = 0; i < 1000; ++i)
      events << test::deviceJoined(i + 1, "dev-" + std::to_string(i), 0.1 + 0.001 * i, 5 + i % 50);
    state.apply(events);
    SplitController split(&state);
    split.setAsyncThreshold(1'000'000);  // measure the computation itself, on this thread
    QElapsedTimer timer;
    timer.start();
    split.recompute();
    const qint64 ms = timer.elapsed();
    qInfo("cost graph over 1000 devices x %d layers: %lld ms", test::kFactoryLayers, ms);
    QVERIFY(split.graph().best_cut >= 0);
  }
};

QTEST_GUILESS_MAIN(TstSplitController)
#include "tst_split_controller.moc"
