#include "tests/doubles/fake_control_cloud.h"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <zmq_addon.hpp>

#include "core/net/curve_socket.h"
#include "core/net/wire_codec.h"

namespace cleave::test {

namespace {

std::string bindWithRetry(zmq::socket_t& socket, const std::string& endpoint) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  for (;;) {
    try {
      socket.bind(endpoint);
      return socket.get(zmq::sockopt::last_endpoint);
    } catch (const zmq::error_t& e) {
      // A port just released by the previous fake may still be held for a moment.
      if (e.num() != EADDRINUSE || std::chrono::steady_clock::now() > deadline) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
}

void sendMultipart(zmq::socket_t& socket, std::vector<zmq::message_t>& frames) {
  for (size_t i = 0; i < frames.size(); ++i) {
    socket.send(frames[i],
                i + 1 < frames.size() ? zmq::send_flags::sndmore : zmq::send_flags::dontwait);
  }
}

}  // namespace

FakeControlCloud::FakeControlCloud(const std::filesystem::path& dir,
                                   const std::string& control_endpoint,
                                   const std::string& events_endpoint, std::vector<Event> history)
    : m_store(std::make_unique<KeyStore>(dir)),
      m_keys(m_store->serverKeys()),
      m_zap(std::make_unique<ZapHandler>(m_context, *m_store)),
      m_control(m_context, zmq::socket_type::router),
      m_events(m_context, zmq::socket_type::pub),
      m_log(std::move(history)) {
  m_zap->start();
  configureCurveServer(m_control, m_keys, kZapDomainOperators);
  configureCurveServer(m_events, m_keys, kZapDomainOperators);
  m_control_endpoint = bindWithRetry(m_control, control_endpoint);
  m_events_endpoint = bindWithRetry(m_events, events_endpoint);
  m_thread = std::thread([this] { run(); });
}

FakeControlCloud::~FakeControlCloud() {
  m_stop = true;
  if (m_thread.joinable()) m_thread.join();
  m_control.close();
  m_events.close();
  m_zap->stop();
}

void FakeControlCloud::approveOperator(const std::string& name, const std::string& public_z85) {
  m_store->approveKey(name, public_z85, PeerRole::Operator);
}

void FakeControlCloud::publish(const Event& event, bool publish_live) {
  std::lock_guard lock(m_mutex);
  m_log.push_back(event);
  if (publish_live) m_outbox.push_back(event);
}

std::vector<Event> FakeControlCloud::log() const {
  std::lock_guard lock(m_mutex);
  return m_log;
}

std::vector<net::Command> FakeControlCloud::commands() const {
  std::lock_guard lock(m_mutex);
  return m_commands;
}

void FakeControlCloud::setCommandReply(net::CommandReply reply) {
  std::lock_guard lock(m_mutex);
  m_reply = std::move(reply);
}

void FakeControlCloud::answer(const std::string& peer, const net::Command& command) {
  net::CommandReply reply;
  if (command.kind == net::CommandKind::Sync) {
    ++m_syncs;
    nlohmann::json events = nlohmann::json::array();
    bool more = false;
    int64_t next = command.since_us;
    {
      std::lock_guard lock(m_mutex);
      std::vector<Event> due;
      for (const Event& e : m_log)
        if (e.t_us >= command.since_us) due.push_back(e);
      std::stable_sort(due.begin(), due.end(),
                       [](const Event& a, const Event& b) { return a.t_us < b.t_us; });
      // Pages end on a whole timestamp, so next_since_us never splits events of one instant.
      size_t n = std::min(due.size(), kSyncPage);
      while (n < due.size() && n > 0 && due[n].t_us == due[n - 1].t_us)
        ++n;
      more = n < due.size();
      for (size_t i = 0; i < n; ++i) {
        const Event& e = due[i];
        events.push_back(
            {{"t_us", e.t_us},
             {"kind", e.kind},
             {"round", e.round},
             {"device", e.device},
             {"data", nlohmann::json::parse(e.data_json.empty() ? "{}" : e.data_json)}});
        next = e.t_us + 1;
      }
    }
    reply.data_json =
        nlohmann::json{{"events", events}, {"next_since_us", next}, {"more", more}}.dump();
  } else {
    std::lock_guard lock(m_mutex);
    m_commands.push_back(command);
    reply = m_reply;
  }
  std::vector<zmq::message_t> frames = net::encodeMessage(net::Message{0, 0, reply});
  m_control.send(zmq::buffer(peer), zmq::send_flags::sndmore);
  sendMultipart(m_control, frames);
}

void FakeControlCloud::run() {
  while (!m_stop) {
    std::vector<Event> outbox;
    {
      std::lock_guard lock(m_mutex);
      outbox.swap(m_outbox);
    }
    for (const Event& e : outbox) {
      std::vector<zmq::message_t> frames = net::encodeMessage(
          net::Message{0, e.t_us,
                       net::Event{e.kind, static_cast<uint32_t>(std::max(0, e.round)), e.device,
                                  e.data_json, e.t_us}});
      sendMultipart(m_events, frames);
    }
    zmq::pollitem_t item{m_control.handle(), 0, ZMQ_POLLIN, 0};
    zmq::poll(&item, 1, std::chrono::milliseconds(10));
    if (!(item.revents & ZMQ_POLLIN)) continue;
    std::vector<zmq::message_t> frames;
    if (!zmq::recv_multipart(m_control, std::back_inserter(frames), zmq::recv_flags::dontwait)) {
      continue;
    }
    if (frames.size() < 2 || m_silent) continue;
    const std::string peer = frames.front().to_string();
    frames.erase(frames.begin());
    net::DecodeResult decoded = net::decodeMessage(std::move(frames));
    if (!decoded.ok()) continue;
    if (const auto* command = std::get_if<net::Command>(&decoded.message().body)) {
      answer(peer, *command);
    }
  }
}

}  // namespace cleave::test
