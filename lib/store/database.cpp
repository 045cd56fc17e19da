#include "store/database.hpp"

#include "error.hpp"
#include "store/migrations.hpp"
#include "store/sqlite_error.hpp"
#include "io/atomic_file.hpp"
#include "io/temp_files.hpp"
#include "domain/date.hpp"
#include "store/hazard_store.hpp"

#include <SQLiteCpp/Transaction.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

namespace ankang::store {

namespace {

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

namespace {

// ankang_dedupe_key(enterprise_id, found_on, location, description): hazard_dedupe_key() for
// migrations that recompute stored keys (0051).
void dedupe_key_function(sqlite3_context* ctx, int, sqlite3_value** argv)
{
  const auto text = [&](int i) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(argv[i]));
    return p ? std::string_view(p, static_cast<size_t>(sqlite3_value_bytes(argv[i]))) : std::string_view();
  };
  std::string why;
  const auto day = domain::try_parse_date(text(1), why);
  if (!day) {
    sqlite3_result_error(ctx, "ankang_dedupe_key: found_on is not a date", -1);
    return;
  }
  sqlite3_result_int64(ctx, hazard_dedupe_key(EnterpriseId{sqlite3_value_int64(argv[0])}, *day, text(2), text(3)));
}

void register_migration_functions(SQLite::Database& db)
{
  sqlite3_create_function_v2(db.getHandle(), "ankang_dedupe_key", 4, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                             &dedupe_key_function, nullptr, nullptr, nullptr);
}

}  // namespace

void migrate(SQLite::Database& db)
{
  const int have = user_version(db);
  const int want = current_schema_version();
  if (have > want)
    throw Error(ErrorKind::invalid_input,
                fmt::format("the database has schema version {}, this ankang knows only up to {}", have, want),
                "it was written by a newer ankang: upgrade ankang to use it");
  if (have == want) return;
  register_migration_functions(db);
  // A migration may rebuild a table that others refer to (SQLite's way to change a CHECK: create,
  // copy, drop, rename), which foreign keys forbid midway: they are off while migrations run (the
  // pragma is a no-op inside a transaction, so before it) and checked as a whole before the commit.
  const bool foreign_keys = db.execAndGet("PRAGMA foreign_keys").getInt() != 0;
  db.exec("PRAGMA foreign_keys = OFF");
  struct RestoreForeignKeys {
    SQLite::Database& db;
    bool on;
    ~RestoreForeignKeys()
    {
      try {
        if (on) db.exec("PRAGMA foreign_keys = ON");
      } catch (const SQLite::Exception&) {  // a destructor does not throw; the next open sets it again
      }
    }
  } restore{db, foreign_keys};
  // All pending migrations run in one transaction: an old database is upgraded whole or not at all.
  WriteTransaction tx(db);
  for (const auto& m : embedded_migrations()) {
    if (m.version <= have) continue;
    db.exec(std::string(m.sql));
    db.exec(fmt::format("PRAGMA user_version = {}", m.version));
  }
  SQLite::Statement check(db, "PRAGMA foreign_key_check");
  if (check.executeStep())
    throw Error(ErrorKind::database,
                fmt::format("the migration to schema version {} leaves a row of {} referring to a missing row of {}", want,
                            check.getColumn(0).getString(), check.getColumn(2).getString()),
                "the database is left as it was; keep it and report this");
  tx.commit();
}

