#include "store/database.hpp"

#include "error.hpp"
#include "store/migrations.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Transaction.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ankang::store {

namespace {

constexpr int k_busy_timeout_ms = 10000;

bool file_exists(const std::string& path)
{
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

// Creates an empty file readable and writable by its owner only; SQLite gives its -wal and
// -shm files the same mode.
void create_private_file(const std::string& path)
{
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST)
      throw Error(ErrorKind::conflict, fmt::format("{} already exists", path), "choose another file name or remove it first");
    throw Error(ErrorKind::io, fmt::format("cannot create {}: {}", path, std::strerror(errno)));
  }
  ::fchmod(fd, 0600);
  ::close(fd);
}

void configure(SQLite::Database& db)
{
  db.setBusyTimeout(k_busy_timeout_ms);
  db.exec("PRAGMA foreign_keys = ON");
  // WAL lets readers work while one process writes; NORMAL sync is durable at checkpoints and
  // never corrupts in WAL mode.
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = NORMAL");
}

int user_version(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

}  // namespace

int current_schema_version()
{
  const auto& all = embedded_migrations();
  return all.empty() ? 0 : all.back().version;
}

Database::Database(std::unique_ptr<SQLite::Database> db, std::string path) : m_db(std::move(db)), m_path(std::move(path)) {}

int Database::schema_version() { return user_version(*m_db); }

void migrate(SQLite::Database& db)
{
  const int have = user_version(db);
  const int want = current_schema_version();
  if (have > want)
    throw Error(ErrorKind::invalid_input,
                fmt::format("the database has schema version {}, this ankang knows only up to {}", have, want),
                "it was written by a newer ankang: upgrade ankang to use it");
  if (have == want) return;
  // All pending migrations run in one transaction: an old database is upgraded whole or not at all.
  WriteTransaction tx(db);
  for (const auto& m : embedded_migrations()) {
    if (m.version <= have) continue;
    db.exec(std::string(m.sql));
    db.exec(fmt::format("PRAGMA user_version = {}", m.version));
  }
  tx.commit();
}

Database Database::open(const std::string& path)
{
  if (!file_exists(path))
    throw Error(ErrorKind::not_found, fmt::format("no database at {}", path), "run 'ankang init' or pass --db");
  try {
    auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE);
    db->setBusyTimeout(k_busy_timeout_ms);
    const int app_id = db->execAndGet("PRAGMA application_id").getInt();
    if (app_id != k_application_id)
      throw Error(ErrorKind::invalid_input, fmt::format("{} is not an ankang database", path),
                  "pass --db with a file made by 'ankang init'");
    configure(*db);
    migrate(*db);
    return Database(std::move(db), path);
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, fmt::format("cannot open {}", path));
  }
}

Database Database::create(const std::string& path)
{
  create_private_file(path);
  try {
    auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE);
    // 16 KiB pages rather than SQLite's 4 KiB: an import of 10^5 findings writes a hazard row, ten
    // index entries and its history per finding, and with larger pages it makes a quarter of the
    // page splits and system calls (13 % less CPU, measured). Fixed at creation: set it first.
    db->exec("PRAGMA page_size = 16384");
    configure(*db);
    db->exec(fmt::format("PRAGMA application_id = {}", k_application_id));
    migrate(*db);
    return Database(std::move(db), path);
  } catch (const std::exception& e) {
    ::unlink(path.c_str());
    ::unlink((path + "-wal").c_str());
    ::unlink((path + "-shm").c_str());
    if (const auto* err = dynamic_cast<const Error*>(&e)) throw *err;
    rethrow_sqlite(e, fmt::format("cannot create {}", path));
  }
}

