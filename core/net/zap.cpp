#include "core/net/zap.h"

#include <array>
#include <chrono>
#include <stdexcept>
#include <vector>

#include "core/net/curve_socket.h"

namespace cleave {

namespace {

constexpr std::size_t kMaxZapFrames = 16;
constexpr auto kRebindWindow =
    std::chrono::milliseconds(500);  // RFC 27 requests have 7 frames for CURVE

std::string text(const zmq::message_t& m) {
  return std::string(m.to_string_view());
}

// ZMTP metadata (RFC 23): 1-byte name length, name, 4-byte big-endian value length, value.
std::string metadata(std::string_view name, std::string_view value) {
  std::string out;
  out.push_back(static_cast<char>(name.size()));
  out.append(name);
  const auto n = static_cast<uint32_t>(value.size());
  for (const int shift : {24, 16, 8, 0})
    out.push_back(static_cast<char>((n >> shift) & 0xff));
  out.append(value);
  return out;
}

std::optional<PeerRole> domainRole(const std::string& domain, bool& known) {
  known = true;
  if (domain == kZapDomainDevices) return PeerRole::Device;
  if (domain == kZapDomainOperators) return PeerRole::Operator;
  known = domain == kZapDomain;
  return std::nullopt;
}

}  // namespace

ZapHandler::ZapHandler(zmq::context_t& context, KeyStore& store, Observer observer)
    : m_context(context), m_store(store), m_observer(std::move(observer)) {}

ZapHandler::~ZapHandler() {
  stop();
}

void ZapHandler::start() {
  std::lock_guard lock(m_mutex);
  if (m_thread.joinable()) return;
  zmq::socket_t zap(m_context, zmq::socket_type::rep);
  zap.set(zmq::sockopt::linger, 0);
  // libzmq releases an inproc endpoint only when the reaper has closed its socket, so a
  // restart right after stop() may briefly find it taken: retry for a bounded time.
  const auto deadline = std::chrono::steady_clock::now() + kRebindWindow;
  for (;;) {
    try {
      zap.bind(kEndpoint);
      break;
    } catch (const zmq::error_t& e) {
      if (e.num() == EADDRINUSE && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        continue;
      }
      throw std::runtime_error(std::string("cannot start the ZAP handler on ") + kEndpoint + ": " +
                               e.what() + " (is another handler running in this context?)");
    }
  }
  // A private pair wakes the thread for stop(); its name is unique per handler object.
  const std::string control_endpoint =
      "inproc://cleave.zap.control." + std::to_string(reinterpret_cast<std::uintptr_t>(this));
  zmq::socket_t worker_end(m_context, zmq::socket_type::pair);
  worker_end.set(zmq::sockopt::linger, 0);
  worker_end.bind(control_endpoint);
  m_control = zmq::socket_t(m_context, zmq::socket_type::pair);
  m_control.set(zmq::sockopt::linger, 0);
  m_control.connect(control_endpoint);
  m_running = true;
  m_thread = std::thread(&ZapHandler::run, this, std::move(zap), std::move(worker_end));
}

void ZapHandler::stop() {
  std::lock_guard lock(m_mutex);
  if (!m_thread.joinable()) return;
  try {
    m_control.send(zmq::str_buffer("stop"), zmq::send_flags::dontwait);
  } catch (const zmq::error_t&) {
    // The context is shutting down: the thread sees ETERM and leaves by itself.
  }
  m_thread.join();
  m_control.close();
}

ZapHandler::Stats ZapHandler::stats() const {
  return {m_accepted.load(), m_refused.load(), m_malformed.load()};
}

void ZapHandler::run(zmq::socket_t zap, zmq::socket_t control) {
  std::array<zmq::pollitem_t, 2> items{
      {{zap.handle(), 0, ZMQ_POLLIN, 0}, {control.handle(), 0, ZMQ_POLLIN, 0}}};
  for (;;) {
    try {
      zmq::poll(items.data(), items.size(), std::chrono::milliseconds(-1));
      if (items[1].revents & ZMQ_POLLIN) break;
      if (items[0].revents & ZMQ_POLLIN) handle(zap);
    } catch (const zmq::error_t& e) {
      if (e.num() == EINTR) continue;
      break;  // ETERM: the context is being closed
    }
  }
  m_running = false;
}

void ZapHandler::handle(zmq::socket_t& zap) {
  std::vector<zmq::message_t> frames;
  do {
    zmq::message_t frame;
    if (!zap.recv(frame, zmq::recv_flags::dontwait)) break;
    if (frames.size() < kMaxZapFrames) frames.push_back(std::move(frame));
  } while (zap.get(zmq::sockopt::rcvmore));

  ZapDecision decision;
  const std::string request_id = frames.size() > 1 ? text(frames[1]) : std::string{};
  if (frames.size() < 6 || text(frames[0]) != "1.0") {
    decision.status_code = "500";
    decision.reason = "malformed ZAP request";
    ++m_malformed;
  } else {
    // frames: version, request id, domain, address, identity, mechanism, credentials...
    const zmq::message_t empty;
    decision = decide(text(frames[2]), text(frames[3]), text(frames[5]),
                      frames.size() > 6 ? frames[6] : empty);
  }
  const std::string user_id = decision.accepted ? decision.name : std::string{};
  const std::string meta =
      decision.accepted && decision.role ? metadata("Role", peerRoleName(*decision.role)) : "";
  zap.send(zmq::str_buffer("1.0"), zmq::send_flags::sndmore);
  zap.send(zmq::buffer(request_id), zmq::send_flags::sndmore);
  zap.send(zmq::buffer(decision.status_code), zmq::send_flags::sndmore);
  zap.send(zmq::buffer(decision.reason), zmq::send_flags::sndmore);
  zap.send(zmq::buffer(user_id), zmq::send_flags::sndmore);
  zap.send(zmq::buffer(meta), zmq::send_flags::none);
  // Told after the reply so a slow observer never delays a handshake.
  if (m_observer) {
    try {
      m_observer(decision);
    } catch (...) {  // an observer bug must not take authentication down
    }
  }
}

ZapDecision ZapHandler::decide(const std::string& domain, const std::string& address,
                               const std::string& mechanism, const zmq::message_t& credentials) {
  ZapDecision d;
  d.domain = domain;
  d.address = address;
  d.status_code = "400";
  bool known_domain = false;
  const std::optional<PeerRole> required = domainRole(domain, known_domain);
  if (mechanism != "CURVE" || credentials.size() != 32) {
    d.reason = "CURVE security is required";
  } else if (!known_domain) {
    d.reason = "unknown ZAP domain";
  } else {
    std::array<char, kCurveKeyZ85Length + 1> z85{};
    zmq_z85_encode(z85.data(), static_cast<const uint8_t*>(credentials.data()), 32);
    const std::string key = z85.data();
    d.fingerprint = keyFingerprint(key);
    try {
      if (const auto peer = m_store.isApproved(key)) {
        d.name = peer->name;
        d.role = peer->role;
        if (required && *required != peer->role) {
          d.reason = "a " + std::string(peerRoleName(peer->role)) + " key is not accepted here";
        } else {
          d.accepted = true;
          d.status_code = "200";
          d.reason = "OK";
        }
      } else {
        d.new_pending = m_store.recordPending({}, key, address);
        for (const PendingPeer& p : m_store.pending())
          if (p.public_z85 == key) d.name = p.name;
        d.reason = "key not approved; ask an operator to approve " + d.fingerprint;
      }
    } catch (const std::exception&) {
      d = ZapDecision{false,         "500", "authentication store failure", {}, {}, domain, address,
                      d.fingerprint, false};
      ++m_malformed;
      return d;
    }
  }
  ++(d.accepted ? m_accepted : m_refused);
  return d;
}

}  // namespace cleave
