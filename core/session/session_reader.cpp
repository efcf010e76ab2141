#include "core/session/session_reader.h"

#include <filesystem>

#include "core/session/session_error.h"
#include "core/session/session_queries.h"
#include "core/session/session_schema.h"
#include "core/session/sqlite_db.h"

namespace cleave {

SessionReader::SessionReader(const std::string& path) : m_path(path) {
  // SQLite would report a missing read-only file as "unable to open"; say what is wrong.
  if (!std::filesystem::exists(path))
    throw SessionError("session file " + path + " does not exist");
  try {
    m_db = std::make_unique<sqlite::Database>(path, sqlite::Database::Mode::ReadOnly);
    validateSessionSchema(*m_db, path);
    m_info = readSessionInfo(*m_db);
  } catch (const sqlite::SqliteError& error) {
    throw SessionError("cannot read session file " + path + ": " + error.what());
  }
}

SessionReader::~SessionReader() = default;

template <typename F>
auto SessionReader::query(const char* what, F&& run) const {
  try {
    return run();
  } catch (const sqlite::SqliteError& error) {
    throw SessionError("cannot read " + std::string(what) + " from " + m_path + ": " +
                       error.what());
  }
}

std::vector<DeviceRecord> SessionReader::devices() const {
  return query("devices", [&] {
    std::vector<DeviceRecord> out;
    auto statement = m_db->prepare(
        "SELECT name, role, key_fingerprint, profile_json, first_seen_us, last_seen_us, status"
        " FROM devices ORDER BY first_seen_us, name");
    while (statement->step())
      out.push_back({statement->textColumn(0), statement->textColumn(1), statement->textColumn(2),
                     statement->textColumn(3), statement->int64Column(4), statement->int64Column(5),
                     statement->textColumn(6)});
    return out;
  });
}

void SessionReader::forEachEvent(const EventQuery& filter,
                                 const std::function<bool(const Event&)>& visit) const {
  query("events", [&] {
    auto statement = m_db->prepare(
        "SELECT t_us, kind, round, device, data_json FROM events WHERE t_us >= ?1 AND t_us < ?2"
        " AND (?3 IS NULL OR kind = ?3) AND (?4 IS NULL OR round = ?4) ORDER BY t_us, seq");
    statement->bind(1, filter.from_us).bind(2, filter.to_us);
    if (filter.kind) statement->bind(3, *filter.kind);
    if (filter.round) statement->bind(4, *filter.round);
    while (statement->step()) {
      const Event event{statement->int64Column(0), statement->textColumn(1),
                        static_cast<int>(statement->int64Column(2)), statement->textColumn(3),
                        statement->textColumn(4)};
      if (!visit(event)) break;
    }
    return 0;
  });
}

std::vector<Event> SessionReader::events(const EventQuery& filter) const {
  std::vector<Event> out;
  forEachEvent(filter, [&](const Event& event) {
    out.push_back(event);
    return true;
  });
  return out;
}

std::optional<std::pair<int64_t, int64_t>> SessionReader::eventTimeRange() const {
  return query("events", [&]() -> std::optional<std::pair<int64_t, int64_t>> {
    auto statement = m_db->prepare("SELECT min(t_us), max(t_us) FROM events");
    if (!statement->step() || statement->isNull(0)) return std::nullopt;
    return std::pair{statement->int64Column(0), statement->int64Column(1)};
  });
}

std::vector<MetricRecord> SessionReader::metrics(const MetricQuery& filter) const {
  return query("metrics", [&] {
    std::vector<MetricRecord> out;
    auto statement = m_db->prepare(
        "SELECT round, device, name, value, t_us FROM metrics WHERE (?1 IS NULL OR round = ?1)"
        " AND (?2 IS NULL OR device = ?2) AND (?3 IS NULL OR name = ?3) ORDER BY round, seq");
    if (filter.round) statement->bind(1, *filter.round);
    if (filter.device) statement->bind(2, *filter.device);
    if (filter.name) statement->bind(3, *filter.name);
    while (statement->step())
      out.push_back({static_cast<int>(statement->int64Column(0)), statement->textColumn(1),
                     statement->textColumn(2), statement->doubleColumn(3),
                     statement->int64Column(4)});
    return out;
  });
}

std::vector<PlanRecord> SessionReader::plans() const {
  return query("plans", [&] {
    std::vector<PlanRecord> out;
    auto statement = m_db->prepare("SELECT round, t_us, plan_json FROM plans ORDER BY round, seq");
    while (statement->step())
      out.push_back({static_cast<int>(statement->int64Column(0)), statement->int64Column(1),
                     statement->textColumn(2)});
    return out;
  });
}

std::vector<CheckpointInfo> SessionReader::checkpoints() const {
  return query("checkpoints", [&] { return listCheckpoints(*m_db); });
}

std::optional<Checkpoint> SessionReader::loadCheckpoint(int round) const {
  return query("checkpoints", [&] { return cleave::loadCheckpoint(*m_db, m_path, round); });
}

std::optional<Checkpoint> SessionReader::latestCheckpoint() const {
  return query("checkpoints",
               [&] { return cleave::loadCheckpoint(*m_db, m_path, latestCheckpointRound(*m_db)); });
}

}  // namespace cleave
