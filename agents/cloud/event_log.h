// cleave-cloud's memory of every event it published, so a studio that connects late catches up
// with SYNC. Bounded: session_start and device_* events are all kept, of the others the newest
// kMaxOthers. Not thread-safe: the cloud's loop thread owns it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "core/session/event.h"

namespace cleave::cloud {

class EventLog {
 public:
  static constexpr size_t kMaxOthers = 200'000;
  static constexpr size_t kMaxReplyBytes = size_t{2} << 20;

  // `max_others` and `max_reply_bytes` are for tests; the cloud uses the defaults.
  explicit EventLog(size_t max_others = kMaxOthers, size_t max_reply_bytes = kMaxReplyBytes);

  // Keeps `e` in time order (t_us; ties keep arrival order). Its data_json must be a JSON object
  // (anything else is kept as {"text": data_json}).
  void add(const Event& e);

  // SYNC's reply (net::CommandKind::Sync): {"events": [{"t_us", "kind", "round", "device",
  // "data": object}...], "next_since_us": int, "more": bool} for events with t_us >= since_us,
  // oldest first, at most about max_reply_bytes (a page never splits events of one t_us, so
  // asking again from next_since_us misses and repeats nothing). An empty page keeps since_us.
  std::string sync(int64_t since_us) const;

  size_t size() const { return m_pinned.size() + m_others.size(); }
  uint64_t dropped() const { return m_dropped; }  // older events forgotten to stay bounded

 private:
  struct Entry {
    int64_t t_us = 0;
    std::string json;  // the event as SYNC sends it
  };
  static void insertSorted(std::deque<Entry>& list, Entry entry);

  size_t m_max_others;
  size_t m_max_reply_bytes;
  std::deque<Entry> m_pinned;  // session_start and device_* : the fleet's membership
  std::deque<Entry> m_others;
  uint64_t m_dropped = 0;
};

}  // namespace cleave::cloud
