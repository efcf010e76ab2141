#include "core/session/session_schema.h"

#include "core/session/session_error.h"

namespace cleave {
namespace {

// NOT NULL everywhere: "no round" is -1 and "no device" is "", so readers never meet NULL.
constexpr const char* kCreateTables = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE devices(name TEXT PRIMARY KEY, role TEXT NOT NULL, key_fingerprint TEXT NOT NULL,
  profile_json TEXT NOT NULL, first_seen_us INTEGER NOT NULL, last_seen_us INTEGER NOT NULL,
  status TEXT NOT NULL);
CREATE TABLE events(seq INTEGER PRIMARY KEY, t_us INTEGER NOT NULL, kind TEXT NOT NULL,
  round INTEGER NOT NULL, device TEXT NOT NULL, data_json TEXT NOT NULL);
CREATE INDEX events_by_time ON events(t_us, seq);
CREATE TABLE metrics(seq INTEGER PRIMARY KEY, round INTEGER NOT NULL, device TEXT NOT NULL,
  name TEXT NOT NULL, value REAL NOT NULL, t_us INTEGER NOT NULL);
CREATE INDEX metrics_by_round ON metrics(round, device, name);
CREATE TABLE plans(seq INTEGER PRIMARY KEY, round INTEGER NOT NULL, t_us INTEGER NOT NULL,
  plan_json TEXT NOT NULL);
CREATE TABLE checkpoints(round INTEGER PRIMARY KEY, t_us INTEGER NOT NULL,
  plan_json TEXT NOT NULL, weights BLOB NOT NULL);
)sql";

}  // namespace

bool isEmptyDatabase(sqlite::Database& db) {
  auto statement = db.prepare("SELECT count(*) FROM sqlite_schema");
  return statement->step() && statement->int64Column(0) == 0;
}

void createSessionSchema(sqlite::Database& db, const SessionInfo& info) {
  db.exec("BEGIN IMMEDIATE");
  try {
    db.exec(kCreateTables);
    auto insert = db.prepare("INSERT INTO meta(key, value) VALUES(?, ?)");
    const std::pair<const char*, std::string> rows[] = {
        {"schema_version", std::to_string(kSessionSchemaVersion)},
        {"created", info.created},
        {"model_spec", info.model_spec_json},
        {"use_case", info.use_case},
        {"settings", info.settings_json},
    };
    for (const auto& [key, value] : rows)
      insert->bind(1, key).bind(2, value).run();
    db.exec("PRAGMA user_version = " + std::to_string(kSessionSchemaVersion));
    db.exec("COMMIT");
  } catch (...) {
    if (db.inTransaction()) db.exec("ROLLBACK");
    throw;
  }
}

void validateSessionSchema(sqlite::Database& db, const std::string& path) {
  const auto version = db.pragmaInt("PRAGMA user_version");
  if (version == 0) throw SessionError(path + " is not a Cleave session file (no schema version)");
  if (version > kSessionSchemaVersion)
    throw SessionError(path + " was written with session schema version " +
                       std::to_string(version) + "; this build reads up to version " +
                       std::to_string(kSessionSchemaVersion) + " - use a newer cleave");
  if (version < kSessionSchemaVersion)
    throw SessionError(path + " has session schema version " + std::to_string(version) +
                       ", which this build no longer reads (expected " +
                       std::to_string(kSessionSchemaVersion) + ")");
  std::string stored;
  try {
    auto statement = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'");
    if (statement->step()) stored = statement->textColumn(0);
  } catch (const sqlite::SqliteError& error) {
    throw SessionError(path + " is not a Cleave session file: " + error.what());
  }
  if (stored != std::to_string(version))
    throw SessionError(path + " is inconsistent: user_version " + std::to_string(version) +
                       " but meta.schema_version '" + stored + "'");
}

}  // namespace cleave
