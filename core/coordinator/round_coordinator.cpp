#include "core/coordinator/round_coordinator.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/compress/codec.h"
#include "core/compress/compress_error.h"
#include "core/coordinator/round_coordinator_impl.h"
#include "core/net/weights_wire.h"
#include "core/net/wire_tensor.h"
#include "core/plan/plan_report.h"

namespace cleave {

namespace {

net::Message wrap(net::Body body) {
  return net::Message{0, 0, std::move(body)};
}

double msBetween(int64_t from_us, int64_t to_us) {
  return static_cast<double>(to_us - from_us) / 1e3;
}

Json linkJson(const LinkProfile& l) {
  return {{"up_mbps", l.up_mbps},
          {"down_mbps", l.down_mbps},
          {"latency_ms", l.latency_ms},
          {"jitter_ms", l.jitter_ms},
          {"loss", l.loss}};
}

// device_joined's data: what the agent said about itself (event.h).
Json helloJson(const net::Hello& h) {
  Json data{{"role", h.role}, {"cpu", h.cpu_model}, {"cores", h.cores}};
  data["memory_bytes"] = h.memory_bytes;
  data["layer_ms"] = h.layer_ms;
  data["profile_batch"] = h.profile_batch;
  data["link"] = linkJson(h.link);
  data["profiled"] = !h.layer_ms.empty();
  return data;
}

// The operator's per-device split choices on top of the fleet-wide one: devices are planned in
// groups of the same mode and the plans merged in fleet order.
Plan planFleet(const CostTable& costs, const Fleet& fleet, const PlanRequest& request,
               const std::map<std::string, SplitChoice>& overrides) {
  if (overrides.empty()) return planSplit(costs, fleet, request);
  std::map<PlanMode, Fleet> groups;
  std::map<std::string, int> manual_cuts;
  for (const DeviceProfile& d : fleet.devices) {
    const auto it = overrides.find(d.name);
    const PlanMode mode = it != overrides.end() ? it->second.mode : request.mode;
    groups.try_emplace(mode, Fleet{fleet.cloud, {}}).first->second.devices.push_back(d);
    if (it != overrides.end() && mode == PlanMode::Manual) manual_cuts[d.name] = it->second.cut;
  }
  std::map<std::string, DevicePlan> by_name;
  Plan merged;
  merged.mode = request.mode;
  merged.batch = request.batch;
  for (const auto& [mode, group] : groups) {
    PlanRequest r = request;
    r.mode = mode;
    r.device_cuts.clear();
    for (const DeviceProfile& d : group.devices) {
      if (manual_cuts.count(d.name)) r.device_cuts[d.name] = manual_cuts[d.name];
    }
    if (mode == PlanMode::Manual && r.global_cut < 0 && !r.device_cuts.empty()) {
      r.global_cut = r.device_cuts.begin()->second;  // every device of this group has its own
    }
    Plan p = planSplit(costs, group, r);
    if (mode == PlanMode::InStep) merged.deadline_ms = p.deadline_ms;
    for (DevicePlan& dp : p.devices)
      by_name[dp.device] = std::move(dp);
  }
  double earliest = 0;
  bool any = false;
  for (const DeviceProfile& d : fleet.devices) {
    const DevicePlan& dp = by_name.at(d.name);
    if (dp.feasible) {
      merged.round_ms = std::max(merged.round_ms, dp.round_ms);
      earliest = any ? std::min(earliest, dp.round_ms) : dp.round_ms;
      any = true;
    }
    merged.devices.push_back(dp);
  }
  merged.spread_ms = any ? merged.round_ms - earliest : 0;
  return merged;
}

}  // namespace

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
    event(now, event_kind::kDeviceJoined, name, helloJson(h));
  } else if (m.ready && !had_profile) {
    event(now, event_kind::kDeviceJoined, name, helloJson(h));  // now with its measured profile
    event(now, event_kind::kDeviceStatus, name, {{"status", "online"}, {"detail", "profiled"}});
  }
  return out;
}

