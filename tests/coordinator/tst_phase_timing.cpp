// The round coordinator's delay split, in real time: a scripted agent behind an emulated link
// (LinkShaper, 15 ms each way), computing a known 8 ms per step, with its clock 3.7 s ahead of
// the cloud's. The measured edge/up/down must match what was injected, the clock offset must be
// recovered, and edge + up + cloud + down + wait must add up to each device's round.
#include <QtTest>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "core/coordinator/round_coordinator.h"
#include "core/metrics/jitter.h"
#include "core/model/cost_model.h"
#include "core/net/link_shaper.h"
#include "core/net/weights_wire.h"
#include "core/net/wire_tensor.h"
#include "tests/train/test_specs.h"

using namespace cleave;

namespace {

using Clock = std::chrono::steady_clock;

constexpr double kLatencyMs = 15;
constexpr double kEdgeMs = 8;
constexpr int64_t kAgentAheadUs = 3'700'000;
constexpr int kSteps = 4;

Dataset tinyTestSet() {
  Dataset d;
  d.name = "tiny";
  d.sample_shape = {1, 12, 12};
  d.class_names = {"a", "b", "c", "d"};
  for (int i = 0; i < 8; ++i) {
    for (int k = 0; k < 144; ++k)
      d.values.push_back(float((i * 31 + k) % 17) / 17.0f);
    d.labels.push_back(i % 4);
  }
  return d;
}

CoordinatorConfig config() {
  CoordinatorConfig c;
  c.spec = test::tinyConvSpec();
  c.spec_json = R"({"name":"tiny"})";
  c.test = tinyTestSet();
  c.mode = PlanMode::Manual;
  c.manual_cut = 4;
  c.rounds = 2;
  c.steps = kSteps;
  c.batch = 4;
  c.fedavg_every = 2;  // round 2 uploads weights: one more exchange to time
  return c;
}

// The test's single clock; the cloud reads it as is, the agent 3.7 s ahead.
struct Clocks {
  Clock::time_point start = Clock::now();
  int64_t cloudUs() const {
    return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count();
  }
  int64_t agentUs() const { return cloudUs() + kAgentAheadUs; }
};

double msSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// The injected edge compute: busy, like a CPU.
void compute(double ms) {
  const auto until = Clock::now() + std::chrono::microseconds(int64_t(ms * 1e3));
  while (Clock::now() < until) {
  }
}

net::Hello hello(bool profiled) {
  net::Hello h;
  h.device_name = "cam-1";
  h.role = "edge";
  h.memory_bytes = 1ull << 30;
  h.link = {1000, 1000, kLatencyMs, 0, 0};
  if (profiled) h.layer_ms.assign(9, 1.0);
  return h;
}

net::Activations activation(uint32_t round, uint32_t step, const Shape& sample_shape) {
  Shape shape = sample_shape;
  shape.insert(shape.begin(), 4);
  Tensor t(shape);
  std::mt19937 rng(step);
  std::normal_distribution<float> n;
  for (auto& v : t.data)
    v = n(rng);
  return net::Activations{
      round, step, {0, 1, 2, 3}, net::encodeTensor("act", t, net::TensorCodec::Fp32)};
}

}  // namespace

class TstPhaseTiming : public QObject {
  Q_OBJECT

