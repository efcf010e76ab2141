#include "core/session/session_writer.h"

#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/session/session_error.h"
#include "core/session/session_queries.h"
#include "core/session/session_schema.h"
#include "core/session/sqlite_db.h"
#include "core/session/weights_blob.h"

namespace cleave {
namespace {

std::string nowIsoUtc() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// Validated JSON text, with "" meaning an empty object so readers can always parse the column.
std::string jsonField(const std::string& text, const std::string& what) {
  if (text.empty()) return "{}";
  if (!nlohmann::json::accept(text))
    throw std::invalid_argument(what + " is not valid JSON: '" + text.substr(0, 80) + "'");
  return text;
}

std::string failureName(int code) {
  switch (code) {
    case SQLITE_FULL:
      return "disk full";
    case SQLITE_IOERR:
      return "I/O error";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "session file locked by another process";
    case SQLITE_READONLY:
      return "file is read-only";
    default:
      return "database error";
  }
}

void applySizeLimit(sqlite::Database& db, int64_t bytes) {
  const auto pageSize = db.pragmaInt("PRAGMA page_size");
  // SQLite's own ceiling; it never shrinks the limit below the current file size.
  const int64_t pages = bytes > 0 ? (bytes + pageSize - 1) / pageSize : 0xfffffffe;
  db.pragmaInt("PRAGMA max_page_count = " + std::to_string(pages));
}

}  // namespace

SessionWriter::SessionWriter(const std::string& path, const SessionInfo& info,
                             SessionWriterOptions options)
    : m_path(path) {
  try {
    m_db = std::make_unique<sqlite::Database>(path, sqlite::Database::Mode::ReadWriteCreate);
    if (isEmptyDatabase(*m_db)) {
      SessionInfo fresh = info;
      if (fresh.created.empty()) fresh.created = nowIsoUtc();
      fresh.model_spec_json = jsonField(fresh.model_spec_json, "model spec");
      fresh.settings_json = jsonField(fresh.settings_json, "settings");
      m_db->exec("PRAGMA journal_mode = WAL");
      createSessionSchema(*m_db, fresh);
    } else {
      validateSessionSchema(*m_db, path);
      m_db->exec("PRAGMA journal_mode = WAL");
      m_resumed = true;
    }
    // NORMAL in WAL mode: a power cut may lose the last commit, never corrupt the file.
    m_db->exec("PRAGMA synchronous = NORMAL");
    applySizeLimit(*m_db, options.size_limit_bytes);
    m_info = readSessionInfo(*m_db);
    m_resumeTimeUs = lastTimeUs(*m_db);
    m_safeRound = lastRecordedRound(*m_db);
    m_insertEvent = m_db->prepare(
        "INSERT INTO events(t_us, kind, round, device, data_json) VALUES(?, ?, ?, ?, ?)");
    m_insertMetric = m_db->prepare(
        "INSERT INTO metrics(round, device, name, value, t_us) VALUES(?, ?, ?, ?, ?)");
    m_insertPlan = m_db->prepare("INSERT INTO plans(round, t_us, plan_json) VALUES(?, ?, ?)");
    m_upsertDevice = m_db->prepare(
        "INSERT INTO devices(name, role, key_fingerprint, profile_json, first_seen_us,"
        " last_seen_us, status) VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET"
        " role = excluded.role, key_fingerprint = excluded.key_fingerprint,"
        " profile_json = excluded.profile_json,"
        " first_seen_us = min(first_seen_us, excluded.first_seen_us),"
        " last_seen_us = max(last_seen_us, excluded.last_seen_us), status = excluded.status");
    m_insertCheckpoint = m_db->prepare(
        "INSERT OR REPLACE INTO checkpoints(round, t_us, plan_json, weights) VALUES(?, ?, ?, ?)");
  } catch (const sqlite::SqliteError& error) {
    throw SessionError("cannot open session file " + path + " for writing: " + error.what());
  }
}

SessionWriter::~SessionWriter() {
  try {
    if (m_db && m_db->inTransaction()) m_db->exec("ROLLBACK");
  } catch (...) {  // a destructor must not throw; the file is consistent either way
  }
}

bool SessionWriter::hasPending() const {
  return m_pending;
}

void SessionWriter::beginIfNeeded() {
  if (!m_db->inTransaction()) {
    m_db->exec("BEGIN IMMEDIATE");
    m_pendingRound = -1;
  }
  m_pending = true;
}

void SessionWriter::noteRound(int round) {
  m_pendingRound = std::max(m_pendingRound, round);
}

void SessionWriter::failWrite(const sqlite::SqliteError& error) {
  try {
    if (m_db->inTransaction()) m_db->exec("ROLLBACK");
  } catch (const sqlite::SqliteError&) {  // SQLite may have rolled back already
  }
  m_pending = false;
  // Data for an already committed round (late events) must not claim that round is lost.
  const std::string lost =
      m_pendingRound < 0 ? "pending events not recorded"
      : m_pendingRound > m_safeRound
          ? "round " + std::to_string(m_pendingRound) + " not recorded"
          : "late data of round " + std::to_string(m_pendingRound) + " not recorded";
  const std::string safe = m_safeRound >= 0
                               ? "rounds up to " + std::to_string(m_safeRound) + " are safe"
                               : "no round was recorded yet";
  m_pendingRound = -1;
  throw SessionError(failureName(error.code()) + " while writing " + m_path + ": " + lost + "; " +
                     safe + " (" + error.what() + ")");
}

template <typename F>
void SessionWriter::guarded(F&& write) {
  try {
    write();
  } catch (const sqlite::SqliteError& error) {
    failWrite(error);
  }
}

void SessionWriter::appendEvent(const Event& event) {
  if (event.kind.empty())
    throw std::invalid_argument("event at t_us " + std::to_string(event.t_us) + " has no kind");
  const auto data = jsonField(
      event.data_json, "data of event '" + event.kind + "' at t_us " + std::to_string(event.t_us));
  guarded([&] {
    beginIfNeeded();
    noteRound(event.round);
    m_insertEvent->bind(1, event.t_us)
        .bind(2, event.kind)
        .bind(3, event.round)
        .bind(4, event.device)
        .bind(5, data)
        .run();
  });
}

void SessionWriter::recordMetric(const MetricRecord& metric) {
  if (metric.name.empty())
    throw std::invalid_argument("metric of round " + std::to_string(metric.round) + " has no name");
  guarded([&] {
    beginIfNeeded();
    noteRound(metric.round);
    m_insertMetric->bind(1, metric.round)
        .bind(2, metric.device)
        .bind(3, metric.name)
        .bind(4, metric.value)
        .bind(5, metric.t_us)
        .run();
  });
}

void SessionWriter::recordPlan(const PlanRecord& plan) {
  const auto json = jsonField(plan.plan_json, "plan of round " + std::to_string(plan.round));
  guarded([&] {
    beginIfNeeded();
    noteRound(plan.round);
    m_insertPlan->bind(1, plan.round).bind(2, plan.t_us).bind(3, json).run();
  });
}

void SessionWriter::upsertDevice(const DeviceRecord& device) {
  if (device.name.empty()) throw std::invalid_argument("device record without a name");
  const auto profile = jsonField(device.profile_json, "profile of device '" + device.name + "'");
  guarded([&] {
    beginIfNeeded();
    m_upsertDevice->bind(1, device.name)
        .bind(2, device.role)
        .bind(3, device.key_fingerprint)
        .bind(4, profile)
        .bind(5, device.first_seen_us)
        .bind(6, device.last_seen_us)
        .bind(7, device.status)
        .run();
  });
}

void SessionWriter::commitPending(int round) {
  guarded([&] {
    noteRound(round);
    if (m_db->inTransaction()) m_db->exec("COMMIT");
    m_pending = false;
    m_safeRound = std::max(m_safeRound, m_pendingRound);
    m_pendingRound = -1;
  });
}

void SessionWriter::commitRound(int round) {
  commitPending(round);
}

void SessionWriter::flush() {
  commitPending(-1);
}

void SessionWriter::writeCheckpoint(int round, int64_t t_us, const Weights& weights,
                                    const std::string& plan_json) {
  const auto json =
      jsonField(plan_json, "plan of the round " + std::to_string(round) + " checkpoint");
  const auto blob = encodeWeightsBlob(weights);
  guarded([&] {
    beginIfNeeded();
    noteRound(round);
    m_insertCheckpoint->bind(1, round).bind(2, t_us).bind(3, json).bindBlob(4, blob).run();
  });
  commitPending(round);
}

std::optional<Checkpoint> SessionWriter::latestCheckpoint() {
  try {
    return loadCheckpoint(*m_db, m_path, latestCheckpointRound(*m_db));
  } catch (const sqlite::SqliteError& error) {
    throw SessionError("cannot read checkpoints of " + m_path + ": " + error.what());
  }
}

void SessionWriter::setSizeLimit(int64_t bytes) {
  try {
    applySizeLimit(*m_db, bytes);
  } catch (const sqlite::SqliteError& error) {
    throw SessionError("cannot change the size limit of " + m_path + ": " + error.what());
  }
}

}  // namespace cleave
