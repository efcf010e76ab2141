// Split planner: step-time model, fastest / manual / in-step modes, memory limits, profiles, codec.
// Expected values are worked out by hand from plan_fixture.h (batch 10, cloud 3e10 FLOP/s, load 1):
//   edge FLOPs per step (3 x prefix x 10):  cut 0..4 -> 0, 3e7, 3e7, 2.7e8, 2.7e8
//   cloud ms (3 x suffix x 10 / 3e10):      9.1, 8.1, 8.1, 0.1, 0.1
//   up bytes (10 x act + 80 label bytes):   120080, 320080, 80080, 160080, 40080
//   down bytes (10 x act):                  120000, 320000, 80000, 160000, 40000
//   edge memory (12 x params + 10 x kept activations + 10 x input):
//                                           120000, 442400, 522400, 730400, 770400
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <random>

#include "core/plan/planner.h"
#include "tests/plan/plan_fixture.h"

using namespace cleave;
using namespace cleave::test;

Q_DECLARE_METATYPE(std::vector<double>)

namespace {

bool near(double a, double b, double tolerance = 1e-9) {
  return std::abs(a - b) <= tolerance * std::max(1.0, std::abs(b));
}

#define CLOSE(actual, expected)                                                          \
  QVERIFY2(near((actual), (expected)), qPrintable(QStringLiteral("%1 = %2, expected %3") \
                                                      .arg(#actual)                      \
                                                      .arg((actual), 0, 'g', 17)         \
                                                      .arg((expected), 0, 'g', 17)))

PlanRequest request(PlanMode mode, int steps = 1) {
  PlanRequest r;
  r.mode = mode;
  r.batch = kBatch;
  r.steps = steps;
  return r;
}

const DevicePlan& planFor(const Plan& plan, const std::string& name) {
  const auto it = std::find_if(plan.devices.begin(), plan.devices.end(),
                               [&](const DevicePlan& d) { return d.device == name; });
  if (it == plan.devices.end()) qFatal("device %s missing from plan", name.c_str());
  return *it;
}

// The design's formula written out with plain loops: an independent check on the prefix sums.
double referenceStepMs(const CostTable& table, const DeviceProfile& device,
                       const CloudProfile& cloud, int batch, double wire, int cut) {
  double edge = 0;
  double cloud_ms = 0;
  for (int i = 0; i < static_cast<int>(table.layers.size()); ++i) {
    const double flops = static_cast<double>(table.layers[static_cast<size_t>(i)].flops);
    if (i < cut) {
      edge += device.layer_ms.empty()
                  ? 3 * flops * batch / device.flops_per_s * 1000
                  : device.layer_ms[static_cast<size_t>(i)] * batch / device.profile_batch;
    } else {
      cloud_ms += 3 * flops * batch / cloud.flops_per_s * 1000 * cloud.load;
    }
  }
  const double act =
      cut == 0 ? static_cast<double>(table.input_bytes)
               : static_cast<double>(table.layers[static_cast<size_t>(cut) - 1].activation_bytes);
  const double up = batch * act * wire / 4 + 8.0 * batch;
  const double down = batch * act * wire / 4;
  const double up_bytes_per_ms = device.link.up_mbps * 1e6 / 8 / 1000;
  const double down_bytes_per_ms = device.link.down_mbps * 1e6 / 8 / 1000;
  return edge + 2 * device.link.latency_ms + up / up_bytes_per_ms + down / down_bytes_per_ms +
         cloud_ms;
}

// Edge memory of a cut, summed layer by layer.
int64_t referenceMemory(const CostTable& table, int batch, int cut) {
  int64_t bytes = batch * table.input_bytes;
  for (int i = 0; i < cut; ++i) {
    const LayerCost& layer = table.layers[static_cast<size_t>(i)];
    bytes += layer.params * 4 * 3 + batch * layer.activation_bytes;
  }
  return bytes;
}

}  // namespace

class TstPlanner : public QObject {
  Q_OBJECT

