// End-to-end learning through the whole round logic (split steps, wire codec, compressed FedAvg
// uploads, evaluation of the averaged model) on both shipped use cases. Sized to run in well under
// a minute; the full acceptance runs are recorded in docs/BENCHMARKS.md.
#include <QtTest>
#include <filesystem>

#include "core/data/fashion_mnist.h"
#include "core/sim/simulator.h"

using namespace cleave;

namespace {

RoundReport runAll(const SimulationConfig& config) {
  Simulator sim(config);
  RoundReport last;
  for (int r = 0; r < config.rounds; ++r)
    last = sim.runRound();
  return last;
}

}  // namespace

class TstConvergence : public QObject {
  Q_OBJECT

 private slots:
  void factoryReachesNinetyPercent() {
    SimulationConfig c;
    c.use_case = UseCase::Factory;
    c.devices = 4;
    c.rounds = 6;
    c.steps = 40;
    c.fedavg_every = 3;  // two real averages, the last right before the final evaluation (~95%)
    c.data.train_limit = 3000;
    c.data.test_limit = 1000;
    const RoundReport last = runAll(c);
    QVERIFY(last.averaged);
    QVERIFY2(last.evaluation.final_accuracy >= 0.9,
             qPrintable(QString("final-exit accuracy %1").arg(last.evaluation.final_accuracy)));
  }

  void cameraLearnsFashionMnist() {
    if (!std::filesystem::exists(defaultFashionMnistDir() / "t10k-labels-idx1-ubyte.gz")) {
      QSKIP("Fashion-MNIST is not installed (Debian package dataset-fashion-mnist)");
    }
    SimulationConfig c;
    c.use_case = UseCase::Camera;
    c.devices = 3;
    c.rounds = 4;
    c.steps = 20;
    c.fedavg_every = 2;
    c.codec = Codec::Fp16;  // the lossy wire path must still learn
    c.data.train_limit = 12000;
    c.data.test_limit = 2000;
    const RoundReport last = runAll(c);
    QVERIFY(last.averaged);
    // Ten classes: chance is 10%; these 240 steps reach ~82% (measured), so 70% has margin.
    QVERIFY2(last.evaluation.final_accuracy >= 0.7,
             qPrintable(QString("final-exit accuracy %1").arg(last.evaluation.final_accuracy)));
    QVERIFY(last.evaluation.early_exit_rate > 0.0);
  }
};

QTEST_APPLESS_MAIN(TstConvergence)
#include "tst_convergence.moc"
