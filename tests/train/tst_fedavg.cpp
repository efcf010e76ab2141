// Layer-wise FedAvg over replicas with different cuts, weighted by the samples each trained a layer
// on.
#include <QtTest>

#include "core/train/fedavg.h"
#include "core/train/network.h"
#include "tests/train/test_specs.h"

using namespace cleave;

namespace {

WeightEntry entry(const std::string& name, int layer, std::vector<float> values) {
  const auto n = static_cast<int64_t>(values.size());
  return {name, layer, Tensor({n}, std::move(values))};
}

float valueOf(const Weights& w, const std::string& name, size_t i = 0) {
  const WeightEntry* e = findWeight(w, name);
  return e ? e->value.data.at(i) : std::nanf("");
}

}  // namespace

class TstFedAvg : public QObject {
  Q_OBJECT

 private slots:
  void mixedCutsAverageLayerByLayer() {
    // Edge A holds layers 0-1 (cut 2, 100 samples), edge B layers 0-2 (cut 3, 300 samples),
    // the cloud holds 0-3 and trained layer 2 on A's samples and layer 3 on everyone's.
    const Weights a{entry("L0.w", 0, {1, 10}), entry("L1.w", 1, {1})};
    const Weights b{entry("L0.w", 0, {5, 20}), entry("L1.w", 1, {5}), entry("L2.w", 2, {4})};
    const Weights cloud{entry("L0.w", 0, {100, 100}), entry("L1.w", 1, {100}),
                        entry("L2.w", 2, {8}), entry("L3.w", 3, {7})};
    const Weights avg =
        federatedAverage({{&a, {100, 100}}, {&b, {300, 300, 300}}, {&cloud, {0, 0, 100, 400}}});
    QCOMPARE(avg.size(), size_t(4));
    QCOMPARE(valueOf(avg, "L0.w", 0), 4.0f);   // (1*100 + 5*300) / 400; the cloud never trained it
    QCOMPARE(valueOf(avg, "L0.w", 1), 17.5f);  // (10*100 + 20*300) / 400
    QCOMPARE(valueOf(avg, "L1.w"), 4.0f);
    QCOMPARE(valueOf(avg, "L2.w"), 5.0f);  // (4*300 + 8*100) / 400
    QCOMPARE(valueOf(avg, "L3.w"), 7.0f);  // only the cloud holds it
    QCOMPARE(avg[2].layer, 2);
  }

  void untrainedWeightsArePlainMean() {
    const Weights a{entry("L0.w", 0, {2})};
    const Weights b{entry("L0.w", 0, {4})};
    QCOMPARE(valueOf(federatedAverage({{&a, {}}, {&b, {0}}}), "L0.w"), 3.0f);
  }

  void shapeDisagreementThrows() {
    const Weights a{entry("L0.w", 0, {1, 2})};
    const Weights b{entry("L0.w", 0, {1, 2, 3})};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, federatedAverage({{&a, {1}}, {&b, {1}}}));
  }

  void realNetworksWithDifferentCuts() {
    // Two edges with cuts 3 and 6 and the cloud's full copy diverge by training, then average.
    const ModelSpec spec = test::tinyConvSpec();
    const TrainOptions options{0.2, 0.0, 0.0, 3};
    Network shallow(spec, 0, 3, options), deep(spec, 0, 6, options);
    Network cloud(spec, 0, spec.layerCount(), options);
    deep.loadWeights(cloud.weights());
    shallow.loadWeights(cloud.weights());
    Batch batch{Tensor(Shape{4, 1, 12, 12}), {0, 1, 2, 3}};
    for (size_t i = 0; i < batch.inputs.data.size(); ++i)
      batch.inputs.data[i] = float(i % 7) - 3;
    for (Network* edge : {&shallow, &deep}) {
      const EdgeForward up = edge->edgeForward(batch);
      edge->edgeBackward(
          cloud.cloudStep(edge->lastLayer(), up.activation, batch.labels).activation_grad);
    }
    const Weights ws = shallow.weights(), wd = deep.weights(), wc = cloud.weights();
    const int n = spec.layerCount();
    std::vector<double> cloud_samples(static_cast<size_t>(n), 0.0);
    for (int l = 0; l < n; ++l)
      cloud_samples[static_cast<size_t>(l)] = (l >= 3 ? 4 : 0) + (l >= 6 ? 4 : 0);
    const Weights avg = federatedAverage({{&ws, std::vector<double>(3, 4.0)},
                                          {&wd, std::vector<double>(6, 4.0)},
                                          {&wc, cloud_samples}});
    // conv1 (layer 0): held by both edges equally; the cloud's untrained copy has no say.
    const float s = valueOf(ws, "L0.weight"), d = valueOf(wd, "L0.weight");
    QVERIFY(s != d);  // they really diverged
    QCOMPARE(valueOf(avg, "L0.weight"), (s + d) / 2);
    // The basic block (layer 4): the deep edge and the cloud (which saw the shallow edge).
    const float bd = valueOf(wd, "L4.conv1.weight"), bc = valueOf(wc, "L4.conv1.weight");
    QVERIFY(std::abs(valueOf(avg, "L4.conv1.weight") - (bd + bc) / 2) < 1e-6f);
    // fc2 (layer 8): the cloud alone.
    QCOMPARE(valueOf(avg, "L8.weight"), valueOf(wc, "L8.weight"));
    // The result loads into a whole model.
    Network global(spec, 0, n, options);
    global.loadWeights(avg);
    QCOMPARE(valueOf(global.weights(), "L0.weight"), valueOf(avg, "L0.weight"));
  }
};

QTEST_APPLESS_MAIN(TstFedAvg)
#include "tst_fedavg.moc"