 private slots:
  void splitMatchesInjectedDelays() {
    Clocks clocks;
    RoundCoordinator rc(config());
    LinkShaper link(hello(true).link, 1);
    const Shape act_shape = computeCosts(test::tinyConvSpec()).layers[3].output_shape;
    rc.onMessage("cam-1", net::Message{1, clocks.agentUs(), hello(false)}, clocks.cloudUs());
    rc.onMessage("cam-1", net::Message{2, clocks.agentUs(), hello(true)}, clocks.cloudUs());
    std::vector<Outgoing> out = rc.onTick(clocks.cloudUs());
    QVERIFY(rc.roundActive());
    Clock::time_point cloud_sent = Clock::now();
    uint64_t seq = 3;
    int exchanges = 0;
    // Ground truth on the test's one clock, per round: what the split must come out as.
    struct Truth {
      double edge = 0, up = 0, down = 0;
      JitterEstimator jitter;
    };
    std::map<uint32_t, Truth> truth;
    JitterEstimator jitter;  // runs across rounds, as the coordinator's does
    // The scripted agent: what the cloud sent crosses the downlink, the agent computes, its answer
    // crosses the uplink and is handed to the coordinator when it arrives.
    while (!rc.finished()) {
      std::optional<net::Body> answer;
      Clock::time_point received;
      Clock::time_point sent_at;
      int64_t sent = 0;
      uint32_t round = 0;
      for (const Outgoing& o : out) {
        if (answer) break;  // heartbeats after it: not timed here
        std::this_thread::sleep_until(link.schedule(LinkDirection::Down, 1000).delivered);
        received = Clock::now();
        if (const auto* plan = std::get_if<net::RoundPlan>(&o.message.body)) {
          compute(kEdgeMs);
          round = plan->round;
          net::Activations a = activation(plan->round, 0, act_shape);
          a.edge_ms = kEdgeMs;
          a.hold_ms = msSince(received);
          sent = clocks.agentUs();
          sent_at = Clock::now();
          answer = a;
        } else if (const auto* g = std::get_if<net::Gradients>(&o.message.body)) {
          compute(kEdgeMs);
          round = g->round;
          if (g->step + 1 < kSteps) {
            net::Activations a = activation(g->round, g->step + 1, act_shape);
            a.edge_ms = kEdgeMs;
            a.hold_ms = msSince(received);
            sent = clocks.agentUs();
            sent_at = Clock::now();
            sent_at = Clock::now();
            answer = a;
          } else if (g->round == 2) {
            net::WeightsUp up{
                2, 16, false,
                net::weightsToWire(Network(test::tinyConvSpec(), 0, 4, {}).weights())};
            up.edge_ms = kEdgeMs;
            up.hold_ms = msSince(received);
            sent = clocks.agentUs();
            sent_at = Clock::now();
            sent_at = Clock::now();
            answer = up;
          }
        }
      }
      if (!answer) {  // round 1's last gradient: nothing to answer, the next plan comes on a tick
        out = rc.onTick(clocks.cloudUs());
        cloud_sent = Clock::now();
        QVERIFY(!out.empty());
        continue;
      }
      std::this_thread::sleep_until(link.schedule(LinkDirection::Up, 1000).delivered);
      const auto ms = [](Clock::duration d) {
        return std::chrono::duration<double, std::milli>(d).count();
      };
      Truth& t = truth[round];
      t.down += ms(received - cloud_sent);
      t.edge += ms(sent_at - received);
      const int64_t arrived = clocks.cloudUs();
      t.up += double(arrived - (sent - kAgentAheadUs)) / 1e3;
      if (std::holds_alternative<net::Activations>(*answer)) {
        jitter.add(double(arrived - sent) / 1e3);
        t.jitter = jitter;
      }
      out = rc.onMessage("cam-1", net::Message{seq++, sent, *answer}, arrived);
      cloud_sent = Clock::now();
      ++exchanges;
      if (exchanges > 20) QFAIL("the rounds did not end");
    }

    const std::vector<ClosedRound> rounds = rc.takeClosedRounds();
    QCOMPARE(rounds.size(), size_t(2));
    for (const ClosedRound& r : rounds) {
      QCOMPARE(r.devices.size(), size_t(1));
      const DeviceRoundResult& d = r.devices[0];
      QVERIFY(!d.straggler);
      const int legs = kSteps + (r.round == 2 ? 1 : 0);  // answers the agent sent
      const QString figures =
          QString("round %1: edge %2 up %3 cloud %4 down %5 wait %6 round %7 offset %8")
              .arg(r.round)
              .arg(d.edge_ms)
              .arg(d.up_ms)
              .arg(d.cloud_ms)
              .arg(d.down_ms)
              .arg(d.wait_ms)
              .arg(d.round_ms)
              .arg(d.clock_offset_ms);
      const Truth& t = truth[uint32_t(r.round)];
      const QString expected = QString("truth: edge %1 up %2 down %3 jitter %4")
                                   .arg(t.edge)
                                   .arg(t.up)
                                   .arg(t.down)
                                   .arg(t.jitter.jitterMs());
      qInfo("%s / %s", qPrintable(figures), qPrintable(expected));
      const QString both = figures + " / " + expected;
      // The link guarantees its latency; a loaded machine adds to it, the truth records how much.
      QVERIFY2(t.up >= kLatencyMs * legs && t.down >= kLatencyMs * legs, qPrintable(both));
      QVERIFY2(t.edge >= kEdgeMs * legs, qPrintable(both));
      // The estimated offset errs by half the best exchange's asymmetry: a few ms at most here.
      const double offset_error = std::abs(d.clock_offset_ms - kAgentAheadUs / 1e3);
      QVERIFY2(offset_error < 5.0, qPrintable(both));
      // Each leg's up/down split inherits that error; the edge time is the agent's own report.
      const double slack = legs * (offset_error + 0.5);
      QVERIFY2(std::abs(d.edge_ms - t.edge) < 0.1 * legs, qPrintable(both));
      QVERIFY2(std::abs(d.edge_compute_ms - kEdgeMs * legs) < 1e-9, qPrintable(both));
      QVERIFY2(std::abs(d.up_ms - t.up) < slack, qPrintable(both));
      QVERIFY2(std::abs(d.down_ms - t.down) < slack, qPrintable(both));
      // RFC 3550 over the same transit times the test saw (offsets cancel): the same figure.
      QVERIFY2(std::abs(d.jitter_ms - t.jitter.jitterMs()) < 1e-6, qPrintable(both));
      QVERIFY(d.cloud_ms > 0);
      QCOMPARE(d.unsplit_ms, 0.0);
      const double sum = d.edge_ms + d.up_ms + d.cloud_ms + d.down_ms + d.wait_ms;
      QVERIFY2(std::abs(sum - d.round_ms) < 0.5 + 0.01 * d.round_ms, qPrintable(figures));
    }

    // The phase_timing events carry the same figures.
    int timings = 0;
    for (const Event& e : rc.takeEvents()) {
      if (e.kind != event_kind::kPhaseTiming) continue;
      const auto j = nlohmann::json::parse(e.data_json);
      for (const char* key :
           {"edge_ms", "up_ms", "cloud_ms", "down_ms", "wait_ms", "jitter_ms", "round_ms",
            "bytes_up", "bytes_down", "steps", "cut", "clock_offset_ms"}) {
        QVERIFY2(j.contains(key), key);
      }
      QCOMPARE(j["steps"].get<int>(), kSteps);
      QCOMPARE(j["up_ms"].get<double>(), rounds[size_t(timings)].devices[0].up_ms);
      ++timings;
    }
    QCOMPARE(timings, 2);
  }

