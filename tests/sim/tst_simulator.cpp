// The in-process simulation: traffic accounting per codec, stragglers, averaging, learning, errors.
#include <QtTest>

#include "core/compress/codec.h"
#include "core/model/cost_model.h"
#include "core/sim/sim_report.h"
#include "core/sim/simulator.h"

using namespace cleave;

namespace {

SimulationConfig smallFactory() {
  SimulationConfig c;
  c.use_case = UseCase::Factory;
  c.devices = 2;
  c.rounds = 2;
  c.steps = 6;
  c.batch = 16;
  c.split = "4";  // after pool1: the "local" exit is on the edge
  c.fedavg_every = 2;
  c.data.train_limit = 400;
  c.data.test_limit = 100;
  return c;
}

}  // namespace

class TstSimulator : public QObject {
  Q_OBJECT

 private slots:
  void trafficFollowsTheCodec_data() {
    QTest::addColumn<QString>("codec");
    QTest::addRow("fp32") << "fp32";
    QTest::addRow("fp16") << "fp16";
    QTest::addRow("int8") << "int8";
  }

  void trafficFollowsTheCodec() {
    QFETCH(QString, codec);
    SimulationConfig c = smallFactory();
    c.codec = parseCodec(codec.toStdString());
    c.rounds = 3;        // only the first runs: not the last round, so no averaging
    c.fedavg_every = 5;  // only step traffic
    Simulator sim(c);
    const RoundReport r = sim.runRound();
    QVERIFY(!r.averaged);
    // Cut 4: the activation is pool1's output; labels travel as int64 beside it.
    const int64_t act = c.batch * numel(sim.costs().layers[3].output_shape);
    const int64_t per_step_up = encodedBytes(c.codec, act) + 8 * c.batch;
    const int64_t per_step_down = encodedBytes(c.codec, act);
    for (const auto& d : r.devices) {
      QCOMPARE(d.cut, 4);
      QCOMPARE(d.steps, c.steps);
      QCOMPARE(d.bytes_up, c.steps * per_step_up);
      QCOMPARE(d.bytes_down, c.steps * per_step_down);
      QCOMPARE(d.samples, int64_t(c.steps) * c.batch);
      QVERIFY(d.delay.edge_ms > 0 && d.delay.up_ms > 0 && d.delay.cloud_ms > 0);
      QCOMPARE(d.exits.size(), size_t(1));  // the local exit trains on the edge
      QCOMPARE(d.exits[0].total, int64_t(c.steps) * c.batch);
    }
    QCOMPARE(r.bytes_up, 2 * c.steps * per_step_up);
  }

  void averagingRoundsCompressUpdates() {
    SimulationConfig c = smallFactory();
    c.update_keep = 0.1;
    Simulator sim(c);
    const RoundReport first = sim.runRound();
    const RoundReport second = sim.runRound();
    QVERIFY(!first.averaged);
    QVERIFY(second.averaged);
    QCOMPARE(first.update_bytes_before, int64_t(0));
    QVERIFY(second.update_bytes_before > 0);
    // Every edge sends at most ~10% of its values at 1 byte plus indices: well under half.
    bool any_sent = false;
    for (const auto& d : second.devices)
      any_sent |= d.update_sent;
    if (any_sent) QVERIFY(second.update_bytes_after * 2 < second.update_bytes_before);
    const auto json = roundToJson(second);
    for (const char* key : {"round", "averaged", "loss", "accuracy", "exit_rate", "bytes_up",
                            "bytes_down", "update_bytes", "round_ms", "spread_ms", "devices"}) {
      QVERIFY2(json.contains(key), key);
    }
    QVERIFY(json["accuracy"].contains("final"));
    QVERIFY(json["accuracy"].contains("local"));
  }

  void learnsBeyondChance() {
    SimulationConfig c = smallFactory();
    c.rounds = 4;
    c.steps = 15;
    c.data.train_limit = 1000;
    c.data.test_limit = 250;
    Simulator sim(c);
    RoundReport last;
    for (int r = 0; r < c.rounds; ++r)
      last = sim.runRound();
    // Five balanced classes: chance is 20%.
    QVERIFY2(last.evaluation.final_accuracy > 0.5,
             qPrintable(QString::number(last.evaluation.final_accuracy)));
    QCOMPARE(last.evaluation.samples, int64_t(250));
  }

  void tightDeadlineMakesStragglers() {
    SimulationConfig c = smallFactory();
    c.deadline_ms = 1e-3;  // nobody can finish a round in a microsecond
    c.rounds = 1;
    Simulator sim(c);
    const RoundReport r = sim.runRound();
    for (const auto& d : r.devices)
      QVERIFY(d.straggler);
    QCOMPARE(r.round_ms, c.deadline_ms);  // the round closes at its deadline
    QVERIFY(r.averaged);                  // the last round averages, without the stragglers
    QCOMPARE(r.update_bytes_before, int64_t(0));
  }

  void plannedModesGiveFeasibleCuts_data() {
    QTest::addColumn<QString>("split");
    QTest::addRow("fastest") << "fastest";
    QTest::addRow("in-step") << "in-step";
  }

  void plannedModesGiveFeasibleCuts() {
    QFETCH(QString, split);
    SimulationConfig c = smallFactory();
    c.split = split.toStdString();
    c.rounds = 1;
    c.devices = 3;
    Simulator sim(c);
    const RoundReport r = sim.runRound();
    for (size_t i = 0; i < r.devices.size(); ++i) {
      QCOMPARE(r.devices[i].cut, sim.lastPlan().devices[i].cut);
      QCOMPARE(r.devices[i].steps, sim.lastPlan().devices[i].steps);
      QVERIFY(r.devices[i].cut >= 0 && r.devices[i].cut < sim.spec().layerCount());
    }
  }

  void badSettingsAreClearErrors() {
    SimulationConfig c = smallFactory();
    c.split = "deepest";
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Simulator{c});
    c.split = "99";
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Simulator{c});
    c = smallFactory();
    c.data.model_path = "/nonexistent/model.json";
    try {
      Simulator sim(c);
      QFAIL("a missing model file must throw");
    } catch (const std::exception& e) {
      QVERIFY2(QString(e.what()).contains("/nonexistent/model.json"), e.what());
    }
    c = smallFactory();
    c.data.model_path = std::string(CLEAVE_SOURCE_DIR) + "/resources/models/camera_cnn.json";
    try {
      Simulator sim(c);  // a 28x28 image model fed 3x1024 sensor windows
      QFAIL("a model that does not fit the data must throw");
    } catch (const std::runtime_error& e) {
      QVERIFY2(QString(e.what()).contains("expects inputs"), e.what());
    }
  }
};

QTEST_APPLESS_MAIN(TstSimulator)
#include "tst_simulator.moc"
