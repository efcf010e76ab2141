// A simulated session recorded to a session file reads back as it happened.
#include <QTemporaryDir>
#include <QtTest>
#include <nlohmann/json.hpp>

#include "core/session/event.h"
#include "core/session/metric_names.h"
#include "core/session/session_reader.h"
#include "core/sim/sim_recorder.h"
#include "core/sim/simulator.h"

using namespace cleave;

class TstSimRecorder : public QObject {
  Q_OBJECT

 private slots:
  void roundsReadBackWithCheckpoints() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("sim.cleave").toStdString();
    SimulationConfig c;
    c.use_case = UseCase::Factory;
    c.devices = 2;
    c.rounds = 3;
    c.steps = 4;
    c.batch = 16;
    c.fedavg_every = 2;
    c.data.train_limit = 200;
    c.data.test_limit = 50;
    Simulator sim(c);
    std::vector<RoundReport> rounds;
    {
      SimRecorder recorder(path, sim.specJson(), "factory", "{}");
      for (int r = 0; r < c.rounds; ++r) {
        rounds.push_back(sim.runRound());
        recorder.recordRound(rounds.back(), sim.lastPlan(), sim.globalWeights(), 1000 * (r + 1));
      }
      recorder.finish("completed", 5000);
    }

    const SessionReader reader(path);
    QCOMPARE(reader.info().use_case, std::string("factory"));
    QCOMPARE(nlohmann::json::parse(reader.info().model_spec_json)["name"].get<std::string>(),
             sim.spec().name);
    // Per round: start, one phase timing per device, end, evaluation, exit stats.
    const auto events = reader.events();
    QCOMPARE(events.size(), size_t(2 + c.rounds * (4 + c.devices)));
    QCOMPARE(events.front().kind, std::string(event_kind::kSessionStart));
    QCOMPARE(events.back().kind, std::string(event_kind::kSessionEnd));
    for (const auto& r : rounds) {
      MetricQuery q;
      q.round = r.round;
      q.device = "";
      q.name = metric_name::kAccuracyFinal;
      const auto acc = reader.metrics(q);
      QCOMPARE(acc.size(), size_t(1));
      QCOMPARE(acc[0].value, r.evaluation.final_accuracy);
    }
    QCOMPARE(reader.plans().size(), size_t(c.rounds));
    // Rounds 2 and 3 averaged: their checkpoints hold the global model; round 1 has none.
    QCOMPARE(reader.checkpoints().size(), size_t(2));
    const auto latest = reader.latestCheckpoint();
    QVERIFY(latest.has_value());
    QCOMPARE(latest->round, 3);
    QCOMPARE(latest->weights, sim.globalWeights());
  }
};

QTEST_APPLESS_MAIN(TstSimRecorder)
#include "tst_sim_recorder.moc"