  // An agent that sends no timestamps: its transfer time is reported whole, never guessed apart.
  void untimedAgentTransferIsUnsplit() {
    CoordinatorConfig c = config();
    c.rounds = 2;  // round 1 of 2 does not average: the step is its last exchange
    c.steps = 1;
    RoundCoordinator rc(c);
    rc.onMessage("cam-1", net::Message{0, 0, hello(false)}, 0);
    rc.onMessage("cam-1", net::Message{0, 0, hello(true)}, 0);
    rc.onTick(1'000);
    const Shape act_shape = computeCosts(test::tinyConvSpec()).layers[3].output_shape;
    net::Activations a = activation(1, 0, act_shape);
    a.edge_ms = 4;
    a.hold_ms = 5;
    rc.onMessage("cam-1", net::Message{0, 0, a}, 41'000);  // 40 ms after the plan
    const auto rounds = rc.takeClosedRounds();
    QCOMPARE(rounds.size(), size_t(1));
    const DeviceRoundResult& d = rounds[0].devices[0];
    QCOMPARE(d.edge_ms, 5.0);
    QCOMPARE(d.edge_compute_ms, 4.0);
    QCOMPARE(d.unsplit_ms, 35.0);
    QCOMPARE(d.up_ms, 0.0);
    QCOMPARE(d.down_ms, 0.0);
    QVERIFY(std::abs(d.edge_ms + d.unsplit_ms + d.cloud_ms + d.wait_ms - d.round_ms) < 0.01);
  }
};

QTEST_GUILESS_MAIN(TstPhaseTiming)
#include "tst_phase_timing.moc"
