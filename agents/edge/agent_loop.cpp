#include "agents/edge/agent_loop.h"

#include <array>
#include <cerrno>
#include <cstdio>
#include <thread>

#include "core/agent/host_info.h"
#include "core/net/curve_socket.h"
#include "core/net/wire_codec.h"

namespace cleave::edge {
namespace {

using Clock = std::chrono::steady_clock;

int64_t nowUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// zmq::poll, with a signal's EINTR read as "nothing yet": the loop then sees the stop flag.
int pollIn(std::array<zmq::pollitem_t, 1>& items, std::chrono::milliseconds wait) {
  try {
    return zmq::poll(items.data(), items.size(), wait);
  } catch (const zmq::error_t& e) {
    if (e.num() == EINTR) return 0;
    throw;
  }
}

void sleepUntil(LinkShaper::TimePoint when) {
  std::this_thread::sleep_until(when);
}

std::string refusedReasonName(net::RefusedReason reason) {
  switch (reason) {
    case net::RefusedReason::VersionMismatch:
      return "version mismatch";
    case net::RefusedReason::UnknownKey:
      return "unknown key";
    case net::RefusedReason::BadMessage:
      return "bad message";
    case net::RefusedReason::ShuttingDown:
      return "shutting down";
  }
  return "refused";
}

}  // namespace

AgentLoop::AgentLoop(agent::AgentSession& session, LinkShaper& shaper, LoopSettings settings)
    : m_session(session),
      m_shaper(shaper),
      m_settings(std::move(settings)),
      m_backoff(m_settings.backoff_min) {}

void AgentLoop::log(const std::string& line) const {
  if (!m_settings.quiet) std::printf("%s\n", line.c_str());
  std::fflush(stdout);
}

bool AgentLoop::sleepInterruptibly(std::chrono::milliseconds duration,
                                   const std::atomic<bool>& stop) {
  const auto until = Clock::now() + duration;
  while (Clock::now() < until) {
    if (stop.load()) return false;
    std::this_thread::sleep_for(
        std::min<Clock::duration>(until - Clock::now(), std::chrono::milliseconds(50)));
  }
  return true;
}

int AgentLoop::run(const std::atomic<bool>& stop) {
  while (true) {
    zmq::socket_t socket(m_context, zmq::socket_type::dealer);
    socket.set(zmq::sockopt::routing_id, m_settings.routing_id);
    configureCurveClient(socket, m_settings.keys, m_settings.cloud_public_z85);
    socket.connect(m_settings.endpoint);
    const Outcome outcome = serve(socket, stop);
    socket.close();
    if (outcome == Outcome::Stop) return 0;
    if (outcome == Outcome::Fatal) return 3;
    log("reconnecting in " + std::to_string(m_backoff.count()) + " ms");
    if (!sleepInterruptibly(m_backoff, stop)) return 0;
    m_backoff = std::min(m_backoff * 2, m_settings.backoff_max);
  }
}

AgentLoop::Outcome AgentLoop::serve(zmq::socket_t& socket, const std::atomic<bool>& stop) {
  for (auto& body : m_session.connect())
    send(socket, std::move(body));
  // Before any profiled Hello: the cloud must not plan an inferring agent into a round.
  if (m_inference && m_inference->active()) send(socket, heartbeat());
  auto last_heard = Clock::now();
  auto next_heartbeat = last_heard + m_settings.heartbeat;
  while (true) {
    if (stop.load()) {
      send(socket, net::Bye{"agent stopped by signal"});
      return Outcome::Stop;
    }
    auto now = Clock::now();
    if (now >= next_heartbeat) {
      send(socket, heartbeat());
      next_heartbeat = Clock::now() + m_settings.heartbeat;
    }
    if (m_inference) {
      for (auto& body : m_inference->tick(Clock::now()))
        send(socket, std::move(body));
    }
    if (now - last_heard > m_settings.silence) {
      log("cloud silent for " + std::to_string(m_settings.silence.count()) + " ms");
      return Outcome::Reconnect;
    }
    const auto due =
        m_inference ? std::min(next_heartbeat, m_inference->nextDue()) : next_heartbeat;
    const auto wait =
        std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(due - Clock::now()),
                   std::chrono::milliseconds(0), std::chrono::milliseconds(100));
    std::array<zmq::pollitem_t, 1> items{{{socket.handle(), 0, ZMQ_POLLIN, 0}}};
    if (pollIn(items, wait) == 0) continue;
    std::vector<zmq::message_t> frames;
    size_t bytes = 0;
    do {
      zmq::message_t frame;
      if (!socket.recv(frame, zmq::recv_flags::dontwait)) break;
      bytes += frame.size();
      frames.push_back(std::move(frame));
    } while (socket.get(zmq::sockopt::rcvmore));
    if (frames.empty()) continue;
    sleepUntil(m_shaper.schedule(LinkDirection::Down, bytes).delivered);  // the emulated downlink
    last_heard = Clock::now();
    net::DecodeResult decoded = net::decodeMessage(std::move(frames));
    if (!decoded.ok()) {
      if (auto line = m_bad.record("cloud", decoded.error())) log(*line);
      continue;
    }
    if (const auto outcome = dispatch(socket, std::move(decoded.message()))) return *outcome;
  }
}

