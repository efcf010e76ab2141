// Compressed WeightsUp end to end without sockets: real AgentSessions and the RoundCoordinator
// exchange encoded messages; the same fleet averaged once with dense fp32 uploads and once with
// int8 deltas (UpdateCompressor, error feedback) must give the same global model within the int8
// bound, with the upload ~3.5x smaller.
#include <QtTest>
#include <cmath>
#include <deque>
#include <map>

#include "core/agent/agent_session.h"
#include "core/coordinator/round_coordinator.h"
#include "core/net/weights_wire.h"
#include "core/net/wire_codec.h"
#include "core/net/wire_tensor.h"
#include "tests/train/test_specs.h"

using namespace cleave;
using namespace cleave::agent;

namespace {

const char* const kSpec = test::kTinyExitSpecJson;

Dataset data(int samples, int seed) {
  Dataset d;
  d.name = "synthetic";
  d.sample_shape = {1, 6, 6};
  d.class_names = {"a", "b", "c"};
  for (int i = 0; i < samples; ++i) {
    const int label = (i + seed) % 3;
    for (int k = 0; k < 36; ++k)
      d.values.push_back(std::sin(0.3f * float(k * (label + 1) + seed + i)));
    d.labels.push_back(label);
  }
  return d;
}

AgentSession agent(const std::string& name, int seed) {
  AgentConfig c;
  c.name = name;
  c.seed = uint64_t(seed);
  c.profile_batch = 2;
  c.profile_repetitions = 1;
  c.host = HostInfo{"test cpu", 2, 1u << 30};
  AgentData d;
  d.data = data(24, seed);
  for (int64_t i = 0; i < 24; ++i)
    d.shard.push_back(i);
  return AgentSession(std::move(c), std::move(d));
}

struct Run {
  std::vector<ClosedRound> rounds;
  std::vector<net::WeightsUp> uploads;  // as the cloud received them, decoded from the wire
  Weights initial;                      // the global model agents were welcomed with
};

// Two agents, `rounds` rounds of 3 steps, averaging every round; messages go through the codec.
Run runFleet(double update_keep, int rounds) {
  CoordinatorConfig c;
  c.spec = parseModelSpec(kSpec, "tiny-upload.json");
  c.spec_json = kSpec;
  c.test = data(12, 7);
  c.mode = PlanMode::Manual;
  c.manual_cut = 4;
  c.rounds = rounds;
  c.steps = 3;
  c.batch = 4;
  c.fedavg_every = 1;
  c.update_keep = update_keep;
  RoundCoordinator rc(c);
  std::map<std::string, AgentSession> agents;
  agents.emplace("edge-a", agent("edge-a", 1));
  agents.emplace("edge-b", agent("edge-b", 2));
  Run run;
  int64_t now = 0;
  std::deque<std::pair<std::string, net::Body>> to_cloud;
  std::deque<Outgoing> to_agents;
  const auto wire = [](const net::Body& body) {  // what the other side decodes
    net::DecodeResult d = net::decodeMessage(net::encodeMessage(net::Message{1, 0, body}));
    if (!d.ok())
      qFatal("undecodable %s: %s", std::string(net::bodyName(body)).c_str(),
             d.error().text.c_str());
    return d.message();
  };
  for (auto& [name, a] : agents) {
    for (auto& body : a.connect())
      to_cloud.emplace_back(name, std::move(body));
  }
  for (int guard = 0; guard < 10'000 && !rc.finished(); ++guard) {
    while (!to_cloud.empty() || !to_agents.empty()) {
      while (!to_cloud.empty()) {
        auto [name, body] = std::move(to_cloud.front());
        to_cloud.pop_front();
        const net::Message m = wire(body);
        if (const auto* up = std::get_if<net::WeightsUp>(&m.body)) run.uploads.push_back(*up);
        for (auto& o : rc.onMessage(name, m, now))
          to_agents.push_back(std::move(o));
      }
      while (!to_agents.empty()) {
        Outgoing o = std::move(to_agents.front());
        to_agents.pop_front();
        const net::Message m = wire(o.message.body);
        if (const auto* w = std::get_if<net::Welcome>(&m.body); w && run.initial.empty()) {
          run.initial = net::weightsFromWire(
              w->weights, Network(parseModelSpec(kSpec, "s"), 0, 6, {}).weights());
        }
        for (auto& body : agents.at(o.device).handle(m.body))
          to_cloud.emplace_back(o.device, std::move(body));
      }
    }
    now += 10'000;
    for (auto& o : rc.onTick(now))
      to_agents.push_back(std::move(o));
  }
  run.rounds = rc.takeClosedRounds();
  return run;
}

int64_t uploadBytes(const ClosedRound& r) {
  int64_t bytes = 0;
  for (const auto& d : r.devices)
    bytes += d.update_bytes;
  return bytes;
}

}  // namespace

