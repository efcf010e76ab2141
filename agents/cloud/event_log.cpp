#include "agents/cloud/event_log.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>

namespace cleave::cloud {

namespace {

using Json = nlohmann::json;

bool pinned(const std::string& kind) {
  return kind == event_kind::kSessionStart || std::string_view(kind).starts_with("device_");
}

}  // namespace

EventLog::EventLog(size_t max_others, size_t max_reply_bytes)
    : m_max_others(std::max<size_t>(1, max_others)), m_max_reply_bytes(max_reply_bytes) {}

void EventLog::insertSorted(std::deque<Entry>& list, Entry entry) {
  // Almost always the newest: search from the back.
  auto at = list.end();
  while (at != list.begin() && std::prev(at)->t_us > entry.t_us)
    --at;
  list.insert(at, std::move(entry));
}

void EventLog::add(const Event& e) {
  Json data = Json::parse(e.data_json.empty() ? std::string("{}") : e.data_json, nullptr, false);
  if (data.is_discarded() || !data.is_object()) data = Json{{"text", e.data_json}};
  Entry entry{e.t_us, Json{{"t_us", e.t_us},
                           {"kind", e.kind},
                           {"round", e.round},
                           {"device", e.device},
                           {"data", std::move(data)}}
                          .dump(-1, ' ', false, Json::error_handler_t::replace)};
  if (pinned(e.kind)) {
    insertSorted(m_pinned, std::move(entry));
    return;
  }
  insertSorted(m_others, std::move(entry));
  while (m_others.size() > m_max_others) {
    m_others.pop_front();
    ++m_dropped;
  }
}

std::string EventLog::sync(int64_t since_us) const {
  auto byTime = [](const Entry& e, int64_t t) { return e.t_us < t; };
  auto p = std::lower_bound(m_pinned.begin(), m_pinned.end(), since_us, byTime);
  auto o = std::lower_bound(m_others.begin(), m_others.end(), since_us, byTime);
  std::string events = "[";
  size_t bytes = 0;
  int64_t last_t = since_us - 1;
  bool any = false;
  bool more = false;
  while (p != m_pinned.end() || o != m_others.end()) {
    const bool take_pinned = o == m_others.end() || (p != m_pinned.end() && p->t_us <= o->t_us);
    const Entry& next = take_pinned ? *p : *o;
    // Full: stop, but only between two times, so a page holds every event of its last t_us.
    if (any && bytes + next.json.size() > m_max_reply_bytes && next.t_us != last_t) {
      more = true;
      break;
    }
    if (any) events += ',';
    events += next.json;
    bytes += next.json.size() + 1;
    last_t = next.t_us;
    any = true;
    if (take_pinned) {
      ++p;
    } else {
      ++o;
    }
  }
  events += ']';
  return "{\"events\":" + events +
         ",\"next_since_us\":" + std::to_string(any ? last_t + 1 : since_us) +
         ",\"more\":" + (more ? "true" : "false") + "}";
}

}  // namespace cleave::cloud
