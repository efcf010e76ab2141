#include "agents/cloud/cloud_server.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "agents/cli/json_file.h"
#include "agents/cloud/control_commands.h"
#include "agents/cloud/event_log.h"
#include "agents/cloud/round_table.h"
#include "core/coordinator/inference_server.h"
#include "core/coordinator/round_coordinator.h"
#include "core/data/fashion_mnist.h"
#include "core/net/bad_message_log.h"
#include "core/net/curve_socket.h"
#include "core/net/key_store.h"
#include "core/net/keys.h"
#include "core/net/wire_codec.h"
#include "core/net/zap.h"
#include "core/session/metric_names.h"
#include "core/session/session_reader.h"
#include "core/session/session_writer.h"

namespace cleave::cloud {

namespace {

using Clock = std::chrono::steady_clock;

void sendTo(zmq::socket_t& router, const std::string& peer, const net::Message& message) {
  std::vector<zmq::message_t> frames = net::encodeMessage(message);
  router.send(zmq::buffer(peer), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
  for (size_t i = 0; i < frames.size(); ++i) {
    const auto more = i + 1 < frames.size() ? zmq::send_flags::sndmore : zmq::send_flags::none;
    router.send(frames[i], more | zmq::send_flags::dontwait);
  }
}

std::optional<std::pair<Weights, int>> resumePoint(const std::string& session) {
  if (session.empty() || !std::filesystem::exists(session)) return std::nullopt;
  const SessionReader reader(session);
  auto checkpoint = reader.latestCheckpoint();
  if (!checkpoint) return std::nullopt;
  return std::make_pair(std::move(checkpoint->weights), checkpoint->round);
}

}  // namespace

struct CloudServer::Impl {
  explicit Impl(CloudOptions o);
  void pump(zmq::socket_t& socket, bool agents, int64_t now);
  void flushOutgoing(std::vector<Outgoing> out);
  void drainEvents();
  void emit(const Event& e);  // records it, keeps it for SYNC, publishes it
  // --stay: "rounds done" pauses, StopRounds ends the session but the cloud keeps serving.
  void stayTransitions(int64_t now);
  bool keepServing() const;
  // session_start's description of the session: use case, model spec, settings, split.
  nlohmann::json sessionFields() const;
  void endSession(const std::string& reason);  // Bye to the agents, session_end
  void recordRound(const ClosedRound& round);
  // Inference: answers to agents, exit_stats and logs (emitted), previews (published only).
  void drainInference();
  void publishOnly(const Event& e);  // PUB, not recorded, not in the SYNC log
  net::CommandReply setInference(const net::Command& cmd, int64_t now);
  void printInference();
  int64_t now() const;

