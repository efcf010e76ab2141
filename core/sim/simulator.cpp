#include "core/sim/simulator.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numbers>
#include <optional>
#include <stdexcept>

#include "core/compress/update_compressor.h"
#include "core/data/partition.h"
#include "core/metrics/jitter.h"
#include "core/sim/batch_sampler.h"
#include "core/sim/virtual_link.h"
#include "core/train/federation.h"

namespace cleave {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// The fleet's first N devices, cycling with a "#2" suffix when N exceeds the fleet.
Fleet fleetOf(const Fleet& source, int devices) {
  if (source.devices.empty()) throw std::runtime_error("the fleet lists no devices");
  Fleet fleet{source.cloud, {}};
  for (int i = 0; i < devices; ++i) {
    DeviceProfile d = source.devices[static_cast<size_t>(i) % source.devices.size()];
    const int lap = i / static_cast<int>(source.devices.size());
    if (lap > 0) d.name += "#" + std::to_string(lap + 1);
    fleet.devices.push_back(std::move(d));
  }
  return fleet;
}

PlanRequest requestFor(const SimulationConfig& c, int layers) {
  PlanRequest r;
  r.batch = c.batch;
  r.steps = c.steps;
  r.deadline_ms = c.deadline_ms;
  r.wire_bytes_per_value = wireBytesPerValue(c.codec);
  const SplitChoice split = parseSplitChoice(c.split, layers);
  r.mode = split.mode;
  r.global_cut = split.cut;
  return r;
}

// A codec round trip: what the receiver reconstructs from the bytes on the wire.
Tensor throughWire(Codec codec, const Tensor& t, int64_t& bytes) {
  const std::vector<uint8_t> wire = encode(codec, t.data);
  bytes += static_cast<int64_t>(wire.size());
  Tensor out(t.shape);
  decode(codec, wire, out.data);
  return out;
}

}  // namespace

struct VirtualDevice {
  DeviceProfile profile;
  BatchSampler sampler;
  VirtualLink link;
  int cut = -1;
  std::optional<Network> edge;
  std::optional<UpdateCompressor> compressor;
};

struct Simulator::Impl {
  explicit Impl(SimulationConfig c);
  void calibrate();
  void applyPlan();
  void syncEdge(VirtualDevice& d);
  void setRoundLearningRate();
  void trainStep(VirtualDevice& d, DeviceRoundReport& r, JitterEstimator& jitter);
  void closeRound(RoundReport& report, std::vector<JitterEstimator>& jitter);
  void average(RoundReport& report);

  SimulationConfig config;
  UseCaseSetup setup;
  CostTable costs;
  Fleet fleet;
  TrainOptions options;
  Network cloud;
  Network global_view;  // evaluation copy
  Federation federation;
  std::vector<VirtualDevice> devices;
  double host_flops = 0;
  int round = 0;
  Plan plan;
};

Simulator::Impl::Impl(SimulationConfig c)
    : config(std::move(c)),
      setup(loadUseCase(config.use_case, config.data)),
      costs(computeCosts(setup.spec)),
      fleet(fleetOf(setup.fleet, config.devices)),
      options{config.learning_rate, 0.9, 5e-4, config.seed},
      cloud(setup.spec, 0, setup.spec.layerCount(), options),
      global_view(setup.spec, 0, setup.spec.layerCount(), options),
      federation(cloud.weights(), setup.spec.layerCount()) {
  if (config.devices < 1 || config.rounds < 1 || config.steps < 1 || config.batch < 1) {
    throw std::invalid_argument("devices, rounds, steps and batch must all be at least 1");
  }
  if (config.fedavg_every < 1) throw std::invalid_argument("--fedavg-every must be at least 1");
  requestFor(config, setup.spec.layerCount());  // reject a bad --split before the slow parts
  const Partition parts =
      config.alpha > 0
          ? partitionDirichlet(setup.train.labels, static_cast<int>(setup.spec.num_classes),
                               config.devices, config.alpha, config.seed)
          : partitionIid(setup.train.size(), config.devices, config.seed);
  for (int i = 0; i < config.devices; ++i) {
    const auto& profile = fleet.devices[static_cast<size_t>(i)];
    const uint64_t seed = config.seed * 7919 + static_cast<uint64_t>(i);
    devices.push_back({profile, BatchSampler(parts[static_cast<size_t>(i)], seed),
                       VirtualLink(profile.link, seed), -1, std::nullopt, std::nullopt});
  }
  calibrate();
}

void Simulator::Impl::calibrate() {
  // Time a few whole training steps on a scratch copy: this machine's effective FLOP/s.
  Network scratch(setup.spec, 0, setup.spec.layerCount(), options);
  const Batch batch = setup.train.slice(0, config.batch);
  scratch.cloudStep(0, batch.inputs, batch.labels);  // warm-up: allocator, thread pool
  const int reps = 3;
  const auto t0 = Clock::now();
  for (int i = 0; i < reps; ++i)
    scratch.cloudStep(0, batch.inputs, batch.labels);
  const double seconds = std::max(1e-6, msSince(t0) / 1000.0);
  host_flops = 3.0 * static_cast<double>(costs.total_flops) * batch.size() * reps / seconds;
}

