#include "core/net/bad_message_log.h"

#include <cstdio>

namespace cleave::net {

BadMessageLog::BadMessageLog(std::chrono::seconds interval, Clock clock, size_t max_peers)
    : m_interval(interval), m_clock(std::move(clock)), m_max_peers(max_peers) {
  m_overflow.name = "other peers";
}

std::string BadMessageLog::anonymousLabel(std::string_view peer_id) {
  // FNV-1a: stable across runs (std::hash is not), and 32 bits reveal nothing usable of a key.
  uint32_t h = 2166136261u;
  for (char c : peer_id) {
    h ^= static_cast<uint8_t>(c);
    h *= 16777619u;
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "peer#%08x", h);
  return buf;
}

BadMessageLog::PeerStats& BadMessageLog::stats(std::string_view peer_id) {
  const std::string key(peer_id);
  if (auto it = m_peers.find(key); it != m_peers.end()) return it->second;
  if (m_peers.size() >= m_max_peers) return m_overflow;
  PeerStats& s = m_peers[key];
  s.name = anonymousLabel(peer_id);
  return s;
}

const BadMessageLog::PeerStats* BadMessageLog::find(std::string_view peer_id) const {
  auto it = m_peers.find(std::string(peer_id));
  return it == m_peers.end() ? nullptr : &it->second;
}

void BadMessageLog::setPeerName(std::string_view peer_id, std::string name) {
  PeerStats& s = stats(peer_id);
  if (&s != &m_overflow) s.name = std::move(name);
}

std::optional<std::string> BadMessageLog::record(std::string_view peer_id,
                                                 const DecodeError& error) {
  PeerStats& s = stats(peer_id);
  ++s.by_reason[static_cast<size_t>(error.reason)];
  ++s.total;
  ++m_total;
  const auto now = m_clock();
  if (s.last_line && now - *s.last_line < m_interval) {
    ++s.suppressed;
    return std::nullopt;
  }
  std::string line = "dropped a bad message from " + s.name + ": " +
                     std::string(decodeErrorReasonName(error.reason)) + ": " + error.text + " (" +
                     std::to_string(s.total) + " from this peer";
  if (s.suppressed > 0)
    line += ", " + std::to_string(s.suppressed) + " not logged since the last line";
  line += ")";
  s.suppressed = 0;
  s.last_line = now;
  return line;
}

uint64_t BadMessageLog::count(std::string_view peer_id, DecodeErrorReason reason) const {
  const PeerStats* s = find(peer_id);
  return s ? s->by_reason[static_cast<size_t>(reason)] : 0;
}

uint64_t BadMessageLog::count(std::string_view peer_id) const {
  const PeerStats* s = find(peer_id);
  return s ? s->total : 0;
}

}  // namespace cleave::net
