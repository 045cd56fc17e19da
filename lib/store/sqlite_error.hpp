#pragma once
// The one translation of SQLite's failures into ankang::Error: every SQLite::Exception that
// leaves a store reaches cli::run, which calls sqlite_error() with the database's path. The
// message names the file and the fault (disk full, locked past the busy timeout, a read-only
// database or -wal/-shm file, damage), the hint says what to do; never SQLite's own text.
#include "domain/codes.hpp"
#include "error.hpp"

#include <SQLiteCpp/Exception.h>

#include <string>
#include <string_view>

namespace ankang::store {

// The busy timeout of every connection, also named by the "stayed locked" message.
inline constexpr int k_busy_timeout_ms = 10000;

// `code` and `extended_code` are SQLite's result codes; `db_path` the database file the failing
// connection had open. The file system is looked at (not changed) to say which file is read-only.
Error sqlite_error(int code, int extended_code, const std::string& db_path, domain::Lang lang);
Error sqlite_error(const SQLite::Exception& e, const std::string& db_path, domain::Lang lang);

}  // namespace ankang::store
