// A split step (edge forward, cloud step, edge backward) must equal one unsplit step exactly.
#include <QtTest>
#include <cmath>
#include <random>

#include "core/train/network.h"
#include "tests/train/test_specs.h"

using namespace cleave;

namespace {

Batch randomBatch(const ModelSpec& spec, int64_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> value;
  Shape shape = spec.input_shape;
  shape.insert(shape.begin(), n);
  Batch b{Tensor(shape), {}};
  for (auto& v : b.inputs.data)
    v = value(rng);
  for (int64_t i = 0; i < n; ++i)
    b.labels.push_back(static_cast<int64_t>(rng() % 4));
  return b;
}

double maxAbsDiff(const Tensor& a, const Tensor& b) {
  double m = 0;
  for (size_t i = 0; i < a.data.size(); ++i)
    m = std::max(m, double(std::abs(a.data[i] - b.data[i])));
  return m;
}

// Gradient of `name` from whichever side holds it for `cut`.
const WeightEntry& sideFor(const WeightEntry& reference, int cut, const Weights& edge,
                           const Weights& cloud) {
  const WeightEntry* e = findWeight(reference.layer < cut ? edge : cloud, reference.name);
  if (!e) qFatal("missing gradient %s", reference.name.c_str());
  return *e;
}

}  // namespace

class TstSplitStep : public QObject {
  Q_OBJECT

 private slots:
  void gradientsMatchUnsplit_data() {
    QTest::addColumn<int>("cut");
    const ModelSpec spec = test::tinyConvSpec();
    for (int cut = 0; cut < spec.layerCount(); ++cut)
      QTest::addRow("cut %d", cut) << cut;
  }

  void gradientsMatchUnsplit() {
    QFETCH(int, cut);
    const ModelSpec spec = test::tinyConvSpec();
    const TrainOptions options{0.1, 0.9, 5e-4, 7};
    Network whole(spec, 0, spec.layerCount(), options);
    Network edge(spec, 0, cut, options);
    Network cloud(spec, 0, spec.layerCount(), options);
    const Weights start = whole.weights();
    edge.loadWeights(start);
    cloud.loadWeights(start);
    const Batch batch = randomBatch(spec, 8, 42);

    const CloudStep unsplit = whole.cloudStep(0, batch.inputs, batch.labels);

    const EdgeForward up = edge.edgeForward(batch);
    const CloudStep down = cloud.cloudStep(cut, up.activation, batch.labels);
    QCOMPARE(down.activation_grad.shape, cut > 0 ? up.activation.shape : Shape{});
    edge.edgeBackward(down.activation_grad);

    QVERIFY(std::abs(unsplit.loss - down.loss) < 1e-6);
    QCOMPARE(unsplit.correct, down.correct);

    const Weights expected = whole.gradients();
    const Weights edge_grads = edge.gradients();
    const Weights cloud_grads = cloud.gradients();
    QVERIFY(!expected.empty());
    double worst = 0;
    for (const auto& g : expected) {
      const WeightEntry& got = sideFor(g, cut, edge_grads, cloud_grads);
      QCOMPARE(got.value.shape, g.value.shape);
      worst = std::max(worst, maxAbsDiff(g.value, got.value));
    }
    QVERIFY2(worst <= 1e-5, qPrintable(QString("max gradient difference %1").arg(worst)));

    // And the optimiser steps agree: the updated weights match too.
    const Weights after_whole = whole.weights();
    const Weights after_edge = edge.weights();
    const Weights after_cloud = cloud.weights();
    for (const auto& w : after_whole) {
      const WeightEntry& got = sideFor(w, cut, after_edge, after_cloud);
      QVERIFY2(maxAbsDiff(w.value, got.value) <= 1e-5, w.name.c_str());
    }
  }

