#include "store/sqlite_error.hpp"

#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <optional>

namespace ankang::store {

namespace {

std::string tr(domain::Lang lang, std::string_view zh, std::string_view en) { return std::string(lang == domain::Lang::zh ? zh : en); }

bool exists(const std::string& path)
{
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

bool writable(const std::string& path) { return ::access(path.c_str(), W_OK) == 0; }

std::string folder_of(const std::string& path)
{
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// The file that makes a write fail: the database, its -wal or -shm (left by another user's
// command with a mode that shuts this one out), or the folder where SQLite must create them.
Error read_only(const std::string& db, domain::Lang lang)
{
  const auto message = [&](const std::string& file) {
    return fmt::format(fmt::runtime(tr(lang, "无法写入 {}：{} 是只读的", "cannot write {}: {} is read-only")), db, file);
  };
  if (exists(db) && !writable(db))
    return Error(ErrorKind::io, message(db),
                 fmt::format(fmt::runtime(tr(lang, "检查它的属主和权限（ls -l {}），或在副本上操作",
                                             "check its owner and mode (ls -l {}), or work on a copy")),
                             db));
  for (const char* suffix : {"-wal", "-shm"}) {
    const std::string side = db + suffix;
    if (exists(side) && !writable(side))
      return Error(ErrorKind::io, message(side),
                   fmt::format(fmt::runtime(tr(lang, "它由另一用户运行的命令留下：在没有 ankang 使用该数据库时删除 {}，或把它的属主改回你",
                                               "another user's command left it: when no ankang uses the database, "
                                               "remove {} or give it back to you")),
                               side));
  }
  const std::string folder = folder_of(db);
  if (!writable(folder))
    return Error(ErrorKind::io, message(folder),
                 fmt::format(fmt::runtime(tr(lang, "SQLite 需要在该文件夹中创建 {0}-wal 和 {0}-shm：让它可写",
                                             "SQLite creates {0}-wal and {0}-shm in that folder: make it writable")),
                             db));
  return Error(ErrorKind::io, fmt::format(fmt::runtime(tr(lang, "无法写入 {}：它是只读的", "cannot write {}: it is read-only")), db),
               tr(lang, "检查文件及其文件夹的权限", "check the permissions of the file and its folder"));
}

}  // namespace

Error sqlite_error(int code, int extended_code, const std::string& db, domain::Lang lang)
{
  const std::string check_hint = tr(lang, "运行 'ankang db check'", "run 'ankang db check'");
  // Growing the -shm file fails when its disk is full (SQLITE_IOERR_SHMSIZE, seen on a full tmpfs):
  // the same fault as SQLITE_FULL, and the same advice.
  if (extended_code == SQLITE_IOERR_SHMSIZE) code = SQLITE_FULL;
  switch (code & 0xFF) {
  case SQLITE_BUSY:
  case SQLITE_LOCKED:
    return Error(ErrorKind::database,
                 fmt::format(fmt::runtime(tr(lang, "数据库 {} 被另一个进程锁定超过 {} 秒", "{} stayed locked by another process for {} s")),
                             db, k_busy_timeout_ms / 1000),
                 tr(lang, "等另一个 ankang 命令结束后再试", "try again when the other ankang command has finished"));
  case SQLITE_FULL:
    return Error(ErrorKind::io, fmt::format(fmt::runtime(tr(lang, "无法写入 {}：磁盘已满", "cannot write {}: the disk is full")), db),
                 tr(lang, "腾出磁盘空间后重新运行；本次没有写入任何内容",
                    "free space on its disk and run the command again; nothing was changed"));
  case SQLITE_READONLY:
  case SQLITE_PERM:
  case SQLITE_CANTOPEN:
  case SQLITE_AUTH: return read_only(db, lang);
  case SQLITE_NOTADB:
    return Error(ErrorKind::invalid_input,
                 fmt::format(fmt::runtime(tr(lang, "{} 不是 SQLite 数据库", "{} is not a SQLite database")), db),
                 tr(lang, "用 --db 给出 'ankang init' 建立的文件", "pass --db with a file made by 'ankang init'"));
  case SQLITE_CORRUPT:
    return Error(ErrorKind::database, fmt::format(fmt::runtime(tr(lang, "{} 已损坏", "{} is damaged")), db),
                 tr(lang, "运行 'ankang db check' 查看详情；用 'ankang db restore 备份文件' 恢复备份",
                    "run 'ankang db check' for details; restore a backup with 'ankang db restore BACKUP'"));
  case SQLITE_NOMEM: return Error(ErrorKind::io, tr(lang, "内存不足", "out of memory"));
  case SQLITE_IOERR:
    if (extended_code == SQLITE_IOERR_NOMEM) return Error(ErrorKind::io, tr(lang, "内存不足", "out of memory"));
    return Error(ErrorKind::io,
                 fmt::format(fmt::runtime(tr(lang, "读写 {} 时发生输入/输出错误（SQLite 代码 {}）",
                                             "cannot read or write {}: an input/output error (SQLite code {})")),
                             db, extended_code),
                 tr(lang, "检查磁盘和文件系统，然后运行 'ankang db check'",
                    "check the disk and its file system, then run 'ankang db check'"));
  case SQLITE_CONSTRAINT:
    return Error(ErrorKind::conflict,
                 fmt::format(fmt::runtime(tr(lang, "这一更改违反了数据库 {} 的约束（SQLite 代码 {}）",
                                             "the change breaks a rule of the database {} (SQLite code {})")),
                             db, extended_code),
                 check_hint);
  default:
    return Error(ErrorKind::database,
                 fmt::format(fmt::runtime(tr(lang, "数据库 {} 出错（SQLite 代码 {}）", "database error in {} (SQLite code {})")), db,
                             extended_code),
                 check_hint);
  }
}

Error sqlite_error(const SQLite::Exception& e, const std::string& db, domain::Lang lang)
{
  return sqlite_error(e.getErrorCode(), e.getExtendedErrorCode(), db, lang);
}

}  // namespace ankang::store
