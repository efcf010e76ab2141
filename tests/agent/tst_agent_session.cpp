// AgentSession without sockets: hand-made Welcome / RoundPlan / Gradients / WeightsDown against a
// tiny model; every expectation is recomputed with a reference Network fed the same batch.
#include <QtTest>
#include <algorithm>
#include <cmath>

#include "core/agent/agent_session.h"
#include "core/compress/codec.h"
#include "core/net/wire_tensor.h"
#include "tests/train/test_specs.h"

using namespace cleave;
using namespace cleave::agent;

namespace {

const char* const kSpec = test::kTinyExitSpecJson;

constexpr int kBatch = 4;
constexpr int64_t kSamples = 10;

// Every sample identical: whatever the sampler picks, the batch is known in advance.
Tensor sampleValues() {
  Tensor t({1, 6, 6});
  for (int64_t i = 0; i < t.numel(); ++i)
    t.data[size_t(i)] = std::sin(0.7f * float(i)) - 0.1f;
  return t;
}

AgentData sameSamples() {
  AgentData d;
  d.data.name = "same";
  d.data.sample_shape = {1, 6, 6};
  d.data.class_names = {"a", "b", "c"};
  const Tensor one = sampleValues();
  for (int64_t i = 0; i < kSamples; ++i) {
    d.data.values.insert(d.data.values.end(), one.data.begin(), one.data.end());
    d.data.labels.push_back(1);
    d.shard.push_back(i);
  }
  return d;
}

Batch knownBatch(int n) {
  Batch b;
  b.inputs.shape = {n, 1, 6, 6};
  const Tensor one = sampleValues();
  for (int i = 0; i < n; ++i) {
    b.inputs.data.insert(b.inputs.data.end(), one.data.begin(), one.data.end());
    b.labels.push_back(1);
  }
  return b;
}

ModelSpec spec() {
  return parseModelSpec(kSpec, "tiny-agent.json");
}

// The cloud's global model: initialised with another seed than the agent's, so loading shows.
Weights globalWeights() {
  return Network(spec(), 0, spec().layerCount(), TrainOptions{.seed = 99}).weights();
}

net::Welcome welcome() {
  net::Welcome w;
  w.device_id = 7;
  w.model_spec_json = kSpec;
  for (const auto& e : globalWeights()) {
    w.weights.push_back(net::encodeTensor(e.name, e.value, net::TensorCodec::Fp32));
  }
  return w;
}

net::RoundPlan plan(uint32_t round, uint32_t cut, uint32_t steps, bool fedavg = false,
                    net::TensorCodec codec = net::TensorCodec::Fp32) {
  net::RoundPlan p;
  p.round = round;
  p.cut = cut;
  p.steps = steps;
  p.batch = kBatch;
  p.learning_rate = 0.1;
  p.codec = codec;
  p.deadline_ms = 1000;
  p.fedavg = fedavg;
  return p;
}

AgentSession makeSession(int profile_repetitions = 0) {
  AgentConfig c;
  c.name = "edge-test";
  c.link = LinkProfile{20, 20, 30, 5, 0.001};
  c.seed = 5;
  c.profile_batch = 2;
  c.profile_repetitions = profile_repetitions;
  c.host = HostInfo{"test cpu", 2, 1u << 30};
  return AgentSession(std::move(c), sameSamples());
}

// A welcomed session (no profiling).
AgentSession welcomed() {
  AgentSession s = makeSession();
  s.connect();
  s.handle(welcome());
  return s;
}

net::Gradients gradientsFor(const net::Activations& a, const Tensor& grad) {
  net::Gradients g;
  g.round = a.round;
  g.step = a.step;
  g.gradient = net::encodeTensor("gradient", grad, net::TensorCodec::Fp32);
  g.loss = 1.25;
  return g;
}

// A deterministic non-zero gradient shaped like `shape`.
Tensor patternGradient(const Shape& shape) {
  Tensor g(shape);
  for (int64_t i = 0; i < g.numel(); ++i)
    g.data[size_t(i)] = 0.01f * float((i % 7) - 3);
  return g;
}

template <typename T>
const T& only(const std::vector<net::Body>& out) {
  if (out.size() != 1 || !std::holds_alternative<T>(out.front())) {
    throw std::runtime_error("expected exactly one " + std::string(typeid(T).name()));
  }
  return std::get<T>(out.front());
}

bool allClose(const Tensor& a, const Tensor& b, float tolerance) {
  if (a.shape != b.shape) return false;
  for (size_t i = 0; i < a.data.size(); ++i) {
    if (std::fabs(a.data[i] - b.data[i]) > tolerance) return false;
  }
  return true;
}

bool sameWeights(const Weights& a, const Weights& b, float tolerance = 1e-6f) {
  if (a.size() != b.size()) return false;
  for (const auto& e : a) {
    const WeightEntry* o = findWeight(b, e.name);
    if (!o || !allClose(e.value, o->value, tolerance)) return false;
  }
  return true;
}

// The entries of `all` that a Network [0, cut) holds.
Weights heldBy(const Weights& all, int cut) {
  Weights out;
  for (const auto& e : Network(spec(), 0, cut, {}).weights())
    out.push_back(*findWeight(all, e.name));
  return out;
}

}  // namespace

