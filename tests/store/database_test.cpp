#include "error.hpp"
#include "store/database.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <sys/stat.h>

using namespace ankang;

TEST_CASE("a new database has the current schema and passes its checks")
{
  auto db = store::Database::in_memory();
  CHECK(db.schema_version() == store::current_schema_version());
  CHECK(store::check(db).ok());
  CHECK(db.sql().execAndGet("SELECT count(*) FROM calendar_year").getInt() == 6);
  CHECK(db.sql().execAndGet("SELECT full_name FROM region WHERE code = '632224'").getString() == "海北藏族自治州/刚察县");
}

TEST_CASE("history is append-only")
{
  auto db = store::Database::in_memory();
  auto& sql = db.sql();
  sql.exec("INSERT INTO enterprise (id, uuid, uscc, name, created_at, updated_at) VALUES (1, 'u', '91632200MA75K3P27R', 'x', 't', 't')");
  sql.exec("INSERT INTO hazard (id, uuid, no, enterprise_id, sector, found_on, description, level, status, dedupe_key, created_at, updated_at)"
           " VALUES (1, 'h', 'YH-2021-000001', 1, 'coal', '2021-08-20', 'd', 'general', 'open', 0, 't', 't')");
  sql.exec("INSERT INTO hazard_event (hazard_id, kind, actor, on_date, at, to_status) VALUES (1, 'created', 'a', '2021-08-20', 't', 'open')");
  CHECK_THROWS(sql.exec("UPDATE hazard_event SET note = 'x'"));
  CHECK_THROWS(sql.exec("DELETE FROM hazard_event"));
  CHECK(store::check(db).ok());
  sql.exec("UPDATE hazard SET status = 'closed'");
  const auto r = store::check(db);
  REQUIRE(r.status_mismatches.size() == 1);
  CHECK(r.status_mismatches[0].no == "YH-2021-000001");
  CHECK(r.status_mismatches[0].status == "closed");
  CHECK(r.status_mismatches[0].history_status == "open");
}

TEST_CASE("files: created private, never overwritten, newer schemas refused")
{
  const auto dir = std::filesystem::temp_directory_path() / ("ankang-store-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "t.db").string();
  std::filesystem::remove(path);
  {
    auto db = store::Database::create(path);
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(db.sql().execAndGet("PRAGMA page_size").getInt() == 16384);
    CHECK(db.sql().execAndGet("PRAGMA journal_mode").getString() == "wal");
    db.sql().exec("PRAGMA user_version = 999");
  }
  CHECK_THROWS_WITH(store::Database::create(path), Catch::Contains("already exists"));
  CHECK_THROWS_WITH(store::Database::open(path), Catch::Contains("schema version 999"));
  CHECK_THROWS_WITH(store::Database::open((dir / "missing.db").string()), Catch::Contains("no database at"));
  std::filesystem::remove_all(dir);
}
