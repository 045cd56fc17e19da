#pragma once
// Opening, creating, migrating, checking and backing up an ankang database.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "domain/codes.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ankang::store {

// 'AKNG' in PRAGMA application_id marks a file as an ankang database.
inline constexpr int k_application_id = 0x414B4E47;

// The schema version this build writes: the highest embedded migration.
int current_schema_version();

class Database {
public:
  // Opens an existing database and migrates it to the current schema in one transaction.
  // Throws Error(not_found) with the 'run ankang init' hint when the file does not exist,
  // Error(invalid_input) when it is not an ankang database or was written by a newer ankang.
  static Database open(const std::string& path);
  // Creates a new database (file mode 0600) with the current schema. Refuses an existing file.
  static Database create(const std::string& path);
  // An in-memory database with the current schema, for tests.
  static Database in_memory();

  SQLite::Database& sql() { return *m_db; }
  const std::string& path() const { return m_path; }
  int schema_version();

  // Refuse to count working days in a year without an official notice (--strict-calendar):
  // store::load_calendar(Database&) then builds a strict calendar instead of a provisional one.
  void set_strict_calendar(bool strict) { m_strict_calendar = strict; }
  bool strict_calendar() const { return m_strict_calendar; }

private:
  Database(std::unique_ptr<SQLite::Database> db, std::string path);
  std::unique_ptr<SQLite::Database> m_db;
  std::string m_path;
  bool m_strict_calendar = false;
};

// Runs the embedded migrations above the database's user_version, each in one transaction
// with its version bump.
void migrate(SQLite::Database& db);

// A write transaction that takes the write lock at once (BEGIN IMMEDIATE), so that concurrent
// writers wait on the busy timeout instead of failing half-way. Rolls back unless committed.
class WriteTransaction {
public:
  explicit WriteTransaction(SQLite::Database& db);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  void commit();

private:
  SQLite::Database& m_db;
  bool m_done = false;
};

struct CheckResult {
  bool integrity_ok = false;
  std::vector<std::string> integrity_messages;
  struct ForeignKeyProblem {
    std::string table;
    int64_t row = 0;
    std::string parent;  // the table the missing row belongs in
  };
  std::vector<ForeignKeyProblem> foreign_key_problems;
  int schema_version = 0;
  int expected_schema_version = 0;
  // Hazards whose stored status differs from what their events imply.
  // A hazard whose stored status is not where its history ends (stored codes: "closed", "open").
  struct StatusMismatch {
    std::string no;
    std::string status;
    std::string history_status;
  };
  std::vector<StatusMismatch> status_mismatches;
  bool ok() const
  {
    return integrity_ok && foreign_key_problems.empty() && schema_version == expected_schema_version &&
           status_mismatches.empty();
  }
};

CheckResult check(Database& db);

// Copies the database to `target` (mode 0600) in one read transaction (VACUUM INTO), safe and
// bounded in time while others write. The copy goes to a temporary file that is renamed to
// `target` only when complete and synced; an existing target is refused.
void backup(Database& db, const std::string& target, domain::Lang lang);

struct RestoreResult {
  std::string kept;  // the database as it was, NAME.before-restore-STAMP; empty if there was none
};
// Replaces the database at `db_path` with a copy of `backup_path` once that copy passes check()
// (migrated to the current schema first). The current file is kept as
// `db_path`.before-restore-`stamp` (with its -wal), stale -wal/-shm files are removed, and the
// copy is renamed into place. Run it while no other command uses the database.
RestoreResult restore(const std::string& db_path, const std::string& backup_path, std::string_view stamp,
                      domain::Lang lang);

// Throws Error(database) naming the first hazard, else the first inspection, whose enterprise row
// is missing (a damaged database: rows deleted by hand with foreign keys off), with the 'db check'
// hint. Lists and reports call it before reading, so that damage is named instead of rows silently
// missing. One index seek per enterprise that has hazards or inspections.
void require_enterprise_rows(Database& db, domain::Lang lang);

// Passes an Error or a SQLite::Exception on unchanged (cli::run translates SQLite's failures once,
// with store::sqlite_error); anything else becomes Error(database). `what` is no longer used.
[[noreturn]] void rethrow_sqlite(const std::exception& e, std::string_view what);

}  // namespace ankang::store