void Simulator::Impl::syncEdge(VirtualDevice& d) {
  d.edge->loadWeights(federation.global());
  federation.rejoin(d.profile.name, d.cut);
}

void Simulator::Impl::applyPlan() {
  plan = planSplit(costs, fleet, requestFor(config, setup.spec.layerCount()));
  for (size_t i = 0; i < devices.size(); ++i) {
    VirtualDevice& d = devices[i];
    const int cut = plan.devices[i].cut;
    if (cut == d.cut) continue;
    // A new cut rejoins from the global model: layers it gains come from there.
    d.cut = cut;
    d.edge.emplace(setup.spec, 0, cut, options);
    syncEdge(d);
    const double threshold = thresholdForLink(d.profile.link.up_mbps);
    if (config.update_keep > 0) {
      d.compressor.emplace(weightValueCount(d.edge->weights(), WeightSelection::Parameters),
                           threshold, config.update_keep);
    }
  }
}

void Simulator::Impl::setRoundLearningRate() {
  double lr = config.learning_rate;
  if (config.cosine_schedule && config.rounds > 1) {
    const double progress = static_cast<double>(round - 1) / (config.rounds - 1);
    const double floor = 0.05 * lr;
    lr = floor + 0.5 * (lr - floor) * (1 + std::cos(std::numbers::pi * progress));
  }
  cloud.setLearningRate(lr);
  for (auto& d : devices)
    d.edge->setLearningRate(lr);
}

// One split step of one device, with its modelled delay and traffic.
void Simulator::Impl::trainStep(VirtualDevice& d, DeviceRoundReport& r, JitterEstimator& jitter) {
  const Batch batch = d.sampler.next(setup.train, config.batch);
  auto t0 = Clock::now();
  const EdgeForward up = d.edge->edgeForward(batch);
  double edge_ms = msSince(t0);
  int64_t up_bytes = 8 * batch.size();  // labels travel as int64
  const Tensor activation = throughWire(config.codec, up.activation, up_bytes);

  t0 = Clock::now();
  const CloudStep down = cloud.cloudStep(d.cut, activation, batch.labels);
  const double cloud_ms = msSince(t0);

  int64_t down_bytes = 0;
  const Tensor grad =
      d.cut > 0 ? throughWire(config.codec, down.activation_grad, down_bytes) : Tensor();
  t0 = Clock::now();
  d.edge->edgeBackward(grad);
  edge_ms += msSince(t0);

  const double up_ms = d.link.uploadMs(up_bytes);
  jitter.add(up_ms);
  r.delay.edge_ms += edge_ms * host_flops / d.profile.flops_per_s;
  r.delay.up_ms += up_ms;
  r.delay.cloud_ms += cloud_ms * host_flops / fleet.cloud.flops_per_s * fleet.cloud.load;
  r.delay.down_ms += d.link.downloadMs(down_bytes);
  r.bytes_up += up_bytes;
  r.bytes_down += down_bytes;
  r.loss += down.loss;  // summed here, averaged in closeRound
  r.samples += batch.size();
  for (const ExitStats& e : up.exits) {
    auto it = std::find_if(r.exits.begin(), r.exits.end(),
                           [&](const ExitStats& x) { return x.name == e.name; });
    if (it == r.exits.end()) it = r.exits.insert(r.exits.end(), ExitStats{e.name, 0, 0, 0});
    it->loss += e.loss;
    it->correct += e.correct;
    it->total += e.total;
  }
  federation.addSamples(d.profile.name, batch.size());
}

void Simulator::Impl::closeRound(RoundReport& report, std::vector<JitterEstimator>& jitter) {
  report.deadline_ms = config.deadline_ms > 0          ? config.deadline_ms
                       : plan.mode == PlanMode::InStep ? plan.deadline_ms * 1.1
                                                       : 0;
  double first_finish = 0;
  double last_finish = 0;
  bool any = false;
  double loss_sum = 0;
  for (size_t i = 0; i < devices.size(); ++i) {
    DeviceRoundReport& r = report.devices[i];
    loss_sum += r.loss;
    r.loss /= std::max(1, r.steps);
    for (ExitStats& e : r.exits)
      e.loss /= std::max(1, r.steps);
    r.round_ms = r.delay.total();
    r.jitter_ms = jitter[i].jitterMs();
    r.straggler = report.deadline_ms > 0 && r.round_ms > report.deadline_ms;
    report.bytes_up += r.bytes_up;
    report.bytes_down += r.bytes_down;
    if (r.straggler) continue;
    first_finish = any ? std::min(first_finish, r.round_ms) : r.round_ms;
    last_finish = any ? std::max(last_finish, r.round_ms) : r.round_ms;
    any = true;
  }
  int total_steps = 0;
  for (const auto& r : report.devices)
    total_steps += r.steps;
  report.loss = loss_sum / std::max(1, total_steps);
  const bool stragglers = std::any_of(report.devices.begin(), report.devices.end(),
                                      [](const DeviceRoundReport& r) { return r.straggler; });
  report.round_ms =
      stragglers ? report.deadline_ms : last_finish;  // the round closes at the deadline
  report.spread_ms = last_finish - first_finish;
}

