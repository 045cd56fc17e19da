#include "store/statement.hpp"

#include <SQLiteCpp/Exception.h>
#include <fmt/format.h>
#include <sqlite3.h>

namespace ankang::store {

namespace {

[[noreturn]] void fail(sqlite3* db, int rc) { throw SQLite::Exception(db, rc); }

}  // namespace

Stmt::Stmt(SQLite::Database& db, std::string_view sql) : m_db(db.getHandle())
{
  const int rc = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
  if (rc != SQLITE_OK) fail(m_db, rc);
}

Stmt::~Stmt() { sqlite3_finalize(m_stmt); }

Stmt::Stmt(Stmt&& other) noexcept : m_stmt(other.m_stmt), m_db(other.m_db) { other.m_stmt = nullptr; }

int Stmt::index(const char* name) const
{
  const int i = sqlite3_bind_parameter_index(m_stmt, name);
  if (i == 0) throw SQLite::Exception(fmt::format("the statement has no parameter {}", name));
  return i;
}

void Stmt::bind(int i, std::string_view text)
{
  // A non-null pointer even for "" so that empty text stays text, not NULL.
  const char* data = text.data() ? text.data() : "";
  const int rc = sqlite3_bind_text(m_stmt, i, data, static_cast<int>(text.size()), SQLITE_STATIC);
  if (rc != SQLITE_OK) fail(m_db, rc);
}

void Stmt::bind(int i, int64_t value)
{
  const int rc = sqlite3_bind_int64(m_stmt, i, value);
  if (rc != SQLITE_OK) fail(m_db, rc);
}

void Stmt::bind_null(int i)
{
  const int rc = sqlite3_bind_null(m_stmt, i);
  if (rc != SQLITE_OK) fail(m_db, rc);
}

void Stmt::bind_text_or_null(int i, std::string_view text)
{
  if (text.empty()) bind_null(i);
  else bind(i, text);
}

bool Stmt::step()
{
  const int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(m_stmt);
  fail(m_db, rc);
}

void Stmt::run()
{
  while (step()) {
  }
}

void Stmt::reset()
{
  sqlite3_reset(m_stmt);
  sqlite3_clear_bindings(m_stmt);
}

bool Stmt::is_null(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }

int64_t Stmt::int64(int col) const { return sqlite3_column_int64(m_stmt, col); }

std::string_view Stmt::text(int col) const
{
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
  if (!p) return {};
  return {p, static_cast<size_t>(sqlite3_column_bytes(m_stmt, col))};
}

int64_t Stmt::last_insert_rowid() const { return sqlite3_last_insert_rowid(m_db); }

int Stmt::changes() const { return sqlite3_changes(m_db); }

std::string DayBounds::sql(std::string_view column) const
{
  std::string out;
  if (!from.empty()) out += fmt::format(" AND {} >= :from", column);
  if (!to.empty()) out += fmt::format(" AND {} <= :to", column);
  return out;
}

void DayBounds::bind(Stmt& s) const
{
  if (!from.empty()) s.bind(":from", from);
  if (!to.empty()) s.bind(":to", to);
}

}  // namespace ankang::store
