// Thin RAII wrapper over one sqlite3 connection and its prepared statements (internal to
// core/session). Not thread-safe: a connection and its statements belong to one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace cleave::sqlite {

// A failed SQLite call: the primary result code (SQLITE_FULL, SQLITE_IOERR...) and SQLite's text.
class SqliteError : public std::runtime_error {
 public:
  SqliteError(int code, const std::string& message) : std::runtime_error(message), m_code(code) {}
  int code() const { return m_code; }  // primary code (extended code & 0xff)

 private:
  int m_code;
};

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binding is 1-based like SQLite; strings and blobs are copied (SQLITE_TRANSIENT).
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bindBlob(int index, std::span<const uint8_t> bytes);

  bool step();   // true while a row is available; throws SqliteError on failure
  void run();    // step to completion, then reset (for INSERT/UPDATE)
  void reset();  // ready for new bindings; also clears a failed step

  int64_t int64Column(int column) const;
  double doubleColumn(int column) const;
  std::string textColumn(int column) const;
  std::span<const uint8_t> blobColumn(int column) const;  // valid until the next step/reset
  bool isNull(int column) const;

 private:
  sqlite3* m_db;
  sqlite3_stmt* m_stmt = nullptr;
};

class Database {
 public:
  enum class Mode { ReadOnly, ReadWriteCreate };
  Database(const std::string& path, Mode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);  // one or more statements, no results
  std::unique_ptr<Statement> prepare(std::string_view sql) const;
  int64_t pragmaInt(std::string_view pragma);  // "PRAGMA user_version" -> its value
  bool inTransaction() const;
  sqlite3* handle() const { return m_db; }

 private:
  sqlite3* m_db = nullptr;
};

// Throws SqliteError with the connection's message when rc is not OK/ROW/DONE.
void check(sqlite3* db, int rc, std::string_view what);

}  // namespace cleave::sqlite