// One answered exchange (RoundCoordinator's comment): its edge time now, up/down at the close.
void RoundCoordinator::Impl::timeExchange(Member& m, int64_t sent_us, double edge_ms,
                                          double hold_ms, int64_t now, bool feed_jitter) {
  DeviceRoundResult& r = m.result;
  const double span_ms = std::max(0.0, msBetween(m.last_sent_us, now));
  const double held_ms = std::clamp(hold_ms, 0.0, span_ms);
  r.edge_ms += held_ms;
  r.edge_compute_ms += std::min(edge_ms, held_ms);
  const double transfer_ms = span_ms - held_ms;
  if (sent_us <= 0) {  // no timestamp: the transfer is known only as a whole
    r.unsplit_ms += transfer_ms;
    return;
  }
  m.clock.add(m.last_sent_us, sent_us - std::llround(hold_ms * 1e3), sent_us, now);
  // RFC 3550 transit = arrival - sender timestamp; the clocks' offset cancels in its differences.
  if (feed_jitter) m.jitter.add(msBetween(sent_us, now));
  if (!m.offset_ref_us) m.offset_ref_us = std::llround(m.clock.offsetUs());
  m.up_raw_ms += msBetween(sent_us - *m.offset_ref_us, now);
  m.transfer_ms += transfer_ms;
  ++m.timed;
}

void RoundCoordinator::Impl::finishTiming(Member& m, int64_t now) {
  // The message that closes a round is answered first: its device's round ends after that.
  const int64_t end = std::max(now, m.last_activity_us);
  m.result.round_ms = msBetween(m.plan_sent_us, end);
  m.result.wait_ms = msBetween(m.last_activity_us, end);
  m.result.jitter_ms = m.jitter.jitterMs();
  if (!m.clock.valid() || !m.offset_ref_us) return;
  // up = T4 - (T3 - offset) per answer, with the round's best offset for all of them. Its error
  // (half the best exchange's asymmetry) may push a total past 0 or the transfer: keep the sum.
  const double offset_ms = m.clock.offsetUs() / 1e3;
  const double up =
      m.up_raw_ms + m.timed * (offset_ms - static_cast<double>(*m.offset_ref_us) / 1e3);
  m.result.up_ms = std::clamp(up, 0.0, m.transfer_ms);
  m.result.down_ms = m.transfer_ms - m.result.up_ms;
  m.result.clock_offset_ms = offset_ms;
}

std::vector<Outgoing> RoundCoordinator::Impl::handle(const std::string& name,
                                                     const net::Activations& a, int64_t now,
                                                     int64_t sent_us) {
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
  timeExchange(m, sent_us, a.edge_ms, a.hold_ms, now, true);
  const double step_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  m.result.cloud_ms += step_ms;
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
  // The gradient leaves when the caller sends what this returns: the cloud's time ends here.
  m.last_sent_us = now + static_cast<int64_t>(step_ms * 1e3);
  m.last_activity_us = m.last_sent_us;
  return {{name, wrap(std::move(g))}};
}

std::vector<Outgoing> RoundCoordinator::Impl::handle(const std::string& name,
                                                     const net::WeightsUp& w, int64_t now,
                                                     int64_t sent_us) {
  Member& m = members.at(name);
  if (!active || !m.in_round || !m.needs_upload || w.round != static_cast<uint32_t>(round)) {
    bad(now, name, "weights dropped: not expected for round " + std::to_string(w.round));
    return {};
  }
  const auto t0 = std::chrono::steady_clock::now();
  try {
    const Weights layout = federation.globalUpTo(m.result.cut);
    if (w.compressed) {
      // One top-k/int8 delta of every parameter against the global model; statistics dense.
      const net::WireTensor* update = nullptr;
      std::vector<net::WireTensor> statistics;
      for (const auto& t : w.weights) {
        if (t.codec != net::TensorCodec::TopKInt8) {
          statistics.push_back(t);
        } else if (update) {
          throw std::invalid_argument("two compressed updates in one upload");
        } else {
          update = &t;
        }
      }
      if (!update) throw std::invalid_argument("a compressed upload without its update");
      federation.receiveCompressed(name, update->bytes, net::weightsFromWire(statistics, layout));
    } else {
      federation.receive(name, net::weightsFromWire(w.weights, layout));
    }
  } catch (const std::exception& e) {  // malformed, or not a delta of this device's layers
    bad(now, name, std::string("weights dropped: ") + e.what());
    return {};
  }
  for (const auto& t : w.weights) {
    m.result.bytes_up += static_cast<int64_t>(t.bytes.size());
    m.result.update_bytes += static_cast<int64_t>(t.bytes.size());
  }
  m.uploaded = true;
  timeExchange(m, sent_us, w.edge_ms, w.hold_ms, now, false);
  const double receive_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  m.result.cloud_ms += receive_ms;
  m.last_activity_us = now + static_cast<int64_t>(receive_ms * 1e3);
  return {};
}

