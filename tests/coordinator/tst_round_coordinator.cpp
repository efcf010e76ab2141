// The cloud's round state machine driven by scripted agents: registration, planned rounds,
// split steps, FedAvg uploads, deadlines, dead agents and malformed input.
#include <QtTest>
#include <nlohmann/json.hpp>
#include <random>

#include "core/coordinator/round_coordinator.h"
#include "core/model/cost_model.h"
#include "core/net/weights_wire.h"
#include "core/net/wire_codec.h"
#include "core/net/wire_tensor.h"
#include "tests/train/test_specs.h"

using namespace cleave;

namespace {

constexpr int64_t kSecond = 1'000'000;

Dataset tinyTestSet() {
  Dataset d;
  d.name = "tiny";
  d.sample_shape = {1, 12, 12};
  d.class_names = {"a", "b", "c", "d"};
  for (int i = 0; i < 20; ++i) {
    for (int k = 0; k < 144; ++k)
      d.values.push_back(float((i * 31 + k) % 17) / 17.0f);
    d.labels.push_back(i % 4);
  }
  return d;
}

CoordinatorConfig tinyConfig() {
  CoordinatorConfig c;
  c.spec = test::tinyConvSpec();
  c.spec_json = R"({"name":"tiny"})";
  c.test = tinyTestSet();
  c.mode = PlanMode::Manual;
  c.manual_cut = 4;  // after pool1: activations [N, 4, 6, 6]
  c.rounds = 2;
  c.steps = 3;
  c.batch = 4;
  c.fedavg_every = 2;
  return c;
}

net::Message msg(net::Body body) {
  return net::Message{0, 0, std::move(body)};
}

net::Hello hello(const std::string& name, bool profiled) {
  net::Hello h;
  h.device_name = name;
  h.role = "edge";
  h.memory_bytes = 1ull << 30;
  h.link = {100, 100, 1, 0, 0};
  if (profiled) h.layer_ms.assign(9, 1.0);
  return h;
}

template <typename T>
std::vector<T> bodies(const std::vector<Outgoing>& out, const std::string& device) {
  std::vector<T> found;
  for (const auto& o : out) {
    if (o.device != device) continue;
    if (auto* b = std::get_if<T>(&o.message.body)) found.push_back(*b);
  }
  return found;
}

// An agent's answer to one planned step: an activation of the right shape for its cut.
net::Activations activation(uint32_t round, uint32_t step, const Shape& sample_shape, int batch) {
  Shape shape = sample_shape;
  shape.insert(shape.begin(), batch);
  Tensor t(shape);
  std::mt19937 rng(step);
  std::normal_distribution<float> n;
  for (auto& v : t.data)
    v = n(rng);
  std::vector<int64_t> labels;
  for (int i = 0; i < batch; ++i)
    labels.push_back(i % 4);
  return net::Activations{round, step, labels, net::encodeTensor("act", t, net::TensorCodec::Fp32)};
}

// Registers `names` (welcome + profile) and returns the outgoing messages of the first tick.
std::vector<Outgoing> registerAndStart(RoundCoordinator& rc, const std::vector<std::string>& names,
                                       int64_t now) {
  for (const auto& n : names) {
    const auto out = rc.onMessage(n, msg(hello(n, false)), now);
    if (bodies<net::Welcome>(out, n).size() != 1) qFatal("no welcome for %s", n.c_str());
    rc.onMessage(n, msg(hello(n, true)), now);
  }
  return rc.onTick(now);
}

}  // namespace

class TstRoundCoordinator : public QObject {
  Q_OBJECT

 private slots:
  void welcomeCarriesModelAndGlobalWeights() {
    RoundCoordinator rc(tinyConfig());
    const auto out = rc.onMessage("cam-1", msg(hello("cam-1", false)), 0);
    const auto welcome = bodies<net::Welcome>(out, "cam-1");
    QCOMPARE(welcome.size(), size_t(1));
    QCOMPARE(welcome[0].model_spec_json, std::string(R"({"name":"tiny"})"));
    Network reference(test::tinyConvSpec(), 0, 9, {});
    QCOMPARE(welcome[0].weights.size(), reference.weights().size());
    // Unprofiled agents are not planned yet.
    QVERIFY(bodies<net::RoundPlan>(rc.onTick(0), "cam-1").empty());
    QVERIFY(!rc.roundActive());
  }