std::optional<AgentLoop::Outcome> AgentLoop::dispatch(zmq::socket_t& socket, net::Message message) {
  std::vector<net::Body> replies;
  if (const auto* cmd = std::get_if<net::Command>(&message.body)) {
    if (cmd->kind == net::CommandKind::SetLink) {
      applyLink(*cmd);
      return std::nullopt;
    }
  }
  try {
    if (handleInference(socket, message)) return std::nullopt;
    replies = m_session.handle(message.body);
  } catch (const std::exception& e) {  // the cloud's model does not fit us: nothing to retry
    std::fprintf(stderr, "cleave-agent: %s\n", e.what());
    send(socket, net::Bye{std::string("cannot use the cloud's model: ") + e.what()});
    return Outcome::Fatal;
  }
  if (const auto* welcome = std::get_if<net::Welcome>(&message.body)) {
    m_backoff = m_settings.backoff_min;
    log("welcomed as device " + std::to_string(welcome->device_id));
  }
  for (auto& body : replies)
    send(socket, std::move(body));
  if (auto round = m_session.takeRoundSummary()) {
    char line[256];
    std::snprintf(line, sizeof line,
                  "round %u cut %u steps %u/%u edge %.1f ms loss %.4f up %llu B%s%s", round->round,
                  round->cut, round->steps_done, round->steps_planned, round->edge_ms,
                  round->mean_loss, static_cast<unsigned long long>(round->tensor_bytes_up),
                  round->fedavg ? " fedavg" : "", round->abandoned ? " (abandoned)" : "");
    log(line);
  }
  if (const auto& refused = m_session.refused()) {
    std::fprintf(stderr, "cleave-agent: the cloud refused us (%s): %s\n",
                 refusedReasonName(refused->reason).c_str(), refused->text.c_str());
    return refused->reason == net::RefusedReason::VersionMismatch ? Outcome::Fatal
                                                                  : Outcome::Reconnect;
  }
  return std::nullopt;
}

void AgentLoop::applyLink(const net::Command& c) {
  char line[256];
  if (c.link.up_mbps > 0 && c.link.down_mbps > 0) {
    m_shaper.setProfile(c.link);
    m_session.setLink(c.link);
  }
  if (c.slowdown >= 1) m_session.setSlowdown(c.slowdown);
  const LinkProfile l = m_shaper.profile();
  std::snprintf(line, sizeof line,
                "link set by the cloud: up %.3g Mbit/s, down %.3g Mbit/s, latency %.3g ms, jitter "
                "%.3g ms, loss %.3g%%, slowdown %.3g",
                l.up_mbps, l.down_mbps, l.latency_ms, l.jitter_ms, 100 * l.loss,
                m_session.slowdown());
  log(line);
}

net::Heartbeat AgentLoop::heartbeat() const {
  net::Heartbeat hb = m_session.heartbeat(agent::readLoadAverage());
  if (m_inference && m_inference->active()) hb.state = net::AgentState::Inference;
  return hb;
}

bool AgentLoop::handleInference(zmq::socket_t& socket, const net::Message& message) {
  if (!m_inference) return false;
  m_inference->observe(message.body);  // Welcome and WeightsDown carry the model it runs
  if (const auto* answer = std::get_if<net::InferenceAnswer>(&message.body)) {
    for (auto& body : m_inference->onAnswer(*answer, Clock::now()))
      send(socket, std::move(body));
    return true;
  }
  if (const auto* cmd = std::get_if<net::Command>(&message.body)) {
    if (cmd->kind != net::CommandKind::SetInference) return false;
    if (cmd->threshold > 0 && cmd->threshold <= 1) m_inference->setThreshold(cmd->threshold);
    if (cmd->mode != net::AgentMode::Keep) {
      m_inference->setActive(cmd->mode == net::AgentMode::Inference, m_session.cut(), Clock::now());
    }
    log(std::string("mode ") + (m_inference->active() ? "inference" : "training") +
        ", exit threshold " + std::to_string(m_inference->threshold()));
    send(socket, heartbeat());  // the cloud learns the mode before it plans the next round
    return true;
  }
  if (std::holds_alternative<net::Welcome>(message.body)) {
    // Ahead of the profiled Hello the session is about to send: no round for an inferring agent.
    if (m_inference->active()) send(socket, heartbeat());
    return false;
  }
  // While inferring, training traffic is not ours to follow (the cloud stops planning us).
  return m_inference->active() && (std::holds_alternative<net::RoundPlan>(message.body) ||
                                   std::holds_alternative<net::Gradients>(message.body));
}

void AgentLoop::send(zmq::socket_t& socket, net::Body body) {
  net::Message message{++m_seq, nowUs(), std::move(body)};
  std::vector<zmq::message_t> frames = net::encodeMessage(message);
  size_t bytes = 0;
  for (const auto& f : frames)
    bytes += f.size();
  sleepUntil(m_shaper.schedule(LinkDirection::Up, bytes).delivered);  // the emulated uplink
  for (size_t i = 0; i < frames.size(); ++i) {
    const auto flags = i + 1 < frames.size() ? zmq::send_flags::sndmore | zmq::send_flags::dontwait
                                             : zmq::send_flags::dontwait;
    if (!socket.send(frames[i], flags)) return;  // queue full: dropped, the cloud's deadline copes
  }
}

}  // namespace cleave::edge