std::vector<Outgoing> RoundCoordinator::Impl::startRound(int64_t now) {
  Fleet fleet{config.cloud, {}};
  for (const auto& [name, m] : members) {
    if (m.ready && !m.inference) fleet.devices.push_back(m.profile);
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
    // Re-planned every round from the latest profiles and the operator's split choices.
    plan = planFleet(costs, fleet, request, split_overrides);
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
    m.last_sent_us = now;
    m.last_activity_us = now;
    m.up_raw_ms = 0;
    m.transfer_ms = 0;
    m.timed = 0;
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
                      dp.round_ms,
                      config.update_keep};
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
    if (m.in_round) finishTiming(m, now);
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
    Json timing{{"edge_ms", d.edge_ms},
                {"edge_compute_ms", d.edge_compute_ms},
                {"up_ms", d.up_ms},
                {"cloud_ms", d.cloud_ms},
                {"down_ms", d.down_ms},
                {"wait_ms", d.wait_ms},
                {"jitter_ms", d.jitter_ms},
                {"round_ms", d.round_ms},
                {"bytes_up", d.bytes_up},
                {"bytes_down", d.bytes_down},
                {"steps", d.steps_done},
                {"cut", d.cut},
                {"clock_offset_ms", d.clock_offset_ms},
                {"straggler", d.straggler}};
    if (d.unsplit_ms > 0) timing["unsplit_ms"] = d.unsplit_ms;
    event(now, event_kind::kPhaseTiming, d.device, timing);
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
  if (const auto* beat = std::get_if<net::Heartbeat>(&message.body)) {
    Member& m = it->second;
    const bool inferring = beat->state == net::AgentState::Inference;
    if (inferring != m.inference) {
      m.inference = inferring;
      s.event(now_us, event_kind::kDeviceStatus, device,
              {{"status", "online"}, {"detail", inferring ? "inference" : "training"}});
      if (inferring && m.in_round) {  // it stopped training: the round closes without it
        m.in_round = false;
        m.result.straggler = true;
      }
    }
  }
  if (auto* a = std::get_if<net::Activations>(&message.body)) {
    out = s.handle(device, *a, now_us, message.sent_us);
  } else if (auto* w = std::get_if<net::WeightsUp>(&message.body)) {
    out = s.handle(device, *w, now_us, message.sent_us);
  } else if (auto* hb = std::get_if<net::Heartbeat>(&message.body)) {
    // An echo of our heartbeat is one more NTP exchange for the agent's clock offset.
    if (hb->echo_us > 0 && message.sent_us > 0) {
      it->second.clock.add(hb->echo_us, message.sent_us - std::llround(hb->hold_ms * 1e3),
                           message.sent_us, now_us);
    }
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
    s.finishTiming(it->second, now_us);
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
      // echo_us: the agent echoes it, so the cloud learns the agent's clock offset.
      out.push_back(
          {name, wrap(net::Heartbeat{static_cast<uint32_t>(s.round),
                                     s.active ? net::AgentState::Training : net::AgentState::Idle,
                                     0.0, now_us, 0.0})});
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
Weights RoundCoordinator::globalWeights() const {
  return m_impl->federation.global();
}
std::vector<std::string> RoundCoordinator::inferringDevices() const {
  std::vector<std::string> out;
  for (const auto& [name, m] : m_impl->members) {
    if (m.inference) out.push_back(name);
  }
  return out;
}
std::vector<std::string> RoundCoordinator::devices() const {
  std::vector<std::string> out;
  for (const auto& [name, m] : m_impl->members)
    out.push_back(name);
  return out;
}

}  // namespace cleave
