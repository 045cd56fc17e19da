#pragma once
// Statements prepared once per store object and reused: an import of 20,000 enterprises used to
// spend most of its time in sqlite3_prepare_v2, preparing the same five statements per row.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ankang::store {

class StatementCache {
public:
  explicit StatementCache(SQLite::Database& db) : m_db(db) {}
  // The statement for `sql`, prepared on first use; reset, with every parameter NULL. Looked up
  // by view: a call with a literal allocates nothing once the statement is prepared.
  SQLite::Statement& get(std::string_view sql)
  {
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
      it = m_statements.emplace(std::string(sql), std::make_unique<SQLite::Statement>(m_db, std::string(sql))).first;
    } else {
      it->second->reset();
      it->second->clearBindings();
    }
    return *it->second;
  }

private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  SQLite::Database& m_db;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>, Hash, std::equal_to<>> m_statements;
};

}  // namespace ankang::store
