// Socket options that put CURVE on a ZeroMQ socket: a server (the cloud's ROUTER/PUB, checked by
// the ZapHandler of its context) or a client (agent/studio DEALER/SUB). Call before bind/connect,
// from the thread that owns the socket.
#pragma once

#include <string>
#include <zmq.hpp>

#include "core/net/keys.h"

namespace cleave {

// ZAP domains: the handler admits either role on kZapDomain and only one role on the others, so
// an operator key cannot drive the agents' socket and a device key cannot drive the control one.
inline constexpr const char* kZapDomain = "cleave";
inline constexpr const char* kZapDomainDevices = "cleave.devices";
inline constexpr const char* kZapDomainOperators = "cleave.operators";

// CURVE server with the cloud's secret key, authenticated in `zap_domain`, linger 0. Also asks
// libzmq to refuse clients when no ZAP handler is bound (ZMQ_ZAP_ENFORCE_DOMAIN), since libzmq's
// default then admits everyone; returns false if this libzmq lacks that option.
bool configureCurveServer(zmq::socket_t& socket, const CurveKeyPair& server_keys,
                          const std::string& zap_domain = kZapDomain);

// CURVE client with its own pair, trusting only `server_public_z85`, linger 0.
void configureCurveClient(zmq::socket_t& socket, const CurveKeyPair& client_keys,
                          const std::string& server_public_z85);

}  // namespace cleave
