// Early-exit inference on the edge and the evaluation of exit accuracy and exit rates.
#include <QtTest>

#include "core/train/network.h"
#include "tests/train/test_specs.h"

using namespace cleave;

namespace {

Dataset separableData(int64_t n) {
  // Class = which quadrant of the 12x12 image is bright: learnable in a few steps.
  Dataset d;
  d.name = "quadrants";
  d.sample_shape = {1, 12, 12};
  d.class_names = {"a", "b", "c", "d"};
  for (int64_t i = 0; i < n; ++i) {
    const int64_t label = i % 4;
    for (int y = 0; y < 12; ++y) {
      for (int x = 0; x < 12; ++x) {
        const bool lit = (y < 6) == (label < 2) && (x < 6) == (label % 2 == 0);
        d.values.push_back(lit ? 1.0f : -1.0f);
      }
    }
    d.labels.push_back(label);
  }
  return d;
}

}  // namespace

class TstEarlyExit : public QObject {
  Q_OBJECT

 private slots:
  void thresholdsBoundTheExitRate() {
    const ModelSpec spec = test::tinyConvSpec();
    Network net(spec, 0, spec.layerCount(), {0.05, 0.9, 0, 5});
    const Dataset data = separableData(64);
    for (int step = 0; step < 60; ++step)
      net.cloudStep(0, data.slice((step % 4) * 16, 16).inputs,
                    data.slice((step % 4) * 16, 16).labels);

    const Evaluation strict = net.evaluate(data, 0.0);  // entropy < 0 never: nobody exits early
    QCOMPARE(strict.early_exit_rate, 0.0);
    QCOMPARE(strict.exits.back().exit_rate, 1.0);
    QCOMPARE(strict.policy_accuracy, strict.final_accuracy);
    const Evaluation loose = net.evaluate(data, 1.01);  // everything exits at the first head
    QCOMPARE(loose.exits.front().exit_rate, 1.0);
    QCOMPARE(loose.policy_accuracy, loose.exits.front().accuracy);
    QVERIFY2(strict.final_accuracy > 0.9, "the model learned the quadrants");
    QCOMPARE(strict.exits.size(), size_t(3));  // local, mid, final

    // Rates under any threshold add up to one and grow with it.
    const Evaluation mid = net.evaluate(data, 0.3);
    double sum = 0;
    for (const auto& e : mid.exits)
      sum += e.exit_rate;
    QVERIFY(std::abs(sum - 1.0) < 1e-9);
    QVERIFY(mid.early_exit_rate <= loose.early_exit_rate);
  }

  void edgeInferenceMatchesEvaluationAndCloudFinishes() {
    const ModelSpec spec = test::tinyConvSpec();
    Network whole(spec, 0, spec.layerCount(), {0.05, 0.9, 0, 5});
    const Dataset data = separableData(32);
    for (int step = 0; step < 40; ++step)
      whole.cloudStep(0, data.slice(0, 32).inputs, data.labels);
    const int cut = 6;
    Network edge(spec, 0, cut, {});
    edge.loadWeights(whole.weights());
    const Batch batch = data.slice(0, 32);
    const double threshold = 0.2;
    const EdgeInference local = edge.inferEdge(batch.inputs, threshold);
    const Evaluation ev = whole.evaluate(data, threshold);

    int64_t exited = 0;
    for (int e : local.exit_index)
      exited += e >= 0;
    QCOMPARE(double(exited) / 32.0, ev.early_exit_rate);
    QCOMPARE(local.pending_rows.size(), size_t(32 - exited));
    if (!local.pending_rows.empty()) {
      QCOMPARE(local.pending_activation.shape[0], int64_t(local.pending_rows.size()));
      const std::vector<int64_t> cloud_answers = whole.inferFrom(cut, local.pending_activation);
      QCOMPARE(cloud_answers.size(), local.pending_rows.size());
      // The cloud's answers equal the unsplit model's final predictions on those rows.
      const std::vector<int64_t> unsplit = whole.inferFrom(0, batch.inputs);
      for (size_t i = 0; i < cloud_answers.size(); ++i) {
        QCOMPARE(cloud_answers[i], unsplit[static_cast<size_t>(local.pending_rows[i])]);
      }
    }
    for (size_t i = 0; i < local.entropy.size(); ++i) {
      QVERIFY(local.entropy[i] >= 0.0f && local.entropy[i] <= 1.0f + 1e-6f);
    }
  }
};

QTEST_APPLESS_MAIN(TstEarlyExit)
#include "tst_early_exit.moc"
