// The session file's schema: its version, how a new file is laid out, how an opened file is
// checked. Internal to core/session; docs/SESSION_FORMAT.md is the reference. Not thread-safe (a
// connection).
#pragma once

#include <string>

#include "core/session/session_records.h"
#include "core/session/sqlite_db.h"

namespace cleave {

// Bumped on any incompatible change; stored in PRAGMA user_version and meta.schema_version.
inline constexpr int kSessionSchemaVersion = 1;

// Creates every table and index and writes the meta rows, in one transaction.
void createSessionSchema(sqlite::Database& db, const SessionInfo& info);

// Checks user_version against meta and this build; throws SessionError naming `path` when the
// file is not a session file or was written by a newer/unknown version.
void validateSessionSchema(sqlite::Database& db, const std::string& path);

// True when the file has no tables at all (freshly created or zero-length).
bool isEmptyDatabase(sqlite::Database& db);

}  // namespace cleave