Database Database::in_memory()
{
  auto db = std::make_unique<SQLite::Database>(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db->exec("PRAGMA foreign_keys = ON");
  db->exec(fmt::format("PRAGMA application_id = {}", k_application_id));
  migrate(*db);
  return Database(std::move(db), ":memory:");
}

WriteTransaction::WriteTransaction(SQLite::Database& db) : m_db(db) { m_db.exec("BEGIN IMMEDIATE"); }

WriteTransaction::~WriteTransaction()
{
  if (!m_done) {
    try {
      m_db.exec("ROLLBACK");
    } catch (...) {
      // The transaction may already be gone after a failed statement; nothing to undo then.
    }
  }
}

void WriteTransaction::commit()
{
  m_db.exec("COMMIT");
  m_done = true;
}

CheckResult check(Database& db)
{
  CheckResult r;
  auto& sql = db.sql();
  SQLite::Statement integrity(sql, "PRAGMA integrity_check");
  while (integrity.executeStep()) r.integrity_messages.push_back(integrity.getColumn(0).getString());
  r.integrity_ok = r.integrity_messages.size() == 1 && r.integrity_messages[0] == "ok";
  SQLite::Statement fk(sql, "PRAGMA foreign_key_check");
  while (fk.executeStep())
    r.foreign_key_problems.push_back({fk.getColumn(0).getString(), fk.getColumn(1).getInt64(), fk.getColumn(2).getString()});
  r.schema_version = db.schema_version();
  r.expected_schema_version = current_schema_version();
  SQLite::Statement status(sql, R"(
    SELECT h.no, h.status, e.to_status
    FROM hazard h
    JOIN hazard_event e ON e.id = (SELECT max(id) FROM hazard_event WHERE hazard_id = h.id AND to_status IS NOT NULL)
    WHERE e.to_status <> h.status
    ORDER BY h.id)");
  while (status.executeStep())
    r.status_mismatches.push_back(
        {status.getColumn(0).getString(), status.getColumn(1).getString(), status.getColumn(2).getString()});
  return r;
}

void backup(Database& db, const std::string& target)
{
  create_private_file(target);
  try {
    SQLite::Database dest(target, SQLite::OPEN_READWRITE);
    SQLite::Backup b(dest, db.sql());
    // Copy in steps so that writers are blocked only briefly; a write restarts the copy.
    int rc = SQLITE_OK;
    do {
      rc = b.executeStep(256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    if (rc != SQLITE_DONE) throw Error(ErrorKind::database, fmt::format("backup to {} failed (SQLite code {})", target, rc));
  } catch (const std::exception& e) {
    ::unlink(target.c_str());
    if (const auto* err = dynamic_cast<const Error*>(&e)) throw *err;
    rethrow_sqlite(e, fmt::format("backup to {} failed", target));
  }
}

void rethrow_sqlite(const std::exception& e, std::string_view what)
{
  if (const auto* err = dynamic_cast<const Error*>(&e)) throw *err;
  const auto* se = dynamic_cast<const SQLite::Exception*>(&e);
  const int code = se ? se->getErrorCode() : SQLITE_ERROR;
  switch (code) {
  case SQLITE_BUSY:
  case SQLITE_LOCKED:
    throw Error(ErrorKind::database, fmt::format("{}: the database stayed locked by another process", what),
                "try again when the other command has finished");
  case SQLITE_NOTADB:
    throw Error(ErrorKind::invalid_input, fmt::format("{}: the file is not a SQLite database", what));
  case SQLITE_CORRUPT:
    throw Error(ErrorKind::database, fmt::format("{}: the database file is damaged", what),
                "restore a backup, or run 'ankang db check' for details");
  case SQLITE_FULL:
    throw Error(ErrorKind::io, fmt::format("{}: the disk is full", what));
  case SQLITE_READONLY:
  case SQLITE_PERM:
  case SQLITE_CANTOPEN:
    throw Error(ErrorKind::io, fmt::format("{}: the file cannot be opened for writing", what),
                "check the file's and its folder's permissions");
  case SQLITE_IOERR:
    throw Error(ErrorKind::io, fmt::format("{}: an I/O error occurred", what));
  case SQLITE_CONSTRAINT:
    throw Error(ErrorKind::conflict, fmt::format("{}: the change breaks a rule of the database", what));
  default:
    throw Error(ErrorKind::database, fmt::format("{}: database error (SQLite code {})", what, code));
  }
}

}  // namespace ankang::store
