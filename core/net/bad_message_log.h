// Counts bad (dropped) messages per peer and reason, and rate-limits their log lines to one per
// peer per interval (default a minute). Not thread-safe: owned by the thread that reads the socket.
// Peers are identified by an opaque id (routing id, CURVE key, ...) that is never printed: log
// lines name a peer by the display name set for it, else by a short hash of the id.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/net/wire_codec.h"

namespace cleave::net {

class BadMessageLog {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  explicit BadMessageLog(std::chrono::seconds interval = std::chrono::minutes(1),
                         Clock clock = std::chrono::steady_clock::now, size_t max_peers = 4096);

  // Names a peer in log lines (e.g. its device name once it said Hello).
  void setPeerName(std::string_view peer_id, std::string name);

  // Counts one bad message. Returns the line to log now, or nullopt if this peer already had a
  // line within the interval (the next line says how many were suppressed).
  std::optional<std::string> record(std::string_view peer_id, const DecodeError& error);

  uint64_t count(std::string_view peer_id, DecodeErrorReason reason) const;
  uint64_t count(std::string_view peer_id) const;
  uint64_t total() const { return m_total; }

  // "peer#1a2b3c4d": how a peer without a display name appears in logs.
  static std::string anonymousLabel(std::string_view peer_id);

 private:
  struct PeerStats {
    std::string name;
    std::array<uint64_t, kDecodeErrorReasonCount> by_reason{};
    uint64_t total = 0;
    uint64_t suppressed = 0;  // since the last line
    std::optional<std::chrono::steady_clock::time_point> last_line;
  };

  PeerStats& stats(std::string_view peer_id);
  const PeerStats* find(std::string_view peer_id) const;

  std::chrono::seconds m_interval;
  Clock m_clock;
  size_t m_max_peers;
  uint64_t m_total = 0;
  // Past max_peers, new peers share one bucket so a flood of ids cannot grow memory.
  std::unordered_map<std::string, PeerStats> m_peers;
  PeerStats m_overflow;
};

}  // namespace cleave::net