  void roundsRunAndAverage() {
    RoundCoordinator rc(tinyConfig());
    const std::vector<std::string> names{"cam-1", "cam-2"};
    auto out = registerAndStart(rc, names, 0);
    QVERIFY(rc.roundActive());
    const Shape act_shape = computeCosts(test::tinyConvSpec()).layers[3].output_shape;
    for (int round = 1; round <= 2; ++round) {
      for (const auto& n : names) {
        const auto plans = bodies<net::RoundPlan>(out, n);
        QCOMPARE(plans.size(), size_t(1));
        QCOMPARE(plans[0].cut, 4u);
        QCOMPARE(plans[0].steps, 3u);
        QCOMPARE(plans[0].fedavg, round == 2);
        if (round == 1) QCOMPARE(bodies<net::WeightsDown>(out, n).size(), size_t(1));  // first cut
      }
      std::vector<Outgoing> last;
      for (uint32_t step = 0; step < 3; ++step) {
        for (const auto& n : names) {
          last = rc.onMessage(n, msg(activation(round, step, act_shape, 4)), round * kSecond);
          const auto grads = bodies<net::Gradients>(last, n);
          QCOMPARE(grads.size(), size_t(1));
          QCOMPARE(grads[0].step, step);
          QCOMPARE(net::decodeTensor(grads[0].gradient).shape, (Shape{4, 4, 6, 6}));
        }
      }
      if (round == 2) {  // FedAvg round: the round waits for both uploads
        QVERIFY(rc.roundActive());
        Network edge(test::tinyConvSpec(), 0, 4, {});
        for (const auto& n : names) {
          last =
              rc.onMessage(n, msg(net::WeightsUp{2, 12, false, net::weightsToWire(edge.weights())}),
                           2 * kSecond);
        }
        for (const auto& n : names)
          QCOMPARE(bodies<net::WeightsDown>(last, n).size(), size_t(1));
      }
      QVERIFY(!rc.roundActive());
      const auto closed = rc.takeClosedRounds();
      QCOMPARE(closed.size(), size_t(1));
      QCOMPARE(closed[0].round, round);
      QCOMPARE(closed[0].reason, std::string("completed"));
      QCOMPARE(closed[0].averaged, round == 2);
      QCOMPARE(closed[0].evaluation.samples, int64_t(20));
      QCOMPARE(closed[0].devices.size(), size_t(2));
      for (const auto& d : closed[0].devices) {
        QVERIFY(!d.straggler);
        QCOMPARE(d.samples, int64_t(12));
      }
      out = rc.onTick(round * kSecond + 1);
    }
    QVERIFY(rc.finished());
    std::vector<std::string> kinds;
    for (const auto& e : rc.takeEvents())
      kinds.push_back(e.kind);
    for (const char* k :
         {event_kind::kDeviceJoined, event_kind::kRoundStart, event_kind::kPlan,
          event_kind::kPhaseTiming, event_kind::kRoundEnd, event_kind::kEvaluation}) {
      QVERIFY2(std::find(kinds.begin(), kinds.end(), k) != kinds.end(), k);
    }
  }

  void cutZeroSendsRawInputsAndGetsAScalar() {
    CoordinatorConfig c = tinyConfig();
    c.manual_cut = 0;
    RoundCoordinator rc(c);
    const auto out = registerAndStart(rc, {"cam"}, 0);
    QCOMPARE(bodies<net::RoundPlan>(out, "cam")[0].cut, 0u);
    const auto reply = rc.onMessage("cam", msg(activation(1, 0, c.spec.input_shape, 4)), 1);
    const auto grads = bodies<net::Gradients>(reply, "cam");
    QCOMPARE(grads.size(), size_t(1));
    QCOMPARE(net::decodeTensor(grads[0].gradient).numel(), int64_t(1));
    // The encoded message is valid on the wire.
    QVERIFY(net::decodeMessage(net::encodeMessage(msg(grads[0]))).ok());
  }

  void unknownLinkIsPlannedWithAStatedAssumption() {
    RoundCoordinator rc(tinyConfig());
    net::Hello h = hello("bare", false);
    h.link = {};  // an agent without --link knows nothing of its link
    rc.onMessage("bare", msg(h), 0);
    h.layer_ms.assign(9, 1.0);
    rc.onMessage("bare", msg(h), 0);
    const auto out = rc.onTick(0);  // planning must not throw
    QCOMPARE(bodies<net::RoundPlan>(out, "bare").size(), size_t(1));
    const auto events = rc.takeEvents();
    QVERIFY(std::any_of(events.begin(), events.end(), [](const Event& e) {
      return e.kind == event_kind::kLog && e.data_json.find("link unknown") != std::string::npos;
    }));
  }