class TstAgentSession : public QObject {
  Q_OBJECT

 private slots:
  void helloThenProfiledHello();
  void activationsMatchReference_data();
  void activationsMatchReference();
  void gradientsAreApplied();
  void staleGradientsAreIgnored_data();
  void staleGradientsAreIgnored();
  void fedavgRoundUploadsAndLoadsGlobal();
  void newPlanAbandonsStragglerRound();
  void cutChangeRebuildsFromGlobal();
  void planBeforeWelcomeIsDropped();
  void modelNotFittingDataIsFatal();
  void answersCarryEdgeTiming();
  void heartbeatEchoesTheCloudsStamp();
  void globalOutsideUploadLoadsAtNextPlan();
};

void TstAgentSession::helloThenProfiledHello() {
  AgentSession s = makeSession(1);
  const auto hello = only<net::Hello>(s.connect());
  QCOMPARE(hello.device_name, std::string("edge-test"));
  QCOMPARE(hello.role, std::string("edge"));
  QCOMPARE(hello.cpu_model, std::string("test cpu"));
  QCOMPARE(hello.cores, 2u);
  QCOMPARE(hello.link.latency_ms, 30.0);
  QVERIFY(hello.layer_ms.empty());
  QCOMPARE(hello.agent_version, std::string(kAgentVersion));
  const auto profiled = only<net::Hello>(s.handle(welcome()));
  QCOMPARE(int(profiled.layer_ms.size()), spec().layerCount());
  QVERIFY(std::all_of(profiled.layer_ms.begin(), profiled.layer_ms.end(),
                      [](double ms) { return ms >= 0 && std::isfinite(ms); }));
  QCOMPARE(profiled.profile_batch, 2u);
  QCOMPARE(s.deviceId(), 7u);
  QCOMPARE(s.phase(), AgentSession::Phase::Ready);
}

void TstAgentSession::activationsMatchReference_data() {
  QTest::addColumn<int>("cut");
  QTest::addColumn<int>("codec");
  for (int cut : {0, 2, 4}) {
    for (auto codec : {net::TensorCodec::Fp32, net::TensorCodec::Fp16, net::TensorCodec::Int8}) {
      QTest::addRow("cut %d %s", cut, std::string(net::tensorCodecName(codec)).c_str())
          << cut << int(codec);
    }
  }
}

void TstAgentSession::activationsMatchReference() {
  QFETCH(int, cut);
  QFETCH(int, codec);
  AgentSession s = welcomed();
  const auto a = only<net::Activations>(s.handle(plan(3, cut, 2, false, net::TensorCodec(codec))));
  QCOMPARE(a.round, 3u);
  QCOMPARE(a.step, 0u);
  QCOMPARE(a.labels, std::vector<int64_t>(kBatch, 1));
  // Expected: the raw batch for cut 0, else the global model's layers [0, cut) on it.
  const Batch batch = knownBatch(kBatch);
  Tensor expected = batch.inputs;
  if (cut > 0) {
    Network reference(spec(), 0, cut, {});
    reference.loadWeights(globalWeights());
    expected = reference.edgeForward(batch).activation;
  }
  Shape shape{kBatch};
  const Shape per_sample = cut > 0 ? inferTrunkShapes(spec())[size_t(cut - 1)] : spec().input_shape;
  shape.insert(shape.end(), per_sample.begin(), per_sample.end());
  QCOMPARE(a.activation.shape, shape);
  QCOMPARE(a.activation.codec, net::TensorCodec(codec));
  QCOMPARE(int64_t(a.activation.bytes.size()),
           encodedBytes(*net::denseCodec(net::TensorCodec(codec)), numel(shape)));
  const Tensor got = net::decodeTensor(a.activation);
  float max_abs = 0;
  for (float v : expected.data)
    max_abs = std::max(max_abs, std::fabs(v));
  const float tolerance = codec == int(net::TensorCodec::Fp32)   ? 1e-6f
                          : codec == int(net::TensorCodec::Fp16) ? max_abs * 1e-3f
                                                                 : max_abs / 127.0f;
  QVERIFY(allClose(got, expected, tolerance));
}