  CloudOptions options;
  UseCaseSetup setup;
  zmq::context_t context;
  KeyStore store;
  CurveKeyPair server_keys;
  EventLog event_log;
  ControlCommands commands{
      store, event_log,
      [this](const std::string& device, const net::Message& m) { sendTo(agents, device, m); }};
  bool session_ended = false;  // session_end sent (StopRounds with --stay)
  ZapHandler zap;
  zmq::socket_t agents{context, zmq::socket_type::router};
  zmq::socket_t control{context, zmq::socket_type::router};
  zmq::socket_t events{context, zmq::socket_type::pub};
  std::unique_ptr<SessionWriter> writer;
  std::unique_ptr<RoundCoordinator> coordinator;
  std::unique_ptr<InferenceServer> inference;
  Clock::time_point next_inference_print = Clock::now();
  net::BadMessageLog bad_log;
  Clock::time_point started = Clock::now();
  int64_t time_offset_us = 0;  // a resumed session's clock continues where it stopped
  nlohmann::json report{{"rounds", nlohmann::json::array()}};
};

CloudServer::Impl::Impl(CloudOptions o)
    : options(std::move(o)),
      setup(loadUseCase(options.use_case, options.data)),
      store(options.keys),
      server_keys(store.serverKeys()),
      zap(context, store, [this](const ZapDecision& d) {
        if (d.new_pending) {
          std::printf(
              "pending: unknown key %s from %s (approve with: cleave devices --keys %s "
              "approve %s)\n",
              d.fingerprint.c_str(), d.address.c_str(), options.keys.c_str(), d.name.c_str());
          std::fflush(stdout);
        }
        commands.onZapDecision(d);  // to the loop thread: a pending device_status event
      }) {
  zap.start();
  configureCurveServer(agents, server_keys, kZapDomainDevices);
  configureCurveServer(control, server_keys, kZapDomainOperators);
  configureCurveServer(events, server_keys, kZapDomainOperators);
  agents.set(zmq::sockopt::maxmsgsize, int64_t{512} << 20);
  agents.bind(options.listen);
  control.bind(options.control);
  events.bind(options.events);

  CoordinatorConfig c = options.coordinator;
  c.spec = setup.spec;
  c.spec_json = setup.spec_json;
  c.test = setup.test;
  c.cloud = setup.fleet.cloud;
  if (options.use_case == UseCase::Camera) {  // what agents apply to camera frames
    c.standardisation = {28, 28, true, kFashionMnistMean, kFashionMnistStd};
  }
  auto resume = resumePoint(options.session);
  if (!options.session.empty()) {
    writer = std::make_unique<SessionWriter>(
        options.session, SessionInfo{"", setup.spec_json, useCaseName(options.use_case), "{}", 0});
    time_offset_us = writer->resumeTimeUs();
  }
  if (resume) {
    std::printf("resuming %s from round %d\n", options.session.c_str(), resume->second);
    coordinator = std::make_unique<RoundCoordinator>(c, std::move(resume->first), resume->second);
  } else {
    coordinator = std::make_unique<RoundCoordinator>(c);
  }
  inference = std::make_unique<InferenceServer>(setup.spec, coordinator->globalWeights());
  if (options.inference) coordinator->setPaused(true);  // an inference fleet: no training rounds
}

int64_t CloudServer::Impl::now() const {
  return time_offset_us +
         std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started).count();
}

void CloudServer::Impl::flushOutgoing(std::vector<Outgoing> out) {
  for (const auto& o : out)
    sendTo(agents, o.device, o.message);
}

void CloudServer::Impl::emit(const Event& e) {
  if (writer) writer->appendEvent(e);
  event_log.add(e);
  publishOnly(e);
}

void CloudServer::Impl::drainEvents() {
  for (const Event& e : coordinator->takeEvents())
    emit(e);
  for (const Event& e : commands.takeEvents(now()))
    emit(e);
}

nlohmann::json CloudServer::Impl::sessionFields() const {
  return {{"use_case", useCaseName(options.use_case)},
          {"spec_json", setup.spec_json},
          {"settings", nlohmann::json::parse(coordinator->settingsJson())["settings"]},
          {"split", nlohmann::json::parse(coordinator->splitJson())}};
}

bool CloudServer::Impl::keepServing() const {
  return options.stay || (!coordinator->finished() && !commands.stopRequested());
}

void CloudServer::Impl::stayTransitions(int64_t t) {
  if (!options.stay) return;
  if (coordinator->finished() && !coordinator->paused()) {
    coordinator->setPaused(true, "rounds done", t);
  }
  if (commands.stopRequested() && !session_ended) endSession("stopped");
  if (!commands.stopRequested()) session_ended = false;  // StartRounds continues the session
}

void CloudServer::Impl::endSession(const std::string& reason) {
  for (const auto& name : coordinator->devices()) {
    const char* why = reason == "completed" ? "rounds done" : "cloud stopping";
    sendTo(agents, name, net::Message{0, now(), net::Bye{why}});
  }
  emit({now(), event_kind::kSessionEnd, -1, "", nlohmann::json{{"reason", reason}}.dump()});
  if (writer) writer->flush();
  session_ended = true;
}

void CloudServer::Impl::publishOnly(const Event& e) {
  net::Message m{0, e.t_us,
                 net::Event{e.kind, static_cast<uint32_t>(std::max(0, e.round)), e.device,
                            e.data_json, e.t_us}};
  std::vector<zmq::message_t> frames = net::encodeMessage(m);
  for (size_t i = 0; i < frames.size(); ++i) {
    events.send(frames[i],
                i + 1 < frames.size() ? zmq::send_flags::sndmore : zmq::send_flags::dontwait);
  }
}

void CloudServer::Impl::drainInference() {
  flushOutgoing(inference->takeReplies());
  for (const Event& e : inference->takeEvents())
    emit(e);
  // Pixels for the studio's eyes, not session history: never recorded, not replayed by SYNC.
  for (const Event& e : inference->takePreviews())
    publishOnly(e);
  for (const MetricRecord& m : inference->takeMetrics()) {
    if (writer) writer->recordMetric(m);
  }
}

net::CommandReply CloudServer::Impl::setInference(const net::Command& cmd, int64_t t) {
  if (cmd.threshold < 0 || cmd.threshold > 1 || !std::isfinite(cmd.threshold)) {
    return {false, "exit threshold must be in (0, 1], or 0 to keep it", ""};
  }
  std::vector<std::string> targets = coordinator->devices();
  if (!cmd.device.empty()) {
    if (std::find(targets.begin(), targets.end(), cmd.device) == targets.end()) {
      return {false, "no connected device named '" + cmd.device + "'", ""};
    }
    targets = {cmd.device};
  }
  for (const auto& name : targets)
    sendTo(agents, name, net::Message{0, t, cmd});  // the agent switches; its heartbeat says so
  const char* mode = cmd.mode == net::AgentMode::Inference  ? "inference"
                     : cmd.mode == net::AgentMode::Training ? "training"
                                                            : "keep";
  nlohmann::json data{{"devices", targets}, {"mode", mode}, {"threshold", cmd.threshold}};
  emit({t, event_kind::kLog, coordinator->round(), cmd.device,
        nlohmann::json{{"level", "info"}, {"message", "set inference: " + data.dump()}}.dump()});
  return {true, "", data.dump()};
}

void CloudServer::Impl::printInference() {
  if (Clock::now() < next_inference_print) return;
  next_inference_print = Clock::now() + std::chrono::seconds(1);
  const int64_t t = now();
  bool header = false;
  for (const auto& [name, f] : inference->figures()) {
    if (t - f.updated_us > 3'000'000) continue;  // not reporting any more
    if (!header) {
      std::printf("inference %7.1f s  %-14s %3s %9s %7s %9s %9s %7s %8s\n", t / 1e6, "device",
                  "cut", "threshold", "exit%", "lat ms", "p95 ms", "samples", "served");
      header = true;
    }
    std::printf("                     %-14s %3d %9.3f %6.1f%% %9.2f %9.2f %7llu %8llu\n",
                name.c_str(), f.cut, f.threshold, 100 * f.exit_rate, f.latency_ms_mean,
                f.latency_ms_p95, static_cast<unsigned long long>(f.samples),
                static_cast<unsigned long long>(f.served));
  }
  if (header) std::fflush(stdout);
}

void CloudServer::Impl::recordRound(const ClosedRound& r) {
  std::fputs(renderRoundTable(r, options.coordinator.rounds).c_str(), stdout);
  std::fflush(stdout);
  report["rounds"].push_back(roundToJson(r));
  if (!options.json.empty()) cli::writeJsonAtomically(options.json, report);
  if (!writer) return;
  const int64_t t = now();
  recordRoundMetrics(*writer, r, t);
  writer->writeCheckpoint(r.round, t, r.global, "{}");  // a restarted cloud resumes from here
}

void CloudServer::Impl::pump(zmq::socket_t& socket, bool from_agents, int64_t t) {
  for (int budget = 0; budget < 256; ++budget) {  // bounded: ticks and heartbeats keep running
    std::vector<zmq::message_t> frames;
    const auto got =
        zmq::recv_multipart(socket, std::back_inserter(frames), zmq::recv_flags::dontwait);
    if (!got || frames.size() < 2) return;
    const std::string peer = frames[0].to_string();
    // The routing id must be the name ZAP authenticated: no agent speaks for another.
    const char* user = frames[1].gets("User-Id");
    if (!user || peer != user) continue;
    frames.erase(frames.begin());
    net::DecodeResult decoded = net::decodeMessage(std::move(frames));
    if (!decoded.ok()) {
      if (auto line = bad_log.record(peer, decoded.error())) {
        std::fprintf(stderr, "%s\n", line->c_str());
      }
      // A peer of another version must learn why nobody answers it (the agent stops on this).
      if (decoded.error().reason == net::DecodeErrorReason::VersionMismatch) {
        sendTo(socket, peer,
               net::Message{
                   0, t, net::Refused{net::RefusedReason::VersionMismatch, decoded.error().text}});
      }
      continue;
    }
    if (from_agents) {
      try {
        if (InferenceServer::handles(decoded.message().body)) {
          const auto known = coordinator->devices();  // only agents that said hello
          if (std::find(known.begin(), known.end(), peer) != known.end()) {
            inference->onMessage(peer, decoded.message(), t, coordinator->round());
            drainInference();
          }
        }
        // Read now, not at the poll: the delay split times each message from its own arrival.
        flushOutgoing(coordinator->onMessage(peer, decoded.message(), now()));
      } catch (const std::exception& e) {  // one agent's message never takes the cloud down
        std::fprintf(stderr, "cleave-cloud: message from '%s' dropped: %s\n", peer.c_str(),
                     e.what());
      }
    } else if (auto* cmd = std::get_if<net::Command>(&decoded.message().body)) {
      net::CommandReply reply;
      try {
        switch (cmd->kind) {
          case net::CommandKind::SetInference:
            reply = setInference(*cmd, t);
            break;
          default:  // control_commands.h
            reply = commands.handle(*cmd, *coordinator, t);
        }
      } catch (const std::exception& e) {
        reply = {false, e.what(), ""};
      }
      sendTo(control, peer, net::Message{0, t, reply});
    }
  }
}

CloudServer::CloudServer(CloudOptions options)
    : m_impl(std::make_unique<Impl>(std::move(options))) {}
CloudServer::~CloudServer() = default;

std::string CloudServer::agentEndpoint() const {
  return m_impl->agents.get(zmq::sockopt::last_endpoint);
}
std::string CloudServer::controlEndpoint() const {
  return m_impl->control.get(zmq::sockopt::last_endpoint);
}
std::string CloudServer::eventsEndpoint() const {
  return m_impl->events.get(zmq::sockopt::last_endpoint);
}
std::string CloudServer::cloudPublicKeyFile() const {
  return keyFilePaths(m_impl->options.keys, "cloud").public_file.string();
}
std::string CloudServer::keysDir() const {
  return m_impl->options.keys;
}

int CloudServer::run(const std::atomic<bool>& stop) {
  Impl& s = *m_impl;
  {
    nlohmann::json start{{"resumed", s.coordinator->round() > 0}};
    if (s.coordinator->round() > 0) start["from_round"] = s.coordinator->round();
    start.update(s.sessionFields());
    s.emit({s.now(), event_kind::kSessionStart, -1, "", start.dump()});
    if (s.writer) s.writer->flush();
  }
  std::vector<zmq::pollitem_t> items{{s.agents.handle(), 0, ZMQ_POLLIN, 0},
                                     {s.control.handle(), 0, ZMQ_POLLIN, 0}};
  const auto stop_at = s.options.duration_s > 0
                           ? Clock::now() + std::chrono::milliseconds(
                                                static_cast<int64_t>(s.options.duration_s * 1e3))
                           : Clock::time_point::max();
  // An inference fleet runs until --duration or a signal; training until the rounds are done.
  while (!stop && Clock::now() < stop_at && (s.options.inference || s.keepServing())) {
    try {
      zmq::poll(items, std::chrono::milliseconds(50));
    } catch (const zmq::error_t& e) {
      if (e.num() != EINTR) throw;
      continue;  // a signal: the loop condition decides whether to stop
    }
    const int64_t t = s.now();
    if (items[0].revents & ZMQ_POLLIN) s.pump(s.agents, true, t);
    if (items[1].revents & ZMQ_POLLIN) s.pump(s.control, false, t);
    try {
      s.flushOutgoing(s.coordinator->onTick(s.now()));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "cleave-cloud: %s\n", e.what());
    }
    s.stayTransitions(s.now());
    s.drainEvents();
    for (const ClosedRound& r : s.coordinator->takeClosedRounds()) {
      s.recordRound(r);
      s.inference->setGlobal(r.global);  // inference answers with the latest global model
    }
    s.drainInference();
    s.printInference();
    if (s.writer && s.writer->hasPending()) s.writer->flush();
  }
  if (!s.session_ended) {
    s.endSession(stop || s.commands.stopRequested() ? "stopped" : "completed");
  }
  s.zap.stop();
  return 0;
}

}  // namespace cleave::cloud
