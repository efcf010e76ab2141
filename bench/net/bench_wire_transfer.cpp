// Activation transfer through Cleave's protocol against raw ZeroMQ on loopback, in one run.
// Raw: the activation's bytes as one frame, DEALER -> ROUTER. Protocol: an Activations message
// (envelope + tensor frame, labels), decoded and validated on arrival and the tensor turned back
// into floats, which is what the cloud does before a step. Both with and without CURVE.
// Each point moves about --megabytes of activations (default 64). Prints JSON.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>
#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "bench/common/machine_info.h"
#include "core/net/curve_socket.h"
#include "core/net/keys.h"
#include "core/net/wire_codec.h"
#include "core/net/wire_tensor.h"

using namespace cleave;
using Clock = std::chrono::steady_clock;

namespace {

struct Pair {
  zmq::context_t ctx;
  zmq::socket_t in{ctx, zmq::socket_type::pull};
  zmq::socket_t out{ctx, zmq::socket_type::push};
  explicit Pair(bool curve) {
    if (curve) {  // no ZAP handler: CURVE encryption cost without authentication policy
      const CurveKeyPair server = generateCurveKeyPair(), client = generateCurveKeyPair();
      in.set(zmq::sockopt::curve_server, 1);
      in.set(zmq::sockopt::curve_secretkey, server.secret_z85);
      configureCurveClient(out, client, server.public_z85);
    }
    in.bind("tcp://127.0.0.1:*");
    out.connect(in.get(zmq::sockopt::last_endpoint));
  }
};

// Messages per second for `n` sends of `send` received by `receive`, after a warm-up.
template <typename Send, typename Receive>
double rate(int n, Send send, Receive receive) {
  for (int i = 0; i < 20; ++i) {
    send();
    receive();
  }
  const auto t0 = Clock::now();
  for (int i = 0; i < n; ++i) {
    send();
    receive();
  }
  return n / std::chrono::duration<double>(Clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  double megabytes = 64;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--megabytes") megabytes = std::stod(argv[++i]);
  }
  nlohmann::json results = nlohmann::json::array();
  for (const bool curve : {false, true}) {
    for (const int64_t floats : {int64_t{16} << 10, int64_t{256} << 10, int64_t{1} << 20}) {
      Pair pair(curve);
      const int64_t batch = 64;
      Tensor activation(Shape{batch, floats / batch});
      for (size_t i = 0; i < activation.data.size(); ++i)
        activation.data[i] = float(i % 97) * 0.01f;
      std::vector<int64_t> labels(static_cast<size_t>(batch), 3);
      const size_t bytes = activation.data.size() * sizeof(float);
      const int messages =
          std::max(10, static_cast<int>(megabytes * 1e6 / static_cast<double>(bytes)));

      std::vector<double> raw, proto;
      for (int rep = 0; rep < 3; ++rep) {  // alternate so load drift hits both alike
        raw.push_back(rate(
            messages,
            [&] {
              pair.out.send(zmq::buffer(activation.data.data(), bytes), zmq::send_flags::none);
            },
            [&] {
              zmq::message_t m;
              (void)pair.in.recv(m);
              std::vector<float> floats_out(m.size() / sizeof(float));
              std::memcpy(floats_out.data(), m.data(), m.size());  // the receiver needs floats
            }));
        proto.push_back(rate(
            messages,
            [&] {
              net::Activations a{
                  1, 0, labels,
                  net::encodeTensor("activation", activation, net::TensorCodec::Fp32)};
              auto frames = net::encodeMessage(net::Message{1, 0, a});
              zmq::send_multipart(pair.out, frames);
            },
            [&] {
              std::vector<zmq::message_t> frames;
              (void)zmq::recv_multipart(pair.in, std::back_inserter(frames));
              net::DecodeResult r = net::decodeMessage(std::move(frames));
              const auto& a = std::get<net::Activations>(r.message().body);
              const Tensor t = net::decodeTensor(a.activation);
              if (t.numel() != activation.numel()) std::abort();
            }));
      }
      std::sort(raw.begin(), raw.end());
      std::sort(proto.begin(), proto.end());
      const double mb = static_cast<double>(bytes) / 1e6;
      results.push_back({{"curve", curve},
                         {"messages", messages},
                         {"activation_bytes", bytes},
                         {"raw_mb_per_s", raw[1] * mb},
                         {"protocol_mb_per_s", proto[1] * mb},
                         {"ratio", proto[1] / raw[1]}});
    }
  }
  const nlohmann::json doc{{"benchmark", "wire_transfer"},
                           {"machine", bench::machineInfo()},
                           {"megabytes_per_point", megabytes},
                           {"results", results}};
  std::printf("%s\n", doc.dump(2).c_str());
  return 0;
}