void TstAgentSession::gradientsAreApplied() {
  AgentSession s = welcomed();
  const auto a0 = only<net::Activations>(s.handle(plan(1, 2, 2)));
  const Tensor grad = patternGradient(a0.activation.shape);
  const auto a1 = only<net::Activations>(s.handle(gradientsFor(a0, grad)));
  QCOMPARE(a1.step, 1u);
  // Reference: the same step by hand on the same batch.
  Network reference(spec(), 0, 2, TrainOptions{.learning_rate = 0.1});
  reference.loadWeights(globalWeights());
  const Batch batch = knownBatch(kBatch);  // alive until edgeBackward (labels are read in place)
  reference.edgeForward(batch);
  reference.edgeBackward(grad);
  QVERIFY(!sameWeights(s.edgeWeights(), heldBy(globalWeights(), 2)));
  QVERIFY(sameWeights(s.edgeWeights(), reference.weights(), 1e-5f));
  // The last step ends the round (no fedavg): a summary, nothing more to send.
  QVERIFY(s.handle(gradientsFor(a1, grad)).empty());
  const auto summary = s.takeRoundSummary();
  QVERIFY(summary);
  QCOMPARE(summary->steps_done, 2u);
  QCOMPARE(summary->mean_loss, 1.25);
  QCOMPARE(summary->samples, uint64_t(2 * kBatch));
  QVERIFY(!summary->abandoned);
  QCOMPARE(s.phase(), AgentSession::Phase::Ready);
}

void TstAgentSession::staleGradientsAreIgnored_data() {
  QTest::addColumn<int>("round_delta");
  QTest::addColumn<int>("step_delta");
  QTest::addColumn<bool>("wrong_shape");
  QTest::addRow("old round") << -1 << 0 << false;
  QTest::addRow("future step") << 0 << 1 << false;
  QTest::addRow("wrong shape") << 0 << 0 << true;
}

void TstAgentSession::staleGradientsAreIgnored() {
  QFETCH(int, round_delta);
  QFETCH(int, step_delta);
  QFETCH(bool, wrong_shape);
  AgentSession s = welcomed();
  const auto a0 = only<net::Activations>(s.handle(plan(4, 2, 1)));
  const Weights before = s.edgeWeights();
  Shape shape = a0.activation.shape;
  if (wrong_shape) shape[0] += 1;
  net::Gradients g = gradientsFor(a0, patternGradient(shape));
  g.round = uint32_t(int(g.round) + round_delta);
  g.step = uint32_t(int(g.step) + step_delta);
  QVERIFY(s.handle(g).empty());
  QCOMPARE(s.counters().dropped_gradients, uint64_t{1});
  QVERIFY(sameWeights(s.edgeWeights(), before, 0));
  QCOMPARE(s.phase(), AgentSession::Phase::Stepping);
  // The right one still completes the step.
  QVERIFY(s.handle(gradientsFor(a0, patternGradient(a0.activation.shape))).empty());
  QVERIFY(!sameWeights(s.edgeWeights(), before));
  QVERIFY(s.takeRoundSummary());
}