Database Database::open(const std::string& path)
{
  if (!file_exists(path))
    throw Error(ErrorKind::not_found, fmt::format("no database at {}", path), "run 'ankang init' or pass --db");
  // SQLite's failures go up as they are: cli::run translates them once, naming the file
  // (store/sqlite_error.hpp).
  auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE);
  db->setBusyTimeout(k_busy_timeout_ms);
  const int app_id = db->execAndGet("PRAGMA application_id").getInt();
  if (app_id != k_application_id)
    throw Error(ErrorKind::invalid_input, fmt::format("{} is not an ankang database", path),
                "pass --db with a file made by 'ankang init'");
  configure(*db);
  migrate(*db);
  return Database(std::move(db), path);
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
  } catch (...) {
    ::unlink(path.c_str());
    ::unlink((path + "-wal").c_str());
    ::unlink((path + "-shm").c_str());
    throw;
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

namespace {

// Puts `temp` (complete and synced) in place as `target`, refusing to replace an existing target:
// link(2) fails on an existing name where rename(2) would replace it.
void link_into_place(const std::string& temp, const std::string& target)
{
  if (::link(temp.c_str(), target.c_str()) != 0) {
    const int err = errno;
    if (err == EEXIST)
      throw Error(ErrorKind::conflict, fmt::format("{} already exists", target), "choose another file name or remove it first");
    // File systems without hard links: check, then rename.
    if (file_exists(target))
      throw Error(ErrorKind::conflict, fmt::format("{} already exists", target), "choose another file name or remove it first");
    if (::rename(temp.c_str(), target.c_str()) != 0)
      throw Error(ErrorKind::io, fmt::format("cannot write {}: {}", target, std::strerror(errno)));
    return;
  }
  ::unlink(temp.c_str());
}

void fsync_file(const std::string& path)
{
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(ErrorKind::io, fmt::format("cannot read {}: {}", path, std::strerror(errno)));
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) throw Error(ErrorKind::io, fmt::format("cannot write {}: {}", path, std::strerror(err)));
}

// A failure to write a copy is about the copy's file (its disk is full, its folder read-only);
// anything else about the database it reads.
[[noreturn]] void rethrow_copy_failure(const SQLite::Exception& e, const std::string& copy, domain::Lang lang)
{
  switch (e.getErrorCode() & 0xFF) {
  case SQLITE_FULL:
  case SQLITE_IOERR:
  case SQLITE_CANTOPEN:
  case SQLITE_READONLY:
  case SQLITE_PERM: throw sqlite_error(e, copy, lang);
  default: throw;
  }
}

}  // namespace

void backup(Database& db, const std::string& target, domain::Lang lang)
{
  if (file_exists(target))
    throw Error(ErrorKind::conflict, fmt::format("{} already exists", target), "choose another file name or remove it first");
  auto temp = io::make_temp_beside(target);
  ::close(temp.fd);
  io::track_temp_file(temp.path + "-journal");  // SQLite's, while it writes the copy
  try {
    // One read transaction copies a snapshot of every page: writers go on meanwhile and never make
    // it start again (the step-wise backup API restarted at each commit of another process).
    SQLite::Statement q(db.sql(), "VACUUM INTO ?");
    q.bind(1, temp.path);
    try {
      q.exec();
    } catch (const SQLite::Exception& e) {
      rethrow_copy_failure(e, target, lang);
    }
    fsync_file(temp.path);
    link_into_place(temp.path, target);
    io::untrack_temp_file(temp.path);
    io::untrack_temp_file(temp.path + "-journal");
    io::sync_folder_of(target);
  } catch (...) {
    ::unlink(temp.path.c_str());
    ::unlink((temp.path + "-journal").c_str());
    io::untrack_temp_file(temp.path);
    io::untrack_temp_file(temp.path + "-journal");
    throw;
  }
}

