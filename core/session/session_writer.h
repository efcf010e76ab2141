// Records one session into its SQLite file: events, metrics, plans, devices, checkpoints.
// Thread contract: one writer thread owns a SessionWriter (and one writer per file); readers may
// open the same file concurrently from any thread or process (WAL).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/session/event.h"
#include "core/session/session_records.h"

namespace cleave {

namespace sqlite {
class Database;
class Statement;
class SqliteError;
}  // namespace sqlite

struct SessionWriterOptions {
  // Refuse to grow the file beyond this many bytes (0: no limit). Writes past it fail like a
  // full disk. Meant for bounded recording on small edge/cloud disks.
  int64_t size_limit_bytes = 0;
};

class SessionWriter {
 public:
  // Creates `path`, or resumes it when it already holds a session of this schema version (the
  // stored SessionInfo is kept, `info` is then ignored). Refuses (SessionError) a file of a newer
  // or unknown version or anything that is not a session. Journal: WAL, synchronous=NORMAL.
  SessionWriter(const std::string& path, const SessionInfo& info,
                SessionWriterOptions options = {});
  // Discards whatever was not committed, exactly like a crash would: call commitRound() first.
  ~SessionWriter();
  SessionWriter(const SessionWriter&) = delete;
  SessionWriter& operator=(const SessionWriter&) = delete;

  const std::string& path() const { return m_path; }
  const SessionInfo& info() const { return m_info; }
  bool resumed() const { return m_resumed; }
  // Largest t_us already in the file when it was opened: a resumed clock continues from here.
  int64_t resumeTimeUs() const { return m_resumeTimeUs; }
  // Newest round whose data is committed (-1: none).
  int lastSafeRound() const { return m_safeRound; }

  // Buffered into the current transaction; nothing is durable until commitRound()/flush().
  // data_json / plan_json / profile_json must be valid JSON ("" stands for {}):
  // std::invalid_argument.
  void appendEvent(const Event& event);
  void recordMetric(const MetricRecord& metric);
  void recordPlan(const PlanRecord& plan);
  void upsertDevice(const DeviceRecord& device);  // by name; first_seen keeps the earliest
  bool hasPending() const;

  // Commits everything buffered as the end of `round`: one transaction per round at most.
  void commitRound(int round);
  // Commits everything buffered without closing a round (session start, shutdown).
  void flush();
  // Stores the checkpoint and commits it together with everything buffered for its round.
  void writeCheckpoint(int round, int64_t t_us, const Weights& weights,
                       const std::string& plan_json);
  std::optional<Checkpoint> latestCheckpoint();

  // Changes the size limit (0: none), e.g. after the operator freed disk space.
  void setSizeLimit(int64_t bytes);

  // On a failed write every method above rolls the open transaction back and throws
  // SessionError("disk full while writing FILE: round 12 not recorded; rounds up to 11 are safe
  // (...)"); the writer stays usable and the file consistent.

 private:
  void beginIfNeeded();
  void noteRound(int round);
  void commitPending(int round);
  [[noreturn]] void failWrite(const sqlite::SqliteError& error);
  template <typename F>
  void guarded(F&& write);

  std::string m_path;
  SessionInfo m_info;
  bool m_resumed = false;
  int64_t m_resumeTimeUs = 0;
  int m_safeRound = -1;
  int m_pendingRound = -1;
  bool m_pending = false;
  std::unique_ptr<sqlite::Database> m_db;
  std::unique_ptr<sqlite::Statement> m_insertEvent;
  std::unique_ptr<sqlite::Statement> m_insertMetric;
  std::unique_ptr<sqlite::Statement> m_insertPlan;
  std::unique_ptr<sqlite::Statement> m_upsertDevice;
  std::unique_ptr<sqlite::Statement> m_insertCheckpoint;
};

}  // namespace cleave
