// Queries both SessionReader and SessionWriter run (info, checkpoints, resume points).
// Internal to core/session. Not thread-safe (a connection). Throw SessionError naming `path`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/session/session_records.h"
#include "core/session/sqlite_db.h"

namespace cleave {

SessionInfo readSessionInfo(sqlite::Database& db);
std::vector<CheckpointInfo> listCheckpoints(sqlite::Database& db);
std::optional<Checkpoint> loadCheckpoint(sqlite::Database& db, const std::string& path, int round);
// Round of the newest checkpoint, or -1.
int latestCheckpointRound(sqlite::Database& db);
// Largest t_us stored in any table (0 for an empty session): where a resumed clock continues.
int64_t lastTimeUs(sqlite::Database& db);
// Largest round number stored in any table, or -1.
int lastRecordedRound(sqlite::Database& db);

}  // namespace cleave
