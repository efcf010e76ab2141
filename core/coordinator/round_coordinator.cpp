#include "core/coordinator/round_coordinator.h"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/compress/codec.h"
#include "core/compress/compress_error.h"
#include "core/model/cost_model.h"
#include "core/net/weights_wire.h"
#include "core/net/wire_tensor.h"
#include "core/plan/plan_report.h"
#include "core/train/federation.h"

namespace cleave {

namespace {

using Json = nlohmann::json;

net::Message wrap(net::Body body) {
  return net::Message{0, 0, std::move(body)};
}

double msBetween(int64_t from_us, int64_t to_us) {
  return static_cast<double>(to_us - from_us) / 1e3;
}

}  // namespace

struct Member {
  net::Hello hello;
  DeviceProfile profile;
  int64_t last_seen_us = 0;
  bool ready = false;  // profiled: can be planned
  int cut = -1;        // the cut its edge weights were last sent for
  // This round:
  bool in_round = false;
  bool needs_upload = false;
  bool uploaded = false;
  DeviceRoundResult result;
  double loss_sum = 0;
  int64_t plan_sent_us = 0;

  bool complete() const {
    return result.steps_done >= result.steps_planned && (!needs_upload || uploaded);
  }
};

struct RoundCoordinator::Impl {
  Impl(CoordinatorConfig c, std::optional<Weights> global, int resume_round);

  std::vector<Outgoing> handle(const std::string& name, const net::Hello& m, int64_t now);
  std::vector<Outgoing> handle(const std::string& name, const net::Activations& m, int64_t now);
  std::vector<Outgoing> handle(const std::string& name, const net::WeightsUp& m, int64_t now);
  std::vector<Outgoing> startRound(int64_t now);
  std::vector<Outgoing> closeRound(int64_t now, const std::string& reason);
  Outgoing weightsDown(const std::string& name, Member& m);
  void event(int64_t now, const char* kind, const std::string& device, Json data);
  void bad(int64_t now, const std::string& device, const std::string& what);