  void edgeExitLossesAreReported() {
    const ModelSpec spec = test::tinyConvSpec();
    Network edge(spec, 0, 6, {});
    const EdgeForward up = edge.edgeForward(randomBatch(spec, 5, 1));
    QCOMPARE(up.exits.size(), size_t(2));  // "local" after layer 2 and "mid" after layer 5
    QCOMPARE(up.exits[0].name, std::string("local"));
    QCOMPARE(up.exits[1].total, int64_t(5));
    QVERIFY(up.exits[0].loss > 0);
    QCOMPARE(up.activation.shape, (Shape{5, 6 * 3 * 3}));
  }

  void malformedInputsAreRefused() {
    const ModelSpec spec = test::tinyConvSpec();
    Network cloud(spec, 0, spec.layerCount(), {});
    const Tensor wrong_shape(Shape{2, 5, 3, 3});
    const std::vector<int64_t> two{0, 1};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, cloud.cloudStep(4, wrong_shape, two));
    const Tensor right(Shape{2, 4, 6, 6});
    const std::vector<int64_t> three{0, 1, 2};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, cloud.cloudStep(4, right, three));
    const std::vector<int64_t> bad_label{0, 9};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, cloud.cloudStep(4, right, bad_label));
    Tensor short_data(Shape{2, 4, 6, 6});
    short_data.data.pop_back();
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, cloud.cloudStep(4, short_data, two));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, cloud.cloudStep(99, right, two));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Network(spec, 3, 2, {}));

    Network edge(spec, 0, 4, {});
    QVERIFY_THROWS_EXCEPTION(std::logic_error, edge.edgeBackward(right));  // no forward yet
    edge.edgeForward(randomBatch(spec, 2, 3));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, edge.edgeBackward(wrong_shape));
  }

  void edgeStepOutlivesTheCallersBatch() {
    const ModelSpec spec = test::tinyConvSpec();
    const TrainOptions options{0.1, 0.9, 0, 11};
    Network kept(spec, 0, 4, options), scratch(spec, 0, 4, options);
    const Batch batch = randomBatch(spec, 6, 9);
    const EdgeForward up = kept.edgeForward(batch);
    {
      Batch temporary = batch;
      scratch.edgeForward(temporary);
      // The caller reuses its buffers before the gradient comes back: nothing may change.
      std::fill(temporary.inputs.data.begin(), temporary.inputs.data.end(), 1e6f);
      std::fill(temporary.labels.begin(), temporary.labels.end(), 3);
    }
    Tensor grad(up.activation.shape);
    std::fill(grad.data.begin(), grad.data.end(), 0.01f);
    kept.edgeBackward(grad);
    scratch.edgeBackward(grad);
    QCOMPARE(scratch.gradients(), kept.gradients());
  }

  void profileCoversEveryHeldLayerWithoutTraining() {
    const ModelSpec spec = test::tinyConvSpec();
    Network edge(spec, 0, 6, {});
    const Weights before = edge.weights();
    const std::vector<double> ms = edge.profileLayers(4, 3);
    QCOMPARE(ms.size(), size_t(6));
    for (double v : ms)
      QVERIFY(v >= 0 && std::isfinite(v));
    QCOMPARE(edge.weights(), before);  // profiling never steps the optimiser
    for (const auto& g : edge.gradients()) {
      for (float v : g.value.data)
        QCOMPARE(v, 0.0f);  // and leaves no gradient behind
    }
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, edge.profileLayers(0, 1));
  }

  void weightsRoundTripAndShapeChecks() {
    const ModelSpec spec = test::tinyConvSpec();
    Network a(spec, 0, spec.layerCount(), {0.1, 0.9, 0, 1});
    Network b(spec, 0, spec.layerCount(), {0.1, 0.9, 0, 2});
    QVERIFY(a.weights() != b.weights());  // different seeds, different init
    b.loadWeights(a.weights());
    QCOMPARE(b.weights(), a.weights());
    // Batchnorm running statistics travel with the weights.
    QVERIFY(findWeight(a.weights(), "L1.running_mean") != nullptr);
    Weights bad = a.weights();
    bad.front().value = Tensor(Shape{1});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, b.loadWeights(bad));
  }
};

QTEST_APPLESS_MAIN(TstSplitStep)
#include "tst_split_step.moc"
