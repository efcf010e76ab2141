// RoundCoordinator's operator controls: split, settings, pause/stop, emulated links, and the
// settings/split JSON the cloud publishes. The round state machine is in round_coordinator.cpp.
#include <stdexcept>

#include "core/coordinator/round_coordinator.h"
#include "core/coordinator/round_coordinator_impl.h"
#include "core/net/wire_tensor.h"

namespace cleave {

void RoundCoordinator::setSplit(const std::string& device, PlanMode mode, int cut, int64_t now_us) {
  Impl& s = *m_impl;
  const int layers = s.config.spec.layerCount();
  if (mode == PlanMode::Manual && (cut < 0 || cut >= layers)) {
    throw std::invalid_argument("cut " + std::to_string(cut) + " is not valid: this model (" +
                                std::to_string(layers) + " layers) takes cuts 0.." +
                                std::to_string(layers - 1));
  }
  if (!device.empty() && !s.members.count(device)) {
    throw std::invalid_argument("no connected device named '" + device + "'");
  }
  if (device.empty()) {
    s.config.mode = mode;
    s.config.manual_cut = mode == PlanMode::Manual ? cut : -1;
    s.split_overrides.clear();
  } else {
    s.split_overrides[device] = SplitChoice{mode, mode == PlanMode::Manual ? cut : -1};
  }
  s.last_plan_error.clear();
  Json data = Json::parse(settingsJson());
  s.event(now_us, event_kind::kSettings, device, data);
  const std::string what = (device.empty() ? std::string("fleet") : device) +
                           " split: " + planModeName(mode) +
                           (mode == PlanMode::Manual ? " cut " + std::to_string(cut) : "") +
                           " from round " + std::to_string(s.round + 1);
  s.event(now_us, event_kind::kLog, device, {{"level", "info"}, {"message", what}});
}

void RoundCoordinator::applySettings(const SettingsChange& c, int64_t now_us) {
  Impl& s = *m_impl;
  auto check = [](bool ok, const std::string& what) {
    if (!ok) throw std::invalid_argument(what);
  };
  check(c.rounds >= 0 && c.steps >= 0 && c.batch >= 0 && c.fedavg_every >= 0,
        "rounds, steps, batch and fedavg_every must be positive (0 keeps the current value)");
  check(std::isfinite(c.learning_rate) && c.learning_rate >= 0 && c.learning_rate <= 10,
        "learning rate must be in (0, 10] (0 keeps the current value)");
  check(std::isfinite(c.deadline_ms) && c.deadline_ms >= 0,
        "deadline_ms must be >= 0 (0 keeps the current value)");
  check(!c.codec || net::denseCodec(*c.codec).has_value(),
        "codec must be fp32, fp16 or int8 for activations and gradients");
  check(c.batch <= 65'536, "batch must be at most 65536");
  CoordinatorConfig& k = s.config;
  if (c.rounds > 0) k.rounds = c.rounds;
  if (c.steps > 0) k.steps = c.steps;
  if (c.batch > 0) k.batch = c.batch;
  if (c.fedavg_every > 0) k.fedavg_every = c.fedavg_every;
  if (c.deadline_ms > 0) k.deadline_ms = c.deadline_ms;
  if (c.codec) k.codec = *c.codec;
  if (c.learning_rate > 0) {
    k.learning_rate = c.learning_rate;
    s.cloud.setLearningRate(c.learning_rate);
  }
  s.event(now_us, event_kind::kSettings, "", Json::parse(settingsJson()));
}

void RoundCoordinator::setPaused(bool paused, const std::string& reason, int64_t now_us) {
  Impl& s = *m_impl;
  if (s.paused == paused) return;
  s.paused = paused;
  if (paused) {
    s.event(now_us, event_kind::kPaused, "", {{"reason", reason}, {"round", s.round}});
  } else {
    s.event(now_us, event_kind::kResumed, "", {{"round", s.round}, {"rounds", s.config.rounds}});
  }
}

std::vector<Outgoing> RoundCoordinator::stopRounds(int64_t now_us) {
  Impl& s = *m_impl;
  setPaused(true, "stopped", now_us);
  if (!s.active) return {};
  return s.closeRound(now_us, "stopped");
}

void RoundCoordinator::setDeviceLink(const std::string& device, const LinkProfile& link,
                                     int64_t now_us) {
  Impl& s = *m_impl;
  auto it = s.members.find(device);
  if (it == s.members.end()) {
    throw std::invalid_argument("no connected device named '" + device + "'");
  }
  it->second.profile.link = link;
  it->second.hello.link = link;
  s.last_plan_error.clear();
  s.event(now_us, event_kind::kLog, device,
          {{"level", "info"},
           {"message",
            "link set by the operator: planned with from round " + std::to_string(s.round + 1)}});
}

bool RoundCoordinator::paused() const {
  return m_impl->paused;
}
const CoordinatorConfig& RoundCoordinator::config() const {
  return m_impl->config;
}

std::string RoundCoordinator::settingsJson() const {
  const Impl& s = *m_impl;
  const CoordinatorConfig& k = s.config;
  Json splits = Json::object();
  for (const auto& [name, choice] : s.split_overrides)
    splits[name] = {{"mode", planModeName(choice.mode)}, {"cut", choice.cut}};
  return Json{{"settings",
               {{"rounds", k.rounds},
                {"steps", k.steps},
                {"batch", k.batch},
                {"lr", k.learning_rate},
                {"fedavg_every", k.fedavg_every},
                {"deadline_ms", k.deadline_ms},
                {"codec", std::string(net::tensorCodecName(k.codec))}}},
              {"split", Json::parse(splitJson())},
              {"device_splits", splits},
              {"from_round", s.round + 1}}
      .dump();
}

std::string RoundCoordinator::splitJson() const {
  const CoordinatorConfig& k = m_impl->config;
  return Json{{"mode", planModeName(k.mode)},
              {"cut", k.mode == PlanMode::Manual ? k.manual_cut : -1}}
      .dump();
}

}  // namespace cleave