// Layer-wise FedAvg; edges upload their update through the two-step compressor.
void Simulator::Impl::average(RoundReport& report) {
  for (size_t i = 0; i < devices.size(); ++i) {
    VirtualDevice& d = devices[i];
    DeviceRoundReport& r = report.devices[i];
    if (r.straggler || d.cut == 0) continue;
    const Weights now = d.edge->weights();
    constexpr auto kParams = WeightSelection::Parameters;
    const int64_t dense = 4 * weightValueCount(now);
    report.update_bytes_before += dense;
    if (!d.compressor) {
      report.update_bytes_after += dense;
      r.bytes_up += dense;
      federation.receive(d.profile.name, now);
      continue;
    }
    const std::vector<float> flat = flattenWeights(now, kParams);
    std::vector<float> delta = flattenWeights(federation.globalUpTo(d.cut), kParams);
    for (size_t k = 0; k < delta.size(); ++k)
      delta[k] = flat[k] - delta[k];
    const std::optional<CompressedUpdate> sent = d.compressor->push(delta, flat);
    r.update_sent = sent.has_value();
    if (!sent) continue;
    const int64_t statistics = 4 * weightValueCount(now, WeightSelection::Statistics);
    report.update_bytes_after += sent->bytesAfter() + statistics;
    r.bytes_up += sent->bytesAfter() + statistics;
    federation.receiveCompressed(d.profile.name, sent->bytes, now);
  }
  cloud.loadWeights(federation.average(cloud.weights()));
  for (size_t i = 0; i < devices.size(); ++i) {
    syncEdge(devices[i]);
    report.devices[i].bytes_down += 4 * weightValueCount(federation.globalUpTo(devices[i].cut));
  }
  report.averaged = true;
}

Simulator::Simulator(SimulationConfig config) : m_impl(std::make_unique<Impl>(std::move(config))) {}
Simulator::~Simulator() = default;

RoundReport Simulator::runRound() {
  Impl& s = *m_impl;
  const auto wall0 = Clock::now();
  ++s.round;
  s.applyPlan();  // re-planned every round: the split is dynamic
  s.setRoundLearningRate();

  RoundReport report;
  report.round = s.round;
  std::vector<JitterEstimator> jitter(s.devices.size());
  int max_steps = 0;
  for (size_t i = 0; i < s.devices.size(); ++i) {
    DeviceRoundReport r;
    r.device = s.devices[i].profile.name;
    r.cut = s.devices[i].cut;
    r.steps = s.plan.devices[i].steps;
    max_steps = std::max(max_steps, r.steps);
    report.devices.push_back(r);
  }
  // Devices take turns step by step, as the cloud serves activations in arrival order.
  for (int step = 0; step < max_steps; ++step) {
    for (size_t i = 0; i < s.devices.size(); ++i) {
      if (step < report.devices[i].steps) s.trainStep(s.devices[i], report.devices[i], jitter[i]);
    }
  }
  s.closeRound(report, jitter);

  if (s.round % s.config.fedavg_every == 0 || s.round == s.config.rounds) {
    s.average(report);
    s.global_view.loadWeights(s.federation.global());
  } else {
    // Between averages, evaluate the model an average would produce now.
    std::map<std::string, Weights> current;
    for (const auto& d : s.devices)
      current[d.profile.name] = d.edge->weights();
    s.global_view.loadWeights(s.federation.preview(current, s.cloud.weights()));
  }
  // A straggler rejoins from the global model (its late work is dropped).
  for (size_t i = 0; i < s.devices.size(); ++i) {
    if (report.devices[i].straggler && !report.averaged) s.syncEdge(s.devices[i]);
  }
  report.evaluation = s.global_view.evaluate(s.setup.test, s.config.threshold);
  report.wall_ms = msSince(wall0);
  return report;
}

int Simulator::roundsDone() const {
  return m_impl->round;
}
const SimulationConfig& Simulator::config() const {
  return m_impl->config;
}
const ModelSpec& Simulator::spec() const {
  return m_impl->setup.spec;
}
const CostTable& Simulator::costs() const {
  return m_impl->costs;
}
const Plan& Simulator::lastPlan() const {
  return m_impl->plan;
}
const Weights& Simulator::globalWeights() const {
  return m_impl->federation.global();
}
const std::string& Simulator::specJson() const {
  return m_impl->setup.spec_json;
}
double Simulator::hostFlopsPerSecond() const {
  return m_impl->host_flops;
}
int64_t Simulator::trainSamples() const {
  return m_impl->setup.train.size();
}
int64_t Simulator::testSamples() const {
  return m_impl->setup.test.size();
}

}  // namespace cleave