class TstCompressedUpload : public QObject {
  Q_OBJECT

 private slots:
  void int8UploadMatchesDenseWithinQuantisation() {
    const Run dense = runFleet(0, 1);
    const Run int8 = runFleet(1.0, 1);
    QCOMPARE(dense.rounds.size(), size_t(1));
    QCOMPARE(int8.rounds.size(), size_t(1));
    QVERIFY(dense.rounds[0].averaged && int8.rounds[0].averaged);
    QCOMPARE(dense.uploads.size(), size_t(2));
    QCOMPARE(int8.uploads.size(), size_t(2));
    for (const auto& up : dense.uploads)
      QVERIFY(!up.compressed);
    for (const auto& up : int8.uploads)
      QVERIFY(up.compressed);

    // The int8 bound: every delta value is off by at most max|delta| / 254 (one scale per 4096
    // values), and averaging is a convex combination, so the global model is off by at most the
    // largest device's max|delta| / 254.
    double max_delta = 0;
    for (const auto& up : dense.uploads) {
      for (const auto& t : up.weights) {
        const Tensor v = net::decodeTensor(t);
        const WeightEntry* before = findWeight(dense.initial, t.name);
        QVERIFY(before);
        for (size_t i = 0; i < v.data.size(); ++i)
          max_delta = std::max(max_delta, double(std::fabs(v.data[i] - before->value.data[i])));
      }
    }
    QVERIFY(max_delta > 0);
    const double bound = max_delta / 254 * 1.001 + 1e-7;
    double worst = 0;
    int compared = 0;
    for (const WeightEntry& e : dense.rounds[0].global) {
      const WeightEntry* other = findWeight(int8.rounds[0].global, e.name);
      QVERIFY2(other, e.name.c_str());
      for (size_t i = 0; i < e.value.data.size(); ++i) {
        worst = std::max(worst, double(std::fabs(e.value.data[i] - other->value.data[i])));
        ++compared;
      }
    }
    qInfo("global model: %d values, worst |int8 - fp32| %.3g, bound %.3g", compared, worst, bound);
    QVERIFY2(worst <= bound, qPrintable(QString("%1 > %2").arg(worst).arg(bound)));

    // The upload is the round's reduction: ~3.5x (int8 codes + a bitmap + one scale per chunk).
    const double ratio = double(uploadBytes(dense.rounds[0])) / double(uploadBytes(int8.rounds[0]));
    qInfo("upload bytes: fp32 %lld, int8 %lld, ratio %.2f",
          static_cast<long long>(uploadBytes(dense.rounds[0])),
          static_cast<long long>(uploadBytes(int8.rounds[0])), ratio);
    QVERIFY2(ratio > 3.2 && ratio < 4.0, qPrintable(QString::number(ratio)));
    // bytes_up carries the upload: everything else (activations, labels) is the same in both.
    for (size_t i = 0; i < 2; ++i) {
      const auto& d = dense.rounds[0].devices[i];
      const auto& q = int8.rounds[0].devices[i];
      QCOMPARE(d.bytes_up - d.update_bytes, q.bytes_up - q.update_bytes);
    }
  }

  // Top-k keeps a fraction; error feedback carries the rest into the next round's upload.
  void topKUploadsStayInStepOverRounds() {
    const Run topk = runFleet(0.25, 3);
    QCOMPARE(topk.rounds.size(), size_t(3));
    QCOMPARE(topk.uploads.size(), size_t(6));
    for (const auto& up : topk.uploads)
      QVERIFY(up.compressed);
    const Run dense = runFleet(0, 3);
    for (size_t r = 0; r < 3; ++r) {
      QVERIFY(topk.rounds[r].averaged);
      for (const auto& d : topk.rounds[r].devices)
        QVERIFY(!d.straggler);  // every upload was accepted (the bases agreed)
      QVERIFY(uploadBytes(topk.rounds[r]) * 4 < uploadBytes(dense.rounds[r]));
      QVERIFY(std::isfinite(topk.rounds[r].evaluation.loss));
    }
  }
};

QTEST_GUILESS_MAIN(TstCompressedUpload)
#include "tst_compressed_upload.moc"
