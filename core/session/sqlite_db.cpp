#include "core/session/sqlite_db.h"

#include <sqlite3.h>

namespace cleave::sqlite {

void check(sqlite3* db, int rc, std::string_view what) {
  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
  const char* detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  throw SqliteError(rc & 0xff, std::string(what) + ": " + detail);
}

Statement::Statement(sqlite3* db, std::string_view sql) : m_db(db) {
  check(db, sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr),
        "prepare '" + std::string(sql) + "'");
}

Statement::~Statement() {
  sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, int64_t value) {
  check(m_db, sqlite3_bind_int64(m_stmt, index, value), "bind");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  check(m_db, sqlite3_bind_double(m_stmt, index, value), "bind");
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  check(m_db,
        sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
        "bind");
  return *this;
}

Statement& Statement::bindBlob(int index, std::span<const uint8_t> bytes) {
  // A zero-length blob must still be a blob, not NULL: pass a valid pointer.
  static const uint8_t kEmpty = 0;
  check(m_db,
        sqlite3_bind_blob64(m_stmt, index, bytes.empty() ? &kEmpty : bytes.data(), bytes.size(),
                            SQLITE_TRANSIENT),
        "bind");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const int code = rc;  // prepare_v2 statements return the specific (extended) code
  const std::string message = sqlite3_errmsg(m_db);
  sqlite3_reset(m_stmt);
  throw SqliteError(code & 0xff, message);
}

void Statement::run() {
  try {
    while (step()) {
    }
  } catch (...) {
    reset();
    throw;
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(m_stmt);
  sqlite3_clear_bindings(m_stmt);
}

int64_t Statement::int64Column(int column) const {
  return sqlite3_column_int64(m_stmt, column);
}

double Statement::doubleColumn(int column) const {
  return sqlite3_column_double(m_stmt, column);
}

std::string Statement::textColumn(int column) const {
  const auto* text = sqlite3_column_text(m_stmt, column);
  const int size = sqlite3_column_bytes(m_stmt, column);
  return text ? std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size)) : "";
}

std::span<const uint8_t> Statement::blobColumn(int column) const {
  const auto* data = static_cast<const uint8_t*>(sqlite3_column_blob(m_stmt, column));
  const int size = sqlite3_column_bytes(m_stmt, column);
  return data ? std::span<const uint8_t>(data, static_cast<size_t>(size))
              : std::span<const uint8_t>();
}

bool Statement::isNull(int column) const {
  return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

Database::Database(const std::string& path, Mode mode) {
  const int flags =
      mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &m_db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    const std::string detail = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
    sqlite3_close(m_db);
    m_db = nullptr;
    throw SqliteError(rc & 0xff, detail);
  }
  sqlite3_extended_result_codes(m_db, 1);
  // Readers and the writer share the file; wait briefly for a checkpoint instead of failing.
  sqlite3_busy_timeout(m_db, 2000);
}

Database::~Database() {
  sqlite3_close_v2(m_db);
}

void Database::exec(std::string_view sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(m_db, std::string(sql).c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    const std::string message = error ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    throw SqliteError(sqlite3_errcode(m_db) & 0xff, message);
  }
}

std::unique_ptr<Statement> Database::prepare(std::string_view sql) const {
  return std::make_unique<Statement>(m_db, sql);
}

int64_t Database::pragmaInt(std::string_view pragma) {
  Statement statement(m_db, pragma);
  return statement.step() ? statement.int64Column(0) : 0;
}

bool Database::inTransaction() const {
  return sqlite3_get_autocommit(m_db) == 0;
}

}  // namespace cleave::sqlite