  CoordinatorConfig config;
  CostTable costs;
  TrainOptions options;
  Network cloud;
  Network evaluator;
  Federation federation;
  std::map<std::string, Member> members;
  std::vector<DeviceRoundResult> departed;  // left mid-round: reported as stragglers
  bool started_once = false;                // min_devices gates only the first round
  std::string last_plan_error;              // logged once, not on every tick
  std::vector<Event> events;
  std::vector<ClosedRound> closed;
  int round = 0;
  bool active = false;
  bool paused = false;
  int64_t round_started_us = 0;
  int64_t deadline_us = 0;
  int64_t last_heartbeat_us = 0;
  Plan plan;
  uint32_t next_id = 1;
};

RoundCoordinator::Impl::Impl(CoordinatorConfig c, std::optional<Weights> global, int resume_round)
    : config(std::move(c)),
      costs(computeCosts(config.spec)),
      options{config.learning_rate, 0.9, 5e-4, config.seed},
      cloud(config.spec, 0, config.spec.layerCount(), options),
      evaluator(config.spec, 0, config.spec.layerCount(), options),
      federation(global ? *global : cloud.weights(), config.spec.layerCount()),
      round(resume_round) {
  if (global) cloud.loadWeights(*global);
}

void RoundCoordinator::Impl::event(int64_t now, const char* kind, const std::string& device,
                                   Json data) {
  events.push_back({now, kind, round, device, data.dump()});
}

void RoundCoordinator::Impl::bad(int64_t now, const std::string& device, const std::string& what) {
  event(now, event_kind::kLog, device, {{"level", "warning"}, {"message", what}});
}

Outgoing RoundCoordinator::Impl::weightsDown(const std::string& name, Member& m) {
  net::WeightsDown down{static_cast<uint32_t>(round),
                        net::weightsToWire(federation.globalUpTo(m.cut))};
  for (const auto& t : down.weights)
    m.result.bytes_down += static_cast<int64_t>(t.bytes.size());
  return {name, wrap(std::move(down))};
}

std::vector<Outgoing> RoundCoordinator::Impl::handle(const std::string& name, const net::Hello& h,
                                                     int64_t now) {
  std::vector<Outgoing> out;
  auto [it, fresh] = members.try_emplace(name);
  Member& m = it->second;
  const bool had_profile = m.ready;
  m.hello = h;
  m.profile.name = name;
  m.profile.role = h.role;
  m.profile.memory_bytes = static_cast<int64_t>(h.memory_bytes);
  m.profile.link = h.link;
  if (h.link.up_mbps <= 0 || h.link.down_mbps <= 0) {
    // An agent without link emulation does not know its link: plan with a fast LAN until the
    // live measurements exist, and say so.
    m.profile.link = LinkProfile{1000, 1000, 1, 0, 0};
    bad(now, name, "link unknown: planning assumes 1000 Mbit/s and 1 ms");
  }
  m.profile.layer_ms = h.layer_ms;
  m.profile.profile_batch = static_cast<int>(std::max<uint32_t>(1, h.profile_batch));
  m.ready = static_cast<int>(h.layer_ms.size()) == config.spec.layerCount();
  if (!h.layer_ms.empty() && !m.ready) {
    bad(now, name,
        "profile has " + std::to_string(h.layer_ms.size()) + " layers, the model " +
            std::to_string(config.spec.layerCount()));
  }
  if (m.in_round) {  // it reconnected mid-round: its round is lost, it rejoins from the global
                     // model
    m.in_round = false;
    m.result.straggler = true;
  }
  if (fresh || h.layer_ms.empty()) {
    // (Re)registration: the model, the preprocessing and the global weights.
    m.cut = -1;
    out.push_back({name, wrap(net::Welcome{next_id++, config.spec_json, config.standardisation,
                                           net::weightsToWire(federation.global())})});
    event(now, event_kind::kDeviceJoined, name, {{"role", h.role}, {"cpu", h.cpu_model}});
  } else if (m.ready && !had_profile) {
    event(now, event_kind::kDeviceStatus, name, {{"status", "online"}, {"detail", "profiled"}});
  }
  return out;
}

std::vector<Outgoing> RoundCoordinator::Impl::handle(const std::string& name,
                                                     const net::Activations& a, int64_t now) {
  Member& m = members.at(name);
  if (!active || !m.in_round || a.round != static_cast<uint32_t>(round) ||
      a.step != static_cast<uint32_t>(m.result.steps_done) ||
      m.result.steps_done >= m.result.steps_planned) {
    return {};  // late or duplicate: the round or step moved on
  }
  CloudStep step;
  const auto t0 = std::chrono::steady_clock::now();
  try {
    step = cloud.cloudStep(m.result.cut, net::decodeTensor(a.activation), a.labels);
  } catch (const std::exception& e) {  // wrong shape for its cut, bad labels, bad codec bytes
    bad(now, name, std::string("activations dropped: ") + e.what());
    return {};
  }
  m.result.cloud_ms +=
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  m.result.bytes_up +=
      static_cast<int64_t>(a.activation.bytes.size()) + 8 * static_cast<int64_t>(a.labels.size());
  m.loss_sum += step.loss;
  m.result.samples += static_cast<int64_t>(a.labels.size());
  federation.addSamples(name, static_cast<int64_t>(a.labels.size()));
  net::Gradients g{a.round, a.step, {}, step.loss, static_cast<uint32_t>(step.correct)};
  // Cut 0 trains nothing on the edge: a scalar zero stands in for the gradient.
  g.gradient = net::encodeTensor("grad", m.result.cut > 0 ? step.activation_grad : Tensor(Shape{}),
                                 config.codec);
  m.result.bytes_down += static_cast<int64_t>(g.gradient.bytes.size());
  ++m.result.steps_done;
  m.result.round_ms = msBetween(m.plan_sent_us, now);
  return {{name, wrap(std::move(g))}};
}

std::vector<Outgoing> RoundCoordinator::Impl::handle(const std::string& name,
                                                     const net::WeightsUp& w, int64_t now) {
  Member& m = members.at(name);
  if (!active || !m.in_round || !m.needs_upload || w.round != static_cast<uint32_t>(round)) {
    bad(now, name, "weights dropped: not expected for round " + std::to_string(w.round));
    return {};
  }
  try {
    federation.receive(name, net::weightsFromWire(w.weights, federation.globalUpTo(m.result.cut)));
  } catch (const std::exception& e) {
    bad(now, name, std::string("weights dropped: ") + e.what());
    return {};
  }
  for (const auto& t : w.weights)
    m.result.bytes_up += static_cast<int64_t>(t.bytes.size());
  m.uploaded = true;
  m.result.round_ms = msBetween(m.plan_sent_us, now);
  return {};
}

std::vector<Outgoing> RoundCoordinator::Impl::startRound(int64_t now) {
  Fleet fleet{config.cloud, {}};
  for (const auto& [name, m] : members) {
    if (m.ready) fleet.devices.push_back(m.profile);
  }
  // The fleet gathers before the first round; afterwards whoever is left carries on.
  const int needed = started_once ? 1 : std::max(1, config.min_devices);
  if (static_cast<int>(fleet.devices.size()) < needed) return {};
  started_once = true;
  PlanRequest request;
  request.mode = config.mode;
  request.global_cut = config.manual_cut;
  request.batch = config.batch;
  request.steps = config.steps;
  request.deadline_ms = config.deadline_ms;
  request.wire_bytes_per_value = wireBytesPerValue(*net::denseCodec(config.codec));
  try {
    plan = planSplit(costs, fleet, request);  // re-planned every round from the latest profiles
  } catch (const std::exception& e) {
    // A profile or request the planner cannot use must not stop the cloud: say so, retry later.
    const std::string text =
        std::string("cannot plan round ") + std::to_string(round + 1) + ": " + e.what();
    if (text != last_plan_error) bad(now, "", text);
    last_plan_error = text;
    return {};
  }
  last_plan_error.clear();

  ++round;
  active = true;
  round_started_us = now;
  const double limit_ms = config.deadline_ms > 0 ? config.deadline_ms
                                                 : std::max(config.min_round_ms, 4 * plan.round_ms);
  deadline_us = now + static_cast<int64_t>(limit_ms * 1e3);
  const bool fedavg = round % std::max(1, config.fedavg_every) == 0 || round == config.rounds;
  std::vector<Outgoing> out;
  Json names = Json::array();
  for (const DevicePlan& dp : plan.devices) {
    Member& m = members.at(dp.device);
    m.result = DeviceRoundResult{dp.device, dp.cut, dp.steps};
    m.loss_sum = 0;
    m.in_round = true;
    m.needs_upload = fedavg && dp.cut > 0;
    m.uploaded = false;
    m.plan_sent_us = now;
    if (m.cut != dp.cut) {  // a new cut starts from the global model's layers
      m.cut = dp.cut;
      federation.rejoin(dp.device, dp.cut);
      out.push_back(weightsDown(dp.device, m));
    }
    net::RoundPlan rp{static_cast<uint32_t>(round),
                      static_cast<uint32_t>(dp.cut),
                      static_cast<uint32_t>(dp.steps),
                      static_cast<uint32_t>(config.batch),
                      config.learning_rate,
                      config.codec,
                      limit_ms,
                      m.needs_upload,
                      static_cast<uint64_t>(dp.up_bytes_per_step) * static_cast<uint64_t>(dp.steps),
                      dp.round_ms};
    out.push_back({dp.device, wrap(rp)});
    names.push_back(dp.device);
  }
  event(now, event_kind::kRoundStart, "", {{"devices", names}, {"deadline_ms", limit_ms}});
  event(now, event_kind::kPlan, "", planToJson(plan));
  return out;
}

std::vector<Outgoing> RoundCoordinator::Impl::closeRound(int64_t now, const std::string& reason) {
  ClosedRound cr;
  cr.round = round;
  cr.reason = reason;
  cr.round_ms = msBetween(round_started_us, now);
  cr.plan = plan;
  cr.averaged = round % std::max(1, config.fedavg_every) == 0 || round == config.rounds;
  std::vector<Outgoing> out;
  Json completed = Json::array();
  Json stragglers = Json::array();
  for (auto& [name, m] : members) {
    if (!m.in_round && !m.result.straggler) continue;
    m.result.straggler = m.result.straggler || !m.complete();
    m.result.loss = m.result.steps_done ? m.loss_sum / m.result.steps_done : 0;
    (m.result.straggler ? stragglers : completed).push_back(name);
    if (m.result.straggler) federation.rejoin(name, std::max(0, m.result.cut));  // drops its upload
    cr.devices.push_back(m.result);
    m.in_round = false;
  }
  for (auto& d : departed) {
    d.straggler = true;
    stragglers.push_back(d.device);
    cr.devices.push_back(d);
  }
  departed.clear();
  if (cr.averaged) cloud.loadWeights(federation.average(cloud.weights()));
  // Stragglers always, everyone after an average: back to the global model's edge layers.
  for (auto& [name, m] : members) {
    const bool straggler =
        std::find(stragglers.begin(), stragglers.end(), name) != stragglers.end();
    if ((cr.averaged || straggler) && m.cut > 0) out.push_back(weightsDown(name, m));
    m.result.straggler = false;
  }
  evaluator.loadWeights(cr.averaged ? federation.global() : cloud.weights());
  cr.evaluation = evaluator.evaluate(config.test, config.threshold);
  cr.global = cr.averaged ? federation.global() : cloud.weights();
  for (const auto& d : cr.devices) {
    event(now, event_kind::kPhaseTiming, d.device,
          {{"cloud_ms", d.cloud_ms},
           {"round_ms", d.round_ms},
           {"bytes_up", d.bytes_up},
           {"bytes_down", d.bytes_down},
           {"steps", d.steps_done},
           {"cut", d.cut}});
  }
  event(now, event_kind::kRoundEnd, "",
        {{"round_ms", cr.round_ms},
         {"completed", completed},
         {"stragglers", stragglers},
         {"reason", reason}});
  Json exits = Json::object();
  for (const auto& e : cr.evaluation.exits)
    exits[e.name] = e.accuracy;
  event(now, event_kind::kEvaluation, "",
        {{"accuracy_final", cr.evaluation.final_accuracy},
         {"accuracy_exits", exits},
         {"loss", cr.evaluation.loss},
         {"samples", cr.evaluation.samples},
         {"exit_rate", cr.evaluation.early_exit_rate}});
  closed.push_back(std::move(cr));
  active = false;
  return out;
}

RoundCoordinator::RoundCoordinator(CoordinatorConfig config, std::optional<Weights> global,
                                   int resume_round)
    : m_impl(std::make_unique<Impl>(std::move(config), std::move(global), resume_round)) {}
RoundCoordinator::~RoundCoordinator() = default;

std::vector<Outgoing> RoundCoordinator::onMessage(const std::string& device,
                                                  const net::Message& message, int64_t now_us) {
  Impl& s = *m_impl;
  if (auto* hello = std::get_if<net::Hello>(&message.body)) {
    auto out = s.handle(device, *hello, now_us);
    s.members.at(device).last_seen_us = now_us;
    return out;
  }
  auto it = s.members.find(device);
  if (it == s.members.end()) {
    return {{device, wrap(net::Refused{net::RefusedReason::BadMessage, "say hello first"})}};
  }
  it->second.last_seen_us = now_us;
  std::vector<Outgoing> out;
  if (auto* a = std::get_if<net::Activations>(&message.body)) {
    out = s.handle(device, *a, now_us);
  } else if (auto* w = std::get_if<net::WeightsUp>(&message.body)) {
    out = s.handle(device, *w, now_us);
  } else if (std::holds_alternative<net::Bye>(message.body)) {
    return onDisconnect(device, "bye", now_us);
  }
  // Heartbeats only refresh last_seen; anything else from an agent is not for the cloud.
  if (s.active && std::all_of(s.members.begin(), s.members.end(), [](const auto& kv) {
        return !kv.second.in_round || kv.second.complete();
      })) {
    auto more = s.closeRound(now_us, "completed");
    out.insert(out.end(), more.begin(), more.end());
  }
  return out;
}

std::vector<Outgoing> RoundCoordinator::onDisconnect(const std::string& device,
                                                     const std::string& reason, int64_t now_us) {
  Impl& s = *m_impl;
  auto it = s.members.find(device);
  if (it == s.members.end()) return {};
  if (it->second.in_round) {  // keep its partial work for the round's report
    DeviceRoundResult r = it->second.result;
    r.loss = r.steps_done ? it->second.loss_sum / r.steps_done : 0;
    s.departed.push_back(r);
  }
  s.event(now_us, event_kind::kDeviceLeft, device, {{"reason", reason}});
  s.federation.leave(device);
  s.members.erase(it);
  const bool anyone_left = std::any_of(s.members.begin(), s.members.end(),
                                       [](const auto& kv) { return kv.second.in_round; });
  const bool everyone_done = std::all_of(s.members.begin(), s.members.end(), [](const auto& kv) {
    return !kv.second.in_round || kv.second.complete();
  });
  if (!s.active || !everyone_done) return {};
  return s.closeRound(now_us, anyone_left ? "completed" : "all agents dead");
}

std::vector<Outgoing> RoundCoordinator::onTick(int64_t now_us) {
  Impl& s = *m_impl;
  std::vector<Outgoing> out;
  std::vector<std::string> silent;
  for (const auto& [name, m] : s.members) {
    if (now_us - m.last_seen_us > s.config.heartbeat_timeout_us) silent.push_back(name);
  }
  for (const auto& name : silent) {
    auto more = onDisconnect(name, "timeout", now_us);
    out.insert(out.end(), more.begin(), more.end());
  }
  if (s.active && now_us >= s.deadline_us) {
    auto more = s.closeRound(now_us, "deadline");
    out.insert(out.end(), more.begin(), more.end());
  }
  if (!s.active && !s.paused && !finished()) {
    auto more = s.startRound(now_us);
    out.insert(out.end(), more.begin(), more.end());
  }
  if (now_us - s.last_heartbeat_us >= 1'000'000) {  // once a second, both ways
    s.last_heartbeat_us = now_us;
    for (const auto& [name, m] : s.members) {
      out.push_back(
          {name, wrap(net::Heartbeat{static_cast<uint32_t>(s.round),
                                     s.active ? net::AgentState::Training : net::AgentState::Idle,
                                     0.0})});
    }
  }
  return out;
}

std::vector<Event> RoundCoordinator::takeEvents() {
  return std::exchange(m_impl->events, {});
}
std::vector<ClosedRound> RoundCoordinator::takeClosedRounds() {
  return std::exchange(m_impl->closed, {});
}
void RoundCoordinator::setPaused(bool paused) {
  m_impl->paused = paused;
}
bool RoundCoordinator::finished() const {
  return !m_impl->active && m_impl->round >= m_impl->config.rounds;
}
int RoundCoordinator::round() const {
  return m_impl->round;
}
bool RoundCoordinator::roundActive() const {
  return m_impl->active;
}
std::vector<std::string> RoundCoordinator::devices() const {
  std::vector<std::string> out;
  for (const auto& [name, m] : m_impl->members)
    out.push_back(name);
  return out;
}

}  // namespace cleave