void TstAgentSession::fedavgRoundUploadsAndLoadsGlobal() {
  AgentSession s = welcomed();
  const auto a0 = only<net::Activations>(s.handle(plan(5, 4, 1, true)));
  const auto up =
      only<net::WeightsUp>(s.handle(gradientsFor(a0, patternGradient(a0.activation.shape))));
  QCOMPARE(s.phase(), AgentSession::Phase::AwaitingWeights);
  QCOMPARE(up.round, 5u);
  QCOMPARE(up.samples, uint64_t(kBatch));
  QVERIFY(!up.compressed);
  const Weights edge = s.edgeWeights();
  QCOMPARE(up.weights.size(), edge.size());
  QVERIFY(findWeight(edge, "L3.weight"));  // fc1 is on the edge with cut 4
  for (const auto& t : up.weights) {
    const WeightEntry* e = findWeight(edge, t.name);
    QVERIFY2(e, t.name.c_str());
    QCOMPARE(t.codec, net::TensorCodec::Fp32);
    QCOMPARE(net::decodeTensor(t), e->value);
  }
  // The cloud's average comes back: the agent holds exactly it afterwards.
  net::WeightsDown down;
  down.round = 5;
  Weights averaged = heldBy(globalWeights(), 4);
  for (auto& e : averaged) {
    for (float& v : e.value.data)
      v = v * 0.5f + 0.25f;
    down.weights.push_back(net::encodeTensor(e.name, e.value, net::TensorCodec::Fp32));
  }
  QVERIFY(s.handle(down).empty());
  QVERIFY(sameWeights(s.edgeWeights(), averaged, 0));
  QVERIFY(sameWeights(heldBy(s.globalWeights(), 4), averaged, 0));
  const auto summary = s.takeRoundSummary();
  QVERIFY(summary && summary->fedavg && !summary->abandoned);
  QCOMPARE(s.phase(), AgentSession::Phase::Ready);
}

void TstAgentSession::newPlanAbandonsStragglerRound() {
  AgentSession s = welcomed();
  const auto a0 = only<net::Activations>(s.handle(plan(6, 2, 1, true)));
  only<net::WeightsUp>(s.handle(gradientsFor(a0, patternGradient(a0.activation.shape))));
  const Weights trained = s.edgeWeights();
  const auto next = only<net::Activations>(s.handle(plan(7, 2, 1)));
  QCOMPARE(next.round, 7u);
  const auto summary = s.takeRoundSummary();
  QVERIFY(summary && summary->abandoned);
  QCOMPARE(summary->round, 6u);
  QVERIFY(sameWeights(s.edgeWeights(), trained, 0));  // nothing loaded, same cut: kept
  net::WeightsDown late;
  late.round = 6;
  QVERIFY(s.handle(late).empty());
  QCOMPARE(s.counters().dropped_weights, uint64_t{1});
}

void TstAgentSession::cutChangeRebuildsFromGlobal() {
  AgentSession s = welcomed();
  const auto a0 = only<net::Activations>(s.handle(plan(1, 2, 1)));
  s.handle(gradientsFor(a0, patternGradient(a0.activation.shape)));
  QCOMPARE(s.cut(), 2);
  QVERIFY(!sameWeights(s.edgeWeights(), heldBy(globalWeights(), 2)));
  const auto a1 = only<net::Activations>(s.handle(plan(2, 4, 1)));
  QCOMPARE(s.cut(), 4);
  QCOMPARE(a1.activation.shape, (Shape{kBatch, 8}));
  QVERIFY(sameWeights(s.edgeWeights(), heldBy(globalWeights(), 4), 0));
  const auto a2 = only<net::Activations>(s.handle(plan(3, 0, 1)));
  QCOMPARE(s.cut(), 0);
  QVERIFY(s.edgeWeights().empty());
  QCOMPARE(a2.activation.shape, (Shape{kBatch, 1, 6, 6}));
  // With cut 0 the cloud answers with an empty gradient; the round still completes.
  net::Gradients empty;
  empty.round = 3;
  empty.step = 0;
  QVERIFY(s.handle(empty).empty());
  QVERIFY(s.takeRoundSummary());
}

void TstAgentSession::planBeforeWelcomeIsDropped() {
  AgentSession s = makeSession();
  s.connect();
  QVERIFY(s.handle(plan(1, 2, 1)).empty());
  QCOMPARE(s.counters().dropped_plans, uint64_t{1});
  s.handle(welcome());
  QVERIFY(s.handle(plan(1, 7, 1)).empty());  // cut beyond the model's 6 layers
  QCOMPARE(s.counters().dropped_plans, uint64_t{2});
}

