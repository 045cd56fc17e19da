#pragma once
// A thin prepared statement on the raw SQLite API, for the hot paths (imports of 10^6 rows):
// text is bound without copying (the caller keeps it alive until the step), parameter indexes
// are looked up once, and a statement is reset and reused instead of prepared per row.
// Failures throw SQLite::Exception, like SQLiteCpp, so store::rethrow_sqlite handles both.
#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct sqlite3_stmt;
struct sqlite3;

namespace ankang::store {

class Stmt {
public:
  Stmt(SQLite::Database& db, std::string_view sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt(Stmt&& other) noexcept;
  Stmt& operator=(Stmt&&) = delete;

  // The index of a named parameter (":name"); throws if the statement has none of that name.
  int index(const char* name) const;

  // Text is bound without a copy: keep it alive until the statement has stepped.
  void bind(int i, std::string_view text);
  void bind(int i, int64_t value);
  void bind_null(int i);
  // Empty text binds NULL: the store's convention for optional text columns.
  void bind_text_or_null(int i, std::string_view text);
  template <class T>
  void bind_optional(int i, const std::optional<T>& value)
  {
    if (value) bind(i, *value);
    else bind_null(i);
  }

  void bind(const char* name, std::string_view text) { bind(index(name), text); }
  void bind(const char* name, int64_t value) { bind(index(name), value); }
  void bind_null(const char* name) { bind_null(index(name)); }
  void bind_text_or_null(const char* name, std::string_view text) { bind_text_or_null(index(name), text); }

  // Steps once: true when a row is available.
  bool step();
  // Steps to completion (INSERT/UPDATE).
  void run();
  // Ready for the next use: reset and every parameter back to NULL.
  void reset();

  bool is_null(int col) const;
  int64_t int64(int col) const;
  std::string_view text(int col) const;  // valid until the next step or reset
  std::string str(int col) const { return std::string(text(col)); }

  int64_t last_insert_rowid() const;
  int changes() const;

private:
  sqlite3_stmt* m_stmt = nullptr;
  sqlite3* m_db = nullptr;
};

// Every row the statement yields, each made by `from_row` (the store's one row-to-struct function).
template <class FromRow>
auto all_rows(Stmt& s, FromRow&& from_row)
{
  std::vector<std::decay_t<decltype(from_row(std::as_const(s)))>> out;
  while (s.step()) out.push_back(from_row(std::as_const(s)));
  return out;
}

// A range of ISO days on one column, either end open when empty: the WHERE terms
// (" AND column >= :from AND column <= :to") and their binding. The texts are bound without a
// copy: keep the range alive until the statement has stepped.
struct DayBounds {
  std::string from, to;
  std::string sql(std::string_view column) const;
  void bind(Stmt& s) const;
};

}  // namespace ankang::store