  void silentDeviceIsAStragglerAtTheDeadline() {
    CoordinatorConfig c = tinyConfig();
    c.deadline_ms = 2000;
    c.heartbeat_timeout_us = 60 * kSecond;  // silent, not dead
    RoundCoordinator rc(c);
    registerAndStart(rc, {"fast", "slow"}, 0);
    const Shape act_shape = computeCosts(c.spec).layers[3].output_shape;
    for (uint32_t step = 0; step < 3; ++step)
      rc.onMessage("fast", msg(activation(1, step, act_shape, 4)), kSecond);
    QVERIFY(rc.roundActive());  // waiting for "slow"
    rc.onTick(kSecond + 500'000);
    QVERIFY(rc.roundActive());  // not yet at the deadline
    const auto out = rc.onTick(2 * kSecond + 1);
    const auto closed = rc.takeClosedRounds();
    QCOMPARE(closed.size(), size_t(1));
    QCOMPARE(closed[0].reason, std::string("deadline"));
    for (const auto& d : closed[0].devices)
      QCOMPARE(d.straggler, d.device == "slow");
    // The straggler rejoins from the global model; the next round starts without waiting.
    QCOMPARE(bodies<net::WeightsDown>(out, "slow").size(), size_t(1));
    QCOMPARE(bodies<net::RoundPlan>(out, "slow").size(), size_t(1));
    QCOMPARE(rc.round(), 2);
  }

  void allAgentsDeadEndsTheRoundAndTheCloudCarriesOn() {
    RoundCoordinator rc(tinyConfig());
    registerAndStart(rc, {"a", "b"}, 0);
    rc.onTick(10 * kSecond);  // nobody spoke for 10 s: both timed out
    const auto closed = rc.takeClosedRounds();
    QCOMPARE(closed.size(), size_t(1));
    QCOMPARE(closed[0].reason, std::string("all agents dead"));
    QVERIFY(rc.devices().empty());
    QVERIFY(!rc.roundActive());
    QVERIFY(rc.onTick(11 * kSecond).empty());  // nobody to plan for: it waits, it does not crash
    // A new agent can join and train.
    const auto out = registerAndStart(rc, {"c"}, 12 * kSecond);
    QCOMPARE(bodies<net::RoundPlan>(out, "c").size(), size_t(1));
  }

  void malformedInputIsDroppedWithoutStateChange() {
    CoordinatorConfig c = tinyConfig();
    c.fedavg_every = 1;  // round 1 expects uploads, so a bad one is checked, not just unexpected
    RoundCoordinator rc(c);
    const auto refused = rc.onMessage("stranger", msg(net::Heartbeat{}), 0);
    QCOMPARE(bodies<net::Refused>(refused, "stranger").size(), size_t(1));
    registerAndStart(rc, {"cam"}, 0);
    rc.takeEvents();
    // Wrong activation shape for cut 4, wrong step, wrong round: no gradient, a warning event.
    QVERIFY(rc.onMessage("cam", msg(activation(1, 0, {3, 6, 6}, 4)), 1).empty());
    QVERIFY(rc.onMessage("cam", msg(activation(1, 2, {4, 6, 6}, 4)), 1).empty());
    QVERIFY(rc.onMessage("cam", msg(activation(7, 0, {4, 6, 6}, 4)), 1).empty());
    const auto events = rc.takeEvents();
    QVERIFY(std::any_of(events.begin(), events.end(),
                        [](const Event& e) { return e.kind == event_kind::kLog; }));
    // The right one still works afterwards.
    QCOMPARE(
        bodies<net::Gradients>(rc.onMessage("cam", msg(activation(1, 0, {4, 6, 6}, 4)), 2), "cam")
            .size(),
        size_t(1));
    // Weights with an unknown name are refused as a whole.
    net::WeightsUp bogus{
        1, 4, false, {net::encodeTensor("L99.weight", Tensor({1}), net::TensorCodec::Fp32)}};
    rc.onMessage("cam", msg(bogus), 3);
    const auto after = rc.takeEvents();
    QVERIFY(std::any_of(after.begin(), after.end(), [](const Event& e) {
      return e.kind == event_kind::kLog && e.data_json.find("unknown tensor") != std::string::npos;
    }));
  }
};

QTEST_APPLESS_MAIN(TstRoundCoordinator)
#include "tst_round_coordinator.moc"