RestoreResult restore(const std::string& db_path, const std::string& backup_path, std::string_view stamp, domain::Lang lang)
{
  const auto tr = [&](std::string_view zh, std::string_view en) { return lang == domain::Lang::zh ? zh : en; };
  if (!file_exists(backup_path))
    throw Error(ErrorKind::not_found, fmt::format(fmt::runtime(tr("没有备份文件 {}", "no backup at {}")), backup_path));
  RestoreResult result;
  auto temp = io::make_temp_beside(db_path);
  for (const char* suffix : {"-wal", "-shm", "-journal"}) io::track_temp_file(temp.path + suffix);
  const auto drop_temp = [&] {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      ::unlink((temp.path + suffix).c_str());
      io::untrack_temp_file(temp.path + suffix);
    }
  };
  try {
    // A copy of the backup's bytes, checked and migrated as a database of its own: the backup
    // itself is only read.
    {
      const int in = ::open(backup_path.c_str(), O_RDONLY | O_CLOEXEC);
      if (in < 0) throw Error(ErrorKind::io, fmt::format("cannot read {}: {}", backup_path, std::strerror(errno)));
      std::vector<char> buf(1 << 20);
      for (;;) {
        const ssize_t n = ::read(in, buf.data(), buf.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
          const int err = errno;
          ::close(in);
          throw Error(ErrorKind::io, fmt::format("cannot read {}: {}", backup_path, std::strerror(err)));
        }
        if (n == 0) break;
        for (ssize_t done = 0; done < n;) {
          const ssize_t w = ::write(temp.fd, buf.data() + done, static_cast<size_t>(n - done));
          if (w < 0 && errno == EINTR) continue;
          if (w < 0) {
            const int err = errno;
            ::close(in);
            if (err == ENOSPC || err == EDQUOT) throw sqlite_error(SQLITE_FULL, SQLITE_FULL, db_path, lang);
            throw Error(ErrorKind::io, fmt::format("cannot write {}: {}", db_path, std::strerror(err)));
          }
          done += w;
        }
      }
      ::close(in);
      if (::fsync(temp.fd) != 0) throw Error(ErrorKind::io, fmt::format("cannot write {}: {}", db_path, std::strerror(errno)));
      ::close(temp.fd);
      temp.fd = -1;
    }
    try {
      auto copy = Database::open(temp.path);
      const auto r = check(copy);
      if (!r.ok()) {
        std::string why;
        if (!r.integrity_ok) why = tr("完整性检查失败", "the integrity check fails");
        else if (!r.foreign_key_problems.empty()) why = tr("有引用不存在的记录", "rows refer to missing records");
        else if (!r.status_mismatches.empty()) why = tr("有隐患的状态与历史不符", "a hazard's status differs from its history");
        else why = tr("结构版本不对", "the schema version is wrong");
        throw Error(ErrorKind::invalid_input,
                    fmt::format(fmt::runtime(tr("备份 {} 未通过检查：{}", "the backup {} fails the check: {}")), backup_path, why),
                    fmt::format(fmt::runtime(tr("数据库没有改动；用 'ankang --db {} db check' 查看详情",
                                                "the database was not changed; see 'ankang --db {} db check'")),
                                backup_path));
      }
      copy.sql().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (const SQLite::Exception& e) {
      const int code = e.getErrorCode() & 0xFF;
      if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) throw sqlite_error(e, backup_path, lang);
      throw sqlite_error(e, db_path, lang);
    } catch (const Error& e) {
      // Database::open names the temporary copy: name the backup.
      if (e.kind() == ErrorKind::invalid_input && std::string_view(e.what()).find(temp.path) != std::string_view::npos)
        throw Error(ErrorKind::invalid_input,
                    fmt::format(fmt::runtime(tr("{} 不是 ankang 数据库", "{} is not an ankang database")), backup_path),
                    std::string(tr("给出 'ankang db backup' 写的文件", "give a file written by 'ankang db backup'")));
      throw;
    }
    fsync_file(temp.path);

    // The current database: brought up to date from its -wal, then kept under a new name.
    if (file_exists(db_path)) {
      try {
        SQLite::Database current(db_path, SQLite::OPEN_READWRITE);
        current.setBusyTimeout(k_busy_timeout_ms);
        current.exec("PRAGMA wal_checkpoint(TRUNCATE)");
      } catch (const std::exception&) {
        // A damaged database is kept as it is, its -wal beside it.
      }
      result.kept = fmt::format("{}.before-restore-{}", db_path, stamp);
      if (file_exists(result.kept))
        throw Error(ErrorKind::conflict, fmt::format("{} already exists", result.kept), "run the restore again in a second");
      if (::rename(db_path.c_str(), result.kept.c_str()) != 0)
        throw Error(ErrorKind::io, fmt::format("cannot rename {}: {}", db_path, std::strerror(errno)));
      if (file_exists(db_path + "-wal")) ::rename((db_path + "-wal").c_str(), (result.kept + "-wal").c_str());
    }
    // A -wal or -shm left beside the database would be read into the restored file.
    ::unlink((db_path + "-wal").c_str());
    ::unlink((db_path + "-shm").c_str());
    if (::rename(temp.path.c_str(), db_path.c_str()) != 0)
      throw Error(ErrorKind::io, fmt::format("cannot rename {} to {}: {}", temp.path, db_path, std::strerror(errno)));
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) io::untrack_temp_file(temp.path + suffix);
    io::sync_folder_of(db_path);
  } catch (...) {
    if (temp.fd >= 0) ::close(temp.fd);
    drop_temp();
    throw;
  }
  return result;
}

