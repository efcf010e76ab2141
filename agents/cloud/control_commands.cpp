#include "agents/cloud/control_commands.h"

#include <chrono>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/net/wire_tensor.h"

namespace cleave::cloud {

namespace {

using Json = nlohmann::json;

PlanMode planMode(net::SplitMode mode) {
  switch (mode) {
    case net::SplitMode::Manual:
      return PlanMode::Manual;
    case net::SplitMode::Fastest:
      return PlanMode::Fastest;
    case net::SplitMode::InStep:
      return PlanMode::InStep;
  }
  throw std::invalid_argument("unknown split mode");
}

// The ZAP thread has no clock of the loop's: its events are stamped when the loop takes them.
constexpr int64_t kStampOnTake = std::numeric_limits<int64_t>::min();

}  // namespace

ControlCommands::ControlCommands(KeyStore& store, const EventLog& log, SendToAgent send)
    : m_store(store), m_log(log), m_send(std::move(send)) {}

void ControlCommands::onZapDecision(const ZapDecision& d) {
  if (!d.new_pending) return;
  const std::lock_guard lock(m_mutex);
  m_events.push_back(
      {kStampOnTake, event_kind::kDeviceStatus, -1, d.name,
       Json{{"status", "pending"}, {"fingerprint", d.fingerprint}, {"address", d.address}}.dump()});
}

void ControlCommands::emit(int64_t now_us, const char* kind, const std::string& device,
                           std::string data_json) {
  const std::lock_guard lock(m_mutex);
  m_events.push_back({now_us, kind, -1, device, std::move(data_json)});
}

std::vector<Event> ControlCommands::takeEvents(int64_t now_us) {
  std::vector<Event> out;
  {
    const std::lock_guard lock(m_mutex);
    out.swap(m_events);
  }
  for (Event& e : out) {
    if (e.t_us == kStampOnTake) e.t_us = now_us;
  }
  return out;
}

net::CommandReply ControlCommands::setLink(const net::Command& c, RoundCoordinator& coordinator,
                                           int64_t now_us) {
  const LinkProfile& l = c.link;
  const bool has_link = l.up_mbps > 0 || l.down_mbps > 0;
  if (has_link && !(l.up_mbps > 0 && l.down_mbps > 0 && std::isfinite(l.up_mbps) &&
                    std::isfinite(l.down_mbps))) {
    return {false, "link: up_mbps and down_mbps must both be > 0 (or both 0 to keep the link)", ""};
  }
  if (!(std::isfinite(l.latency_ms) && l.latency_ms >= 0 && std::isfinite(l.jitter_ms) &&
        l.jitter_ms >= 0 && std::isfinite(l.loss) && l.loss >= 0 && l.loss < 1)) {
    return {false, "link: latency_ms and jitter_ms must be >= 0 and loss in [0, 1)", ""};
  }
  if (!std::isfinite(c.slowdown) || (c.slowdown != 0 && c.slowdown < 1)) {
    return {false, "slowdown must be >= 1 (or 0 to keep it)", ""};
  }
  if (!has_link && c.slowdown == 0) {
    return {false, "SetLink needs a link (up_mbps, down_mbps > 0) or a slowdown >= 1", ""};
  }
  std::vector<std::string> targets = coordinator.devices();
  if (!c.device.empty()) {
    if (std::find(targets.begin(), targets.end(), c.device) == targets.end()) {
      return {false, "no connected device named '" + c.device + "'", ""};
    }
    targets = {c.device};
  }
  if (targets.empty()) return {false, "no device is connected", ""};
  const Json link{{"up_mbps", l.up_mbps},
                  {"down_mbps", l.down_mbps},
                  {"latency_ms", l.latency_ms},
                  {"jitter_ms", l.jitter_ms},
                  {"loss", l.loss}};
  for (const auto& name : targets) {
    m_send(name, net::Message{0, now_us, c});  // the agent applies it (agent_loop.cpp)
    if (has_link) coordinator.setDeviceLink(name, l, now_us);
    emit(now_us, event_kind::kDeviceSettings, name,
         Json{{"link", has_link ? link : Json(nullptr)}, {"slowdown", c.slowdown}}.dump());
  }
  return {true, "", Json{{"devices", targets}}.dump()};
}

net::CommandReply ControlCommands::handle(const net::Command& c, RoundCoordinator& coordinator,
                                          int64_t now_us) {
  try {
    switch (c.kind) {
      case net::CommandKind::ApproveKey: {
        // Found before approving: the event names the device as the operator saw it (pending).
        std::string pending_name;
        std::string prefix = c.key;  // a fingerprint as listed ends in an ellipsis
        if (prefix.ends_with("\u2026")) prefix.resize(prefix.size() - std::string("\u2026").size());
        for (const auto& p : m_store.pending()) {
          if (p.public_z85 == c.key || p.name == c.key ||
              (prefix.size() >= 8 && p.public_z85.starts_with(prefix))) {
            pending_name = p.name;
          }
        }
        const ApprovedPeer peer = m_store.approve(c.key, PeerRole::Device, c.device);
        emit(now_us, event_kind::kDeviceStatus, pending_name.empty() ? peer.name : pending_name,
             Json{{"status", "approved"}, {"name", peer.name}}.dump());
        return {true, "", Json{{"name", peer.name}}.dump()};
      }
      case net::CommandKind::RejectKey: {
        const PendingPeer peer = m_store.reject(c.key);
        emit(now_us, event_kind::kDeviceStatus, peer.name, Json{{"status", "rejected"}}.dump());
        return {true, "", ""};
      }
      case net::CommandKind::SetSplit:
        coordinator.setSplit(c.device, planMode(c.split_mode), c.cut, now_us);
        return {true, "", coordinator.splitJson()};
      case net::CommandKind::SetLink:
        return setLink(c, coordinator, now_us);
      case net::CommandKind::StartRounds: {
        const net::RoundSettings& s = c.settings;
        SettingsChange change{static_cast<int>(s.rounds),
                              static_cast<int>(s.steps),
                              static_cast<int>(s.batch),
                              s.learning_rate,
                              s.deadline_ms,
                              static_cast<int>(s.fedavg_every),
                              std::nullopt};
        if (s.codec != net::TensorCodec::Fp32) change.codec = s.codec;
        if (change.rounds || change.steps || change.batch || change.learning_rate > 0 ||
            change.deadline_ms > 0 || change.fedavg_every || change.codec) {
          coordinator.applySettings(change, now_us);
        }
        m_stop_requested = false;
        coordinator.setPaused(false, "", now_us);
        return {true, "", coordinator.settingsJson()};
      }
      case net::CommandKind::PauseRounds:
        coordinator.setPaused(true, "operator", now_us);
        return {true, "", ""};
      case net::CommandKind::StopRounds: {
        for (const Outgoing& o : coordinator.stopRounds(now_us))
          m_send(o.device, o.message);
        m_stop_requested = true;
        return {true, "", ""};
      }
      case net::CommandKind::Sync:
        if (c.since_us < 0) return {false, "since_us must be >= 0", ""};
        return {true, "", m_log.sync(c.since_us)};
      case net::CommandKind::SetInference:
        break;
    }
  } catch (const std::exception& e) {  // KeyError, invalid_argument: the operator's to fix
    return {false, e.what(), ""};
  }
  return {false, "this cloud does not take that command", ""};
}

}  // namespace cleave::cloud
