#pragma once
// Statements prepared once per store object and reused: an import of 20,000 enterprises used to
// spend most of its time in sqlite3_prepare_v2, preparing the same five statements per row.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <memory>
#include <string>
#include <unordered_map>

namespace ankang::store {

class StatementCache {
public:
  explicit StatementCache(SQLite::Database& db) : m_db(db) {}
  // The statement for `sql`, prepared on first use; reset, with every parameter NULL.
  SQLite::Statement& get(const std::string& sql)
  {
    auto& slot = m_statements[sql];
    if (!slot) {
      slot = std::make_unique<SQLite::Statement>(m_db, sql);
    } else {
      slot->reset();
      slot->clearBindings();
    }
    return *slot;
  }

private:
  SQLite::Database& m_db;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> m_statements;
};

}  // namespace ankang::store