namespace {

// The first enterprise id that rows of `table` (which has an index led by enterprise_id) refer to
// and that has no enterprise row: one index seek per enterprise, not one per row.
std::optional<int64_t> missing_enterprise(SQLite::Database& sql, std::string_view table)
{
  SQLite::Statement missing(sql, fmt::format(R"(
    WITH RECURSIVE ids(id) AS (
      SELECT min(enterprise_id) FROM {0}
      UNION ALL
      SELECT (SELECT min(enterprise_id) FROM {0} WHERE enterprise_id > ids.id) FROM ids WHERE ids.id IS NOT NULL)
    SELECT id FROM ids WHERE id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM enterprise e WHERE e.id = ids.id) LIMIT 1)",
                                             table));
  if (!missing.executeStep()) return std::nullopt;
  return missing.getColumn(0).getInt64();
}

Error damaged(domain::Lang lang, std::string_view zh, std::string_view en)
{
  if (lang == domain::Lang::zh)
    return Error(ErrorKind::database, std::string(zh), "运行 'ankang db check' 查看全部问题；用 'ankang db restore 备份文件' 恢复备份");
  return Error(ErrorKind::database, std::string(en),
               "run 'ankang db check' for every problem; restore a backup with 'ankang db restore BACKUP'");
}

}  // namespace

void require_enterprise_rows(Database& db, domain::Lang lang)
{
  auto& sql = db.sql();
  if (const auto enterprise_id = missing_enterprise(sql, "hazard")) {
    SQLite::Statement hazard(sql, "SELECT no, (SELECT count(*) FROM hazard WHERE enterprise_id = ?1) FROM hazard "
                                  "WHERE enterprise_id = ?1 ORDER BY id LIMIT 1");
    hazard.bind(1, *enterprise_id);
    hazard.executeStep();
    const std::string no = hazard.getColumn(0).getString();
    const int64_t count = hazard.getColumn(1).getInt64();
    throw damaged(lang,
                  fmt::format("数据已损坏：隐患 {} 引用的企业 #{} 不在数据库中{}", no, *enterprise_id,
                              count > 1 ? fmt::format("（该企业共有 {} 条隐患）", count) : ""),
                  fmt::format("damaged data: hazard {} refers to enterprise #{}, which is not in the database{}", no,
                              *enterprise_id, count > 1 ? fmt::format(" ({} hazards do)", count) : ""));
  }
  if (const auto enterprise_id = missing_enterprise(sql, "inspection")) {
    SQLite::Statement inspection(sql, "SELECT id, date, (SELECT count(*) FROM inspection WHERE enterprise_id = ?1) "
                                      "FROM inspection WHERE enterprise_id = ?1 ORDER BY id LIMIT 1");
    inspection.bind(1, *enterprise_id);
    inspection.executeStep();
    const int64_t id = inspection.getColumn(0).getInt64();
    const std::string date = inspection.getColumn(1).getString();
    const int64_t count = inspection.getColumn(2).getInt64();
    throw damaged(lang,
                  fmt::format("数据已损坏：检查记录 #{}（{}）引用的企业 #{} 不在数据库中{}", id, date, *enterprise_id,
                              count > 1 ? fmt::format("（该企业共有 {} 条检查记录）", count) : ""),
                  fmt::format("damaged data: inspection #{} ({}) refers to enterprise #{}, which is not in the database{}",
                              id, date, *enterprise_id, count > 1 ? fmt::format(" ({} inspections do)", count) : ""));
  }
}

void rethrow_sqlite(const std::exception& e, std::string_view /*what*/)
{
  if (const auto* err = dynamic_cast<const Error*>(&e)) throw *err;
  if (const auto* se = dynamic_cast<const SQLite::Exception*>(&e)) throw *se;
  throw Error(ErrorKind::database, e.what());
}

}  // namespace ankang::store
