// The cloud's FedAvg bookkeeping: members, per-layer sample weighting, dense and compressed
// uploads.
#include <QtTest>

#include "core/compress/compress_error.h"
#include "core/compress/compressed_update.h"
#include "core/train/federation.h"

using namespace cleave;

namespace {

// Layers 0..3, one parameter of 2 values per layer, plus a statistic on layer 1.
Weights globalModel(float base) {
  Weights w;
  for (int layer = 0; layer < 4; ++layer) {
    w.push_back({"L" + std::to_string(layer) + ".w", layer, Tensor({2}, {base, base + 1}), false});
  }
  w.push_back({"L1.running_var", 1, Tensor({1}, {1.0f}), true});
  return w;
}

Weights shifted(const Weights& w, float by) {
  Weights out = w;
  for (auto& e : out) {
    for (auto& v : e.value.data)
      v += by;
  }
  return out;
}

float first(const Weights& w, const std::string& name) {
  return findWeight(w, name)->value.data[0];
}

}  // namespace

class TstFederation : public QObject {
  Q_OBJECT

 private slots:
  void globalUpToFollowsTheCut() {
    Federation f(globalModel(0), 4);
    QCOMPARE(f.globalUpTo(0).size(), size_t(0));
    QCOMPARE(f.globalUpTo(2).size(), size_t(3));  // L0.w, L1.w, L1.running_var
    QCOMPARE(f.globalUpTo(4).size(), size_t(5));
  }

  void averageWeighsLayersBySamples() {
    Federation f(globalModel(0), 4);
    f.rejoin("a", 2);  // edge holds layers 0-1
    f.rejoin("b", 3);  // edge holds layers 0-2
    f.addSamples("a", 100);
    f.addSamples("b", 300);
    f.receive("a", shifted(f.globalUpTo(2), 4));       // a's layers moved by +4
    f.receive("b", shifted(f.globalUpTo(3), 8));       // b's by +8
    const Weights cloud = shifted(globalModel(0), 2);  // the cloud's copy moved by +2
    const Weights& g = f.average(cloud);
    // Layer 0 and 1: a (100) and b (300); the cloud trained them on nobody's samples.
    QCOMPARE(first(g, "L0.w"), 7.0f);  // (4*100 + 8*300) / 400
    // Layer 2: b (300) and the cloud for a's 100 samples (a's cut 2 <= 2).
    QCOMPARE(first(g, "L2.w"), 6.5f);  // (8*300 + 2*100) / 400
    // Layer 3: the cloud alone.
    QCOMPARE(first(g, "L3.w"), 2.0f);
    QCOMPARE(first(g, "L1.running_var"), 1.0f + 7.0f);
    // Everything restarts from the new global model.
    QCOMPARE(f.samplesOf("a"), int64_t(0));
    QVERIFY(!f.received("a"));
  }

  void devicesWithoutUploadAreLeftOut() {
    Federation f(globalModel(0), 4);
    f.rejoin("fast", 2);
    f.rejoin("straggler", 2);
    f.addSamples("fast", 50);
    f.addSamples("straggler", 50);
    f.receive("fast", shifted(f.globalUpTo(2), 2));
    const Weights& g = f.average(globalModel(0));
    QCOMPARE(first(g, "L0.w"), 2.0f);  // the straggler's layers did not count
  }

  void compressedUploadIsRebuiltOnTheGlobalModel() {
    Federation f(globalModel(10), 4);
    f.rejoin("d", 2);
    f.addSamples("d", 10);
    // The device's parameters (L0.w, L1.w: 4 values) moved by these deltas; statistics dense.
    std::vector<float> residual{1.0f, -2.0f, 0.5f, 3.0f};
    const CompressedUpdate sent = compressTopK(residual, 1.0);
    Weights stats{{"L1.running_var", 1, Tensor({1}, {5.0f}), true}};
    f.receiveCompressed("d", sent.bytes, stats);
    const Weights& g = f.average(globalModel(10));  // the cloud never trained layers 0-1
    const WeightEntry* l0 = findWeight(g, "L0.w");
    // int8 with one scale (max 3 / 127): every value within half a step of global + delta.
    QVERIFY(std::abs(l0->value.data[0] - 11.0f) <= 3.0f / 127);
    QVERIFY(std::abs(l0->value.data[1] - 9.0f) <= 3.0f / 127);
    QVERIFY(std::abs(first(g, "L1.w") - 10.5f) <= 3.0f / 127);
    QCOMPARE(first(g, "L1.running_var"), 5.0f);
  }

  void malformedUploadsChangeNothing() {
    Federation f(globalModel(0), 4);
    f.rejoin("d", 2);
    const std::vector<uint8_t> garbage{'C', 'U', 9, 9, 1, 2, 3};
    QVERIFY_THROWS_EXCEPTION(CompressError, f.receiveCompressed("d", garbage, {}));
    QVERIFY(!f.received("d"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, f.receive("nobody", {}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, f.rejoin("d", 4));  // cut past the last layer
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, f.addSamples("nobody", 1));
  }

  void previewChangesNothing() {
    Federation f(globalModel(0), 4);
    f.rejoin("a", 3);
    f.addSamples("a", 10);
    const Weights p = f.preview({{"a", shifted(f.globalUpTo(3), 6)}}, globalModel(0));
    QCOMPARE(first(p, "L0.w"), 6.0f);
    QCOMPARE(first(f.global(), "L0.w"), 0.0f);
    QCOMPARE(f.samplesOf("a"), int64_t(10));
  }
};

QTEST_APPLESS_MAIN(TstFederation)
#include "tst_federation.moc"
