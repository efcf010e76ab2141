#include "tests/doubles/fake_cloud.h"

#include <chrono>

#include "core/net/curve_socket.h"
#include "core/net/wire_codec.h"
#include "core/net/wire_tensor.h"

namespace cleave::test {

FakeCloud::FakeCloud(const std::filesystem::path& dir, Script script)
    : m_script(std::move(script)),
      m_store(std::make_unique<KeyStore>(dir)),
      m_keys(m_store->serverKeys()),
      m_zap(std::make_unique<ZapHandler>(m_context, *m_store)),
      m_socket(m_context, zmq::socket_type::router) {
  m_zap->start();
  configureCurveServer(m_socket, m_keys, kZapDomainDevices);
  m_socket.bind("tcp://127.0.0.1:*");
  m_endpoint = m_socket.get(zmq::sockopt::last_endpoint);
}

FakeCloud::~FakeCloud() {
  m_stop = true;
  if (m_thread.joinable()) m_thread.join();
  m_socket.close();
  m_zap->stop();
}

void FakeCloud::approve(const std::string& name, const std::string& public_z85) {
  m_store->approveKey(name, public_z85, PeerRole::Device);
}

void FakeCloud::start() {
  m_thread = std::thread([this] { run(); });
}

std::vector<net::Message> FakeCloud::received() const {
  std::lock_guard lock(m_mutex);
  return m_received;
}

void FakeCloud::reply(const std::string& peer, net::Body body) {
  const auto sent_us = std::chrono::duration_cast<std::chrono::microseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  std::vector<zmq::message_t> frames = net::encodeMessage({++m_seq, sent_us, std::move(body)});
  m_socket.send(zmq::buffer(peer), zmq::send_flags::sndmore);
  for (size_t i = 0; i < frames.size(); ++i) {
    m_socket.send(frames[i],
                  i + 1 < frames.size() ? zmq::send_flags::sndmore : zmq::send_flags::none);
  }
}

void FakeCloud::run() {
  while (!m_stop) {
    std::array<zmq::pollitem_t, 1> items{{{m_socket.handle(), 0, ZMQ_POLLIN, 0}}};
    if (zmq::poll(items.data(), 1, std::chrono::milliseconds(20)) == 0) continue;
    std::vector<zmq::message_t> frames;
    do {
      zmq::message_t frame;
      if (!m_socket.recv(frame, zmq::recv_flags::dontwait)) break;
      frames.push_back(std::move(frame));
    } while (m_socket.get(zmq::sockopt::rcvmore));
    if (frames.size() < 2) continue;
    const std::string peer = frames.front().to_string();
    frames.erase(frames.begin());
    net::DecodeResult decoded = net::decodeMessage(std::move(frames));
    if (!decoded.ok()) {
      ++m_undecodable;
      continue;
    }
    const net::Message message = decoded.message();
    {
      std::lock_guard lock(m_mutex);
      m_received.push_back(message);
    }
    if (const auto* hello = std::get_if<net::Hello>(&message.body)) {
      if (hello->layer_ms.empty()) {
        net::Welcome welcome;
        welcome.device_id = 1;
        welcome.model_spec_json = m_script.model_spec_json;
        reply(peer, welcome);
      } else {
        reply(peer, m_script.plan);
      }
    } else if (std::holds_alternative<net::Heartbeat>(message.body)) {
      reply(peer, net::Heartbeat{});  // both ways, so the agent does not reconnect
    } else if (const auto* activations = std::get_if<net::Activations>(&message.body)) {
      net::Gradients gradients;
      gradients.round = activations->round;
      gradients.step = activations->step;
      gradients.loss = 0.5;
      // Cut 0: nothing to back-propagate on the edge; the schema needs a tensor, so a scalar.
      const Shape shape = m_script.plan.cut > 0 ? activations->activation.shape : Shape{};
      gradients.gradient = net::encodeTensor("gradient", Tensor(shape), m_script.plan.codec);
      reply(peer, gradients);
    }
  }
}

}  // namespace cleave::test