 private slots:
  void stepTimeCurve_data();
  void stepTimeCurve();
  void phasesAtCut();
  void fastestPicksArgmin_data();
  void fastestPicksArgmin();
  void manualGlobalAndOverride();
  void manualRejectsBadCuts_data();
  void manualRejectsBadCuts();
  void edgeMemoryByCut_data();
  void edgeMemoryByCut();
  void memoryInfeasibleCutsNeverChosen();
  void inStepDerivedDeadline();
  void inStepExplicitDeadline();
  void inStepTieGoesToSmallerIdle();
  void inStepStraggler();
  void inStepRespectsMemory();
  void profiledLayerTimesReplaceFlops();
  void wireBytesPerValue_data();
  void wireBytesPerValue();
  void cloudLoadScalesCloudTime();
  void curvesMatchStepTimeByCut();
  void randomFleetsMatchReference();
  void modeNames();
  void invalidRequestsThrow_data();
  void invalidRequestsThrow();
};

void TstPlanner::stepTimeCurve_data() {
  QTest::addColumn<int>("device");
  QTest::addColumn<std::vector<double>>("expected");
  // jetson: edge 0,1,1,9,9; 2 x 5 ms latency; up at 1000 B/ms, down at 10000 B/ms.
  QTest::addRow("jetson") << 0 << std::vector<double>{151.18, 371.18, 107.18, 195.18, 63.18};
  // pi: edge 0,10,10,90,90; 2 x 20 ms latency; same link rates as jetson.
  QTest::addRow("pi") << 1 << std::vector<double>{181.18, 410.18, 146.18, 306.18, 174.18};
  // cam: edge 0,100,100,900,900; 2 x 1 ms latency; 10000 B/ms both ways.
  QTest::addRow("cam") << 2 << std::vector<double>{35.108, 174.108, 126.108, 934.108, 910.108};
}

void TstPlanner::stepTimeCurve() {
  QFETCH(int, device);
  QFETCH(std::vector<double>, expected);
  const Fleet fleet = handFleet();
  const auto curve = stepTimeByCut(handTable(), fleet.devices[static_cast<size_t>(device)],
                                   fleet.cloud, request(PlanMode::Fastest));
  QCOMPARE(curve.size(), expected.size());
  for (size_t k = 0; k < curve.size(); ++k)
    CLOSE(curve[k], expected[k]);
}

void TstPlanner::phasesAtCut() {
  PlanRequest r = request(PlanMode::Manual);
  r.global_cut = 4;
  const Plan plan = planSplit(handTable(), handFleet(), r);
  const DevicePlan& j = planFor(plan, "jetson");
  CLOSE(j.step.edge_ms, 9.0);
  CLOSE(j.step.up_ms, 5 + 40.08);  // latency + 40080 bytes at 1000 B/ms
  CLOSE(j.step.cloud_ms, 0.1);
  CLOSE(j.step.down_ms, 5 + 4.0);  // latency + 40000 bytes at 10000 B/ms
  QCOMPARE(j.up_bytes_per_step, int64_t{40080});
  QCOMPARE(j.down_bytes_per_step, int64_t{40000});
  QCOMPARE(j.edge_memory_bytes, int64_t{770400});
  QVERIFY(j.feasible);
}

void TstPlanner::fastestPicksArgmin_data() {
  QTest::addColumn<QString>("device");
  QTest::addColumn<int>("cut");
  QTest::addColumn<double>("step_ms");
  // Fast compute on a thin uplink: push everything to the small fc input.
  QTest::addRow("jetson") << "jetson" << 4 << 63.18;
  // Middle: pool1's 8000-byte output beats both the input and the expensive conv2.
  QTest::addRow("pi") << "pi" << 2 << 146.18;
  // Weak compute on a good link: ship the raw input.
  QTest::addRow("cam") << "cam" << 0 << 35.108;
}

void TstPlanner::fastestPicksArgmin() {
  QFETCH(QString, device);
  QFETCH(int, cut);
  QFETCH(double, step_ms);
  const Plan plan = planSplit(handTable(), handFleet(), request(PlanMode::Fastest, 3));
  const DevicePlan& d = planFor(plan, device.toStdString());
  QCOMPARE(d.cut, cut);
  QCOMPARE(d.steps, 3);
  QVERIFY(d.feasible);
  CLOSE(d.step.total(), step_ms);
  CLOSE(d.round_ms, 3 * step_ms);
  CLOSE(plan.round_ms, 3 * 146.18);              // pi finishes last
  CLOSE(plan.spread_ms, 3 * (146.18 - 35.108));  // cam first
}

void TstPlanner::manualGlobalAndOverride() {
  PlanRequest r = request(PlanMode::Manual);
  r.global_cut = 2;
  Plan plan = planSplit(handTable(), handFleet(), r);
  for (const DevicePlan& d : plan.devices)
    QCOMPARE(d.cut, 2);
  CLOSE(planFor(plan, "jetson").step.total(), 107.18);
  CLOSE(planFor(plan, "pi").step.total(), 146.18);
  CLOSE(planFor(plan, "cam").step.total(), 126.108);

  r.device_cuts = {{"pi", 4}};
  plan = planSplit(handTable(), handFleet(), r);
  QCOMPARE(planFor(plan, "pi").cut, 4);
  CLOSE(planFor(plan, "pi").step.total(), 174.18);
  QCOMPARE(planFor(plan, "jetson").cut, 2);
  QCOMPARE(planFor(plan, "cam").cut, 2);

  // Overrides for every device need no global cut.
  r.global_cut = -1;
  r.device_cuts = {{"jetson", 0}, {"pi", 1}, {"cam", 3}};
  plan = planSplit(handTable(), handFleet(), r);
  QCOMPARE(planFor(plan, "jetson").cut, 0);
  QCOMPARE(planFor(plan, "pi").cut, 1);
  QCOMPARE(planFor(plan, "cam").cut, 3);
}

void TstPlanner::manualRejectsBadCuts_data() {
  QTest::addColumn<int>("global_cut");
  QTest::addColumn<QString>("override_device");
  QTest::addColumn<int>("override_cut");
  QTest::addColumn<QString>("message");
  QTest::addRow("no cut") << -1 << "" << 0 << "no cut for device 'jetson'";
  QTest::addRow("global past last layer") << 5 << "" << 0 << "cut 5 for device 'jetson'";
  QTest::addRow("override negative") << 1 << "pi" << -2 << "cut -2 for device 'pi'";
  QTest::addRow("unknown device") << 1 << "pie" << 1 << "unknown device 'pie'";
}

void TstPlanner::manualRejectsBadCuts() {
  QFETCH(int, global_cut);
  QFETCH(QString, override_device);
  QFETCH(int, override_cut);
  QFETCH(QString, message);
  PlanRequest r = request(PlanMode::Manual);
  r.global_cut = global_cut;
  if (!override_device.isEmpty()) r.device_cuts[override_device.toStdString()] = override_cut;
  try {
    planSplit(handTable(), handFleet(), r);
    QFAIL("expected PlanError");
  } catch (const PlanError& error) {
    QVERIFY2(QString(error.what()).contains(message), error.what());
  }
}

void TstPlanner::edgeMemoryByCut_data() {
  QTest::addColumn<int>("cut");
  QTest::addColumn<qint64>("bytes");
  QTest::addRow("0") << 0 << qint64{120000};  // input batch only
  QTest::addRow("1") << 1 << qint64{200 * 12 + 10 * 32000 + 120000};
  QTest::addRow("2") << 2 << qint64{200 * 12 + 10 * 40000 + 120000};
  QTest::addRow("3") << 3 << qint64{4200 * 12 + 10 * 56000 + 120000};
  QTest::addRow("4") << 4 << qint64{4200 * 12 + 10 * 60000 + 120000};
}

void TstPlanner::edgeMemoryByCut() {
  QFETCH(int, cut);
  QFETCH(qint64, bytes);
  PlanRequest r = request(PlanMode::Manual);
  r.global_cut = cut;
  const Plan plan = planSplit(handTable(), handFleet(), r);
  QCOMPARE(planFor(plan, "jetson").edge_memory_bytes, bytes);
}

void TstPlanner::memoryInfeasibleCutsNeverChosen() {
  Fleet fleet = handFleet();
  fleet.devices[0].memory_bytes = 600000;  // jetson: cuts 0..2 fit, 3 and 4 do not

  // Fastest: the unconstrained best (4) does not fit; the next best fitting cut is 2 (107.18).
  Plan plan = planSplit(handTable(), fleet, request(PlanMode::Fastest));
  QCOMPARE(planFor(plan, "jetson").cut, 2);
  QVERIFY(planFor(plan, "jetson").feasible);
  QVERIFY(planFor(plan, "jetson").edge_memory_bytes <= 600000);

  // Manual: the operator's cut stands, flagged with a reason.
  PlanRequest manual = request(PlanMode::Manual);
  manual.global_cut = 4;
  plan = planSplit(handTable(), fleet, manual);
  QVERIFY(!planFor(plan, "jetson").feasible);
  QVERIFY2(QString::fromStdString(planFor(plan, "jetson").reason).contains("memory"),
           planFor(plan, "jetson").reason.c_str());
  QVERIFY(planFor(plan, "pi").feasible);
  CLOSE(plan.round_ms, 910.108);  // infeasible jetson is left out of round and spread
  CLOSE(plan.spread_ms, 910.108 - 174.18);

  // Nothing fits: even the input batch (120000 bytes) is too much.
  fleet.devices[0].memory_bytes = 100000;
  plan = planSplit(handTable(), fleet, request(PlanMode::Fastest));
  QVERIFY(!planFor(plan, "jetson").feasible);
  QVERIFY(QString::fromStdString(planFor(plan, "jetson").reason).contains("no cut fits"));
}

void TstPlanner::inStepDerivedDeadline() {
  // Best steps: jetson 63.18 (cut 4), pi 146.18 (cut 2), cam 35.108 (cut 0). The slowest best is
  // pi's, so the deadline is 10 x 146.18 = 1461.8 ms. Then floor(1461.8 / T):
  //   jetson 23 at cut 4 (1453.14 ms), pi 10 at cut 2, cam 41 at cut 0 (1439.428 ms).
  const Plan plan = planSplit(handTable(), handFleet(), request(PlanMode::InStep, 10));
  CLOSE(plan.deadline_ms, 1461.8);
  const DevicePlan& j = planFor(plan, "jetson");
  const DevicePlan& p = planFor(plan, "pi");
  const DevicePlan& c = planFor(plan, "cam");
  QCOMPARE(j.cut, 4);
  QCOMPARE(j.steps, 23);
  QCOMPARE(p.cut, 2);
  QCOMPARE(p.steps, 10);
  QCOMPARE(c.cut, 0);
  QCOMPARE(c.steps, 41);
  CLOSE(j.round_ms, 23 * 63.18);
  CLOSE(c.round_ms, 41 * 35.108);
  CLOSE(plan.round_ms, 1461.8);
  CLOSE(plan.spread_ms, 1461.8 - 41 * 35.108);
  for (const DevicePlan& d : plan.devices) {
    QVERIFY(d.feasible);
    QVERIFY(d.round_ms <= plan.deadline_ms + 1e-9);
    QVERIFY(plan.deadline_ms - d.round_ms < d.step.total());  // within one step of the deadline
  }
  // The slowest device does the fewest steps; the weakest compute gets the shallowest cut.
  QVERIFY(p.steps < j.steps && p.steps < c.steps);
  QVERIFY(c.cut <= j.cut && c.cut <= p.cut);
}

void TstPlanner::inStepExplicitDeadline() {
  PlanRequest r = request(PlanMode::InStep, 10);
  r.deadline_ms = 500;  // jetson 7 x 63.18, pi 3 x 146.18, cam 14 x 35.108
  const Plan plan = planSplit(handTable(), handFleet(), r);
  CLOSE(plan.deadline_ms, 500.0);
  QCOMPARE(planFor(plan, "jetson").steps, 7);
  QCOMPARE(planFor(plan, "pi").steps, 3);
  QCOMPARE(planFor(plan, "cam").steps, 14);
  CLOSE(plan.round_ms, 14 * 35.108);
  CLOSE(plan.spread_ms, 14 * 35.108 - 3 * 146.18);
}

void TstPlanner::inStepTieGoesToSmallerIdle() {
  // Deadline 120 ms, jetson: cut 4 (63.18) and cut 2 (107.18) both fit one step; cut 2 idles
  // 12.82 ms instead of 56.82 ms, so it wins although cut 4 is faster.
  Fleet fleet = handFleet();
  fleet.devices = {jetson()};
  PlanRequest r = request(PlanMode::InStep);
  r.deadline_ms = 120;
  const Plan plan = planSplit(handTable(), fleet, r);
  QCOMPARE(plan.devices[0].cut, 2);
  QCOMPARE(plan.devices[0].steps, 1);
}

void TstPlanner::inStepStraggler() {
  // Deadline 40 ms: cam fits one step (35.108), jetson (63.18) and pi (146.18) fit none.
  PlanRequest r = request(PlanMode::InStep);
  r.deadline_ms = 40;
  const Plan plan = planSplit(handTable(), handFleet(), r);
  QVERIFY(planFor(plan, "cam").feasible);
  QCOMPARE(planFor(plan, "cam").steps, 1);
  for (const char* name : {"jetson", "pi"}) {
    const DevicePlan& d = planFor(plan, name);
    QVERIFY(!d.feasible);
    QVERIFY2(QString::fromStdString(d.reason).contains("straggler"), d.reason.c_str());
    QCOMPARE(d.steps, 1);
  }
  QCOMPARE(planFor(plan, "jetson").cut, 4);  // its fastest cut
  CLOSE(plan.round_ms, 35.108);
  CLOSE(plan.spread_ms, 0.0);
}

void TstPlanner::inStepRespectsMemory() {
  Fleet fleet = handFleet();
  fleet.devices[0].memory_bytes = 600000;  // jetson limited to cuts 0..2
  const Plan plan = planSplit(handTable(), fleet, request(PlanMode::InStep, 10));
  const DevicePlan& j = planFor(plan, "jetson");
  QVERIFY(j.cut <= 2);
  QCOMPARE(j.cut, 2);     // 107.18 beats 151.18 at cut 0
  QCOMPARE(j.steps, 13);  // floor(1461.8 / 107.18)
}

void TstPlanner::profiledLayerTimesReplaceFlops() {
  // pi profiled at batch 20: [5, 1, 20, 1, 2] ms -> at batch 10 edge prefix 0, 2.5, 3, 13, 13.5.
  // Its FLOP rate is absurdly low so any use of it would show.
  Fleet fleet = handFleet();
  DeviceProfile& p = fleet.devices[1];
  p.flops_per_s = 1;
  p.layer_ms = {5, 1, 20, 1, 2};
  p.profile_batch = 20;
  const auto curve = stepTimeByCut(handTable(), p, fleet.cloud, request(PlanMode::Fastest));
  const std::vector<double> expected = {181.18, 402.68, 139.18, 229.18, 97.68};
  for (size_t k = 0; k < expected.size(); ++k)
    CLOSE(curve[k], expected[k]);

  const Plan plan = planSplit(handTable(), fleet, request(PlanMode::Fastest));
  QCOMPARE(planFor(plan, "pi").cut, 4);  // was 2 with FLOP-based times
  CLOSE(planFor(plan, "pi").step.edge_ms, 13.5);
}

void TstPlanner::wireBytesPerValue_data() {
  QTest::addColumn<double>("wire");
  QTest::addRow("fp32") << 4.0;
  QTest::addRow("fp16") << 2.0;
  QTest::addRow("int8") << 1.0;
}

void TstPlanner::wireBytesPerValue() {
  QFETCH(double, wire);
  const CostTable table = handTable();
  const int64_t act_at_cut[] = {12000, 32000, 8000, 16000, 4000};
  for (int cut = 0; cut < 5; ++cut) {
    PlanRequest r = request(PlanMode::Manual);
    r.global_cut = cut;
    r.wire_bytes_per_value = wire;
    const DevicePlan d = planFor(planSplit(table, handFleet(), r), "jetson");
    const auto act_bytes = static_cast<int64_t>(kBatch * act_at_cut[cut] * wire / 4);
    QCOMPARE(d.up_bytes_per_step, act_bytes + 8 * kBatch);  // labels are not compressed
    QCOMPARE(d.down_bytes_per_step, act_bytes);
    // jetson uplink: 5 ms latency, 1000 B/ms; label transfer 0.08 ms.
    const double activation_up_ms = d.step.up_ms - 5 - 0.08;
    CLOSE(activation_up_ms, static_cast<double>(kBatch * act_at_cut[cut]) / 1000 * wire / 4);
  }
  if (wire == 2.0) {
    // fp16 exactly halves the activation part of the fp32 uplink time.
    PlanRequest r = request(PlanMode::Manual);
    r.global_cut = 4;
    const double fp32 = planFor(planSplit(table, handFleet(), r), "jetson").step.up_ms - 5.08;
    r.wire_bytes_per_value = 2;
    const double fp16 = planFor(planSplit(table, handFleet(), r), "jetson").step.up_ms - 5.08;
    CLOSE(fp16 * 2, fp32);
  }
}

void TstPlanner::cloudLoadScalesCloudTime() {
  Fleet fleet = handFleet();
  fleet.cloud.load = 2.5;
  PlanRequest r = request(PlanMode::Manual);
  r.global_cut = 0;
  const Plan plan = planSplit(handTable(), fleet, r);
  CLOSE(planFor(plan, "jetson").step.cloud_ms, 9.1 * 2.5);
  CLOSE(planFor(plan, "jetson").step.total(), 151.18 + 9.1 * 1.5);
}

void TstPlanner::curvesMatchStepTimeByCut() {
  PlanRequest r = request(PlanMode::InStep, 4);
  r.keep_curves = true;
  const Fleet fleet = handFleet();
  const Plan plan = planSplit(handTable(), fleet, r);
  QCOMPARE(plan.step_ms_by_cut.size(), fleet.devices.size());
  for (size_t d = 0; d < fleet.devices.size(); ++d) {
    const auto expected = stepTimeByCut(handTable(), fleet.devices[d], fleet.cloud, r);
    QCOMPARE(plan.step_ms_by_cut[d].size(), expected.size());
    for (size_t k = 0; k < expected.size(); ++k)
      CLOSE(plan.step_ms_by_cut[d][k], expected[k]);
  }
  r.keep_curves = false;
  QVERIFY(planSplit(handTable(), fleet, r).step_ms_by_cut.empty());
}

void TstPlanner::randomFleetsMatchReference() {
  // Random tables and fleets: fastest is the argmin of the looped formula over fitting cuts, and
  // in-step keeps every finish within one step of the deadline.
  std::mt19937 rng(20240607);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  auto logUniform = [&](double lo, double hi) { return lo * std::pow(hi / lo, unit(rng)); };
  for (int trial = 0; trial < 40; ++trial) {
    CostTable table;
    table.input_bytes = 4 * static_cast<int64_t>(logUniform(250, 2.5e5));
    const int layers = 1 + static_cast<int>(unit(rng) * 12);
    for (int i = 0; i < layers; ++i) {
      LayerCost layer;
      layer.name = "l" + std::to_string(i);
      layer.flops = unit(rng) < 0.3 ? 0 : static_cast<int64_t>(logUniform(1e4, 1e9));
      layer.activation_bytes = 4 * static_cast<int64_t>(logUniform(10, 2.5e5));  // fp32 values
      layer.params = static_cast<int64_t>(logUniform(1, 1e6));
      table.layers.push_back(layer);
    }
    Fleet fleet;
    fleet.cloud = {logUniform(1e11, 1e13), 1 + unit(rng)};
    for (int d = 0; d < 6; ++d) {
      DeviceProfile device = handDevice(
          "d" + std::to_string(d), logUniform(1e8, 1e11), logUniform(1, 1000), logUniform(1, 1000),
          logUniform(0.5, 80), static_cast<int64_t>(logUniform(1e6, 1e10)));
      if (d % 3 == 0) {
        for (int i = 0; i < layers; ++i)
          device.layer_ms.push_back(logUniform(0.01, 50));
        device.profile_batch = 16;
      }
      fleet.devices.push_back(device);
    }
    PlanRequest r = request(PlanMode::Fastest, 5);
    r.batch = 1 + static_cast<int>(unit(rng) * 64);
    r.wire_bytes_per_value = trial % 2 ? 4 : 1;
    const Plan fastest = planSplit(table, fleet, r);
    for (size_t d = 0; d < fleet.devices.size(); ++d) {
      const DeviceProfile& device = fleet.devices[d];
      double best = std::numeric_limits<double>::infinity();
      for (int k = 0; k < layers; ++k) {
        const double t =
            referenceStepMs(table, device, fleet.cloud, r.batch, r.wire_bytes_per_value, k);
        CLOSE(stepTimeByCut(table, device, fleet.cloud, r)[static_cast<size_t>(k)], t);
        if (referenceMemory(table, r.batch, k) <= device.memory_bytes) best = std::min(best, t);
      }
      const DevicePlan& got = fastest.devices[d];
      QCOMPARE(got.feasible, best < std::numeric_limits<double>::infinity());
      if (got.feasible) {
        CLOSE(got.step.total(), best);
        QCOMPARE(got.edge_memory_bytes, referenceMemory(table, r.batch, got.cut));
      }
    }
    r.mode = PlanMode::InStep;
    const Plan instep = planSplit(table, fleet, r);
    for (const DevicePlan& d : instep.devices) {
      if (!d.feasible) continue;
      QVERIFY(d.steps >= 1);
      QVERIFY(d.round_ms <= instep.deadline_ms * (1 + 1e-12));
      QVERIFY(instep.deadline_ms - d.round_ms < d.step.total() * (1 + 1e-12));
    }
  }
}

void TstPlanner::modeNames() {
  for (PlanMode mode : {PlanMode::Manual, PlanMode::Fastest, PlanMode::InStep}) {
    QCOMPARE(planModeFromName(planModeName(mode)), std::optional<PlanMode>(mode));
  }
  QCOMPARE(planModeName(PlanMode::InStep), std::string("in-step"));
  QCOMPARE(planModeFromName("in_step"), std::optional<PlanMode>(PlanMode::InStep));
  QVERIFY(!planModeFromName("fastes").has_value());
  QVERIFY(!planModeFromName("").has_value());
}

void TstPlanner::invalidRequestsThrow_data() {
  QTest::addColumn<QString>("what");
  QTest::addColumn<QString>("message");
  QTest::addRow("batch 0") << "batch"
                           << "batch must be >= 1";
  QTest::addRow("steps 0") << "steps"
                           << "steps must be >= 1";
  QTest::addRow("empty table") << "table"
                               << "no layers";
  QTest::addRow("layer_ms length") << "layer_ms"
                                   << "device 'pi': layer_ms has 2 entries";
  QTest::addRow("no speed") << "flops"
                            << "device 'cam': flops_per_s must be > 0";
  QTest::addRow("dead link") << "link"
                             << "device 'jetson': link";
  QTest::addRow("codec") << "wire"
                         << "wire_bytes_per_value";
}

void TstPlanner::invalidRequestsThrow() {
  QFETCH(QString, what);
  QFETCH(QString, message);
  CostTable table = handTable();
  Fleet fleet = handFleet();
  PlanRequest r = request(PlanMode::Fastest);
  if (what == "batch") r.batch = 0;
  if (what == "steps") r.steps = 0;
  if (what == "table") table.layers.clear();
  if (what == "layer_ms") fleet.devices[1].layer_ms = {1, 2};
  if (what == "flops") fleet.devices[2].flops_per_s = 0;
  if (what == "link") fleet.devices[0].link.up_mbps = 0;
  if (what == "wire") r.wire_bytes_per_value = 0;
  try {
    planSplit(table, fleet, r);
    QFAIL("expected PlanError");
  } catch (const PlanError& error) {
    QVERIFY2(QString(error.what()).contains(message), error.what());
  }
}

QTEST_APPLESS_MAIN(TstPlanner)
#include "tst_planner.moc"