void TstAgentSession::modelNotFittingDataIsFatal() {
  AgentSession s = makeSession();
  s.connect();
  net::Welcome w = welcome();
  std::string json = kSpec;
  json.replace(json.find("[1, 6, 6]"), 9, "[1, 8, 8]");
  w.model_spec_json = json;
  w.weights.clear();
  try {
    s.handle(w);
    QFAIL("accepted a model whose input does not fit the data");
  } catch (const AgentError& e) {
    QVERIFY2(QString(e.what()).contains("[1, 8, 8]"), e.what());
    QVERIFY2(QString(e.what()).contains("[1, 6, 6]"), e.what());
  }
}

QTEST_APPLESS_MAIN(TstAgentSession)
#include "tst_agent_session.moc"

// Each answer reports its edge compute and how long the agent held the message it answers; with
// --slowdown 3 the padding makes both grow, and hold always covers the compute.
void TstAgentSession::answersCarryEdgeTiming() {
  AgentConfig c;
  c.name = "edge-slow";
  c.slowdown = 3;
  c.host = HostInfo{"test cpu", 2, 1u << 30};
  c.profile_repetitions = 0;
  AgentSession s(std::move(c), sameSamples());
  s.connect();
  s.handle(welcome());
  const auto a0 = only<net::Activations>(s.handle(plan(1, 4, 2, true)));
  QVERIFY(a0.edge_ms > 0);
  QVERIFY(a0.hold_ms >= a0.edge_ms);
  const auto a1 =
      only<net::Activations>(s.handle(gradientsFor(a0, patternGradient(a0.activation.shape))));
  QVERIFY(a1.edge_ms > 0);
  QVERIFY(a1.hold_ms >= a1.edge_ms);
  const auto up =
      only<net::WeightsUp>(s.handle(gradientsFor(a1, patternGradient(a1.activation.shape))));
  QVERIFY(up.edge_ms > 0);  // the last backward
  QVERIFY(up.hold_ms >= up.edge_ms);
  // The round's summary is the sum of what the answers reported.
  net::WeightsDown down;
  down.round = 1;
  s.handle(down);
  const auto summary = s.takeRoundSummary();
  QVERIFY(summary);
  QVERIFY(std::abs(summary->edge_ms - (a0.edge_ms + a1.edge_ms + up.edge_ms)) < 1e-6);
}

void TstAgentSession::heartbeatEchoesTheCloudsStamp() {
  AgentSession s = welcomed();
  QCOMPARE(s.heartbeat().echo_us, int64_t{0});  // nothing to echo yet
  net::Heartbeat cloud;
  cloud.echo_us = 123'456'789;
  QVERIFY(s.handle(cloud).empty());
  const net::Heartbeat hb = s.heartbeat();
  QCOMPARE(hb.echo_us, int64_t{123'456'789});
  QVERIFY(hb.hold_ms >= 0 && hb.hold_ms < 5'000);
  s.connect();  // a new connection may reach another cloud: no stale echo
  QCOMPARE(s.heartbeat().echo_us, int64_t{0});
}

// A straggler's rejoin (or a new cut's) WeightsDown is the global model: it becomes the base of
// compressed uploads at once and the edge's weights at the next plan, not mid-step.
void TstAgentSession::globalOutsideUploadLoadsAtNextPlan() {
  AgentSession s = welcomed();
  const auto a0 = only<net::Activations>(s.handle(plan(1, 2, 1)));
  QVERIFY(s.handle(gradientsFor(a0, patternGradient(a0.activation.shape))).empty());
  const Weights trained = s.edgeWeights();
  net::WeightsDown down;
  down.round = 1;
  Weights fresh = heldBy(globalWeights(), 2);
  for (auto& e : fresh) {
    for (float& v : e.value.data)
      v = v * 0.5f - 0.125f;
    down.weights.push_back(net::encodeTensor(e.name, e.value, net::TensorCodec::Fp32));
  }
  QVERIFY(s.handle(down).empty());
  QCOMPARE(s.counters().dropped_weights, uint64_t{0});
  QVERIFY(sameWeights(heldBy(s.globalWeights(), 2), fresh, 0));
  QVERIFY(sameWeights(s.edgeWeights(), trained, 0));  // not yet
  only<net::Activations>(s.handle(plan(2, 2, 1)));
  QVERIFY(sameWeights(s.edgeWeights(), fresh, 0));
}
