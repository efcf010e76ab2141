#include "core/net/curve_socket.h"

namespace cleave {

namespace {
constexpr int kZapEnforceDomain = 93;  // ZMQ_ZAP_ENFORCE_DOMAIN, a draft option in libzmq 4.3
}

bool configureCurveServer(zmq::socket_t& socket, const CurveKeyPair& server_keys,
                          const std::string& zap_domain) {
  if (!isCurveKeyZ85(server_keys.secret_z85))
    throw KeyError("the server secret key is not a CURVE key");
  socket.set(zmq::sockopt::linger, 0);
  socket.set(zmq::sockopt::curve_server, true);
  socket.set(zmq::sockopt::curve_secretkey, server_keys.secret_z85);
  socket.set(zmq::sockopt::zap_domain, zap_domain);
  const int enforce = 1;
  return zmq_setsockopt(socket.handle(), kZapEnforceDomain, &enforce, sizeof enforce) == 0;
}

void configureCurveClient(zmq::socket_t& socket, const CurveKeyPair& client_keys,
                          const std::string& server_public_z85) {
  if (!isCurveKeyZ85(client_keys.public_z85) || !isCurveKeyZ85(client_keys.secret_z85))
    throw KeyError("the client key pair is not a CURVE key pair");
  if (!isCurveKeyZ85(server_public_z85))
    throw KeyError("the server public key is not a CURVE key (40 Z85 characters)");
  socket.set(zmq::sockopt::linger, 0);
  socket.set(zmq::sockopt::curve_serverkey, server_public_z85);
  socket.set(zmq::sockopt::curve_publickey, client_keys.public_z85);
  socket.set(zmq::sockopt::curve_secretkey, client_keys.secret_z85);
}

}  // namespace cleave
