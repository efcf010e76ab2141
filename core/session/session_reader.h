// Read-only view of a session file, also while a SessionWriter is recording it (WAL).
// Thread contract: one thread per SessionReader; open one reader per thread that needs one.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/session/event.h"
#include "core/session/session_records.h"

namespace cleave {

namespace sqlite {
class Database;
}

// Which events to read: [from_us, to_us) in time order, optionally one kind / one round.
struct EventQuery {
  int64_t from_us = std::numeric_limits<int64_t>::min();
  int64_t to_us = std::numeric_limits<int64_t>::max();
  std::optional<std::string> kind;
  std::optional<int> round;
};

// Which metrics to read; unset fields match everything. Ordered by round, then insertion.
struct MetricQuery {
  std::optional<int> round;
  std::optional<std::string> device;
  std::optional<std::string> name;
};

class SessionReader {
 public:
  // Throws SessionError when the file is missing, not a session, or of another schema version.
  explicit SessionReader(const std::string& path);
  ~SessionReader();
  SessionReader(const SessionReader&) = delete;
  SessionReader& operator=(const SessionReader&) = delete;

  const std::string& path() const { return m_path; }
  const SessionInfo& info() const { return m_info; }

  // Every query sees the data committed when it starts (never a round in flight).
  std::vector<DeviceRecord> devices() const;
  std::vector<Event> events(const EventQuery& query = {}) const;
  // Streams events in time order (t_us, then recording order); stop early by returning false.
  void forEachEvent(const EventQuery& query, const std::function<bool(const Event&)>& visit) const;
  // {first, last} event t_us, or nullopt for a session without events.
  std::optional<std::pair<int64_t, int64_t>> eventTimeRange() const;
  std::vector<MetricRecord> metrics(const MetricQuery& query = {}) const;
  std::vector<PlanRecord> plans() const;
  std::vector<CheckpointInfo> checkpoints() const;
  std::optional<Checkpoint> loadCheckpoint(int round) const;
  std::optional<Checkpoint> latestCheckpoint() const;

 private:
  template <typename F>
  auto query(const char* what, F&& run) const;

  std::string m_path;
  SessionInfo m_info;
  std::unique_ptr<sqlite::Database> m_db;
};

}  // namespace cleave
