#include "core/session/session_queries.h"

#include "core/session/session_error.h"
#include "core/session/weights_blob.h"

namespace cleave {

SessionInfo readSessionInfo(sqlite::Database& db) {
  SessionInfo info;
  auto statement = db.prepare("SELECT key, value FROM meta");
  while (statement->step()) {
    const auto key = statement->textColumn(0);
    auto value = statement->textColumn(1);
    if (key == "created") info.created = std::move(value);
    if (key == "model_spec") info.model_spec_json = std::move(value);
    if (key == "use_case") info.use_case = std::move(value);
    if (key == "settings") info.settings_json = std::move(value);
    if (key == "schema_version") info.schema_version = std::stoi(value);
  }
  return info;
}

std::vector<CheckpointInfo> listCheckpoints(sqlite::Database& db) {
  std::vector<CheckpointInfo> out;
  auto statement =
      db.prepare("SELECT round, t_us, plan_json, length(weights) FROM checkpoints ORDER BY round");
  while (statement->step())
    out.push_back({static_cast<int>(statement->int64Column(0)), statement->int64Column(1),
                   statement->textColumn(2), statement->int64Column(3)});
  return out;
}

std::optional<Checkpoint> loadCheckpoint(sqlite::Database& db, const std::string& path, int round) {
  auto statement =
      db.prepare("SELECT round, t_us, plan_json, weights FROM checkpoints WHERE round = ?");
  statement->bind(1, round);
  if (!statement->step()) return std::nullopt;
  Checkpoint checkpoint;
  checkpoint.round = static_cast<int>(statement->int64Column(0));
  checkpoint.t_us = statement->int64Column(1);
  checkpoint.plan_json = statement->textColumn(2);
  try {
    checkpoint.weights = decodeWeightsBlob(statement->blobColumn(3));
  } catch (const SessionError& error) {
    throw SessionError(path + ": checkpoint of round " + std::to_string(round) +
                       " cannot be loaded: " + error.what());
  }
  return checkpoint;
}

int latestCheckpointRound(sqlite::Database& db) {
  auto statement = db.prepare("SELECT coalesce(max(round), -1) FROM checkpoints");
  return statement->step() ? static_cast<int>(statement->int64Column(0)) : -1;
}

int64_t lastTimeUs(sqlite::Database& db) {
  auto statement = db.prepare(
      "SELECT max(coalesce((SELECT max(t_us) FROM events), 0),"
      " coalesce((SELECT max(t_us) FROM metrics), 0), coalesce((SELECT max(t_us) FROM plans), 0),"
      " coalesce((SELECT max(t_us) FROM checkpoints), 0),"
      " coalesce((SELECT max(last_seen_us) FROM devices), 0))");
  return statement->step() ? statement->int64Column(0) : 0;
}

int lastRecordedRound(sqlite::Database& db) {
  auto statement = db.prepare(
      "SELECT max(coalesce((SELECT max(round) FROM events), -1),"
      " coalesce((SELECT max(round) FROM metrics), -1), coalesce((SELECT max(round) FROM plans), "
      "-1),"
      " coalesce((SELECT max(round) FROM checkpoints), -1))");
  return statement->step() ? static_cast<int>(statement->int64Column(0)) : -1;
}

}  // namespace cleave
