#include "ops/record_ops.hpp"
#include "store/database.hpp"
#include "store/import_batch_store.hpp"
#include "store/migrations.hpp"
#include "store/record_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>

#include <string>

using namespace ankang;

namespace {

int64_t scalar(SQLite::Database& db, const std::string& sql) { return db.execAndGet(sql).getInt64(); }

// A database as schema 80 left it: the campaign records' imports in their own record_batch, as
// 72 made them (migration 72 run again over a current database without its tables).
void back_to_80(SQLite::Database& db)
{
  db.exec("DROP TABLE violation");
  db.exec("DROP TABLE training");
  for (const auto& m : store::embedded_migrations())
    if (m.version == 72) db.exec(std::string(m.sql));
  db.exec("PRAGMA user_version = 80");
}

}  // namespace

TEST_CASE("migration 81: record_batch rows become import_batch rows and their records follow", "[record_store]")
{
  auto database = store::Database::in_memory();
  auto& db = database.sql();
  back_to_80(db);
  db.exec("INSERT INTO enterprise (id, uuid, uscc, name, created_at, updated_at) "
          "VALUES (1, 'e1', '91632224MA6NDUU53L', '刚察县澜峰煤炭开发有限公司', 't', 't')");
  db.exec("INSERT INTO import_batch (id, kind, file_name, sha256, encoding, actor, started_at) "
          "VALUES (1, 'enterprise', 'e.csv', 'x', 'utf-8', 'a', 't'), (2, 'hazard', 'h.csv', 'y', 'utf-8', 'a', 't')");
  db.exec("INSERT INTO record_batch (id, kind, file_name, sha256, encoding, rows_read, rows_imported, actor, at) "
          "VALUES (1, 'violation', 'v.csv', 'z', 'gb18030', 2, 2, '张伟', '2021-09-30T02:00:00Z'), "
          "(2, 'training', 't.csv', 'w', 'utf-8', 1, 1, '张伟', '2021-09-30T03:00:00Z')");
  db.exec("INSERT INTO violation (uuid, enterprise_id, on_date, kind, description, batch_id, actor, created_at) VALUES "
          "('v1', 1, '2021-09-06', 'operation', '空顶作业', 1, '张伟', 't'), ('v2', 1, '2021-09-07', 'command', '冒险指挥', 1, '张伟', 't'), "
          "('v3', 1, '2021-09-08', 'discipline', '脱岗', NULL, '张伟', 't')");
  db.exec("INSERT INTO training (uuid, enterprise_id, on_date, topic, audience, attendees, batch_id, actor, created_at) "
          "VALUES ('t1', 1, '2021-09-15', '有限空间作业安全', 'special_operation', 36, 2, '张伟', 't')");

  store::migrate(db);

  CHECK(scalar(db, "PRAGMA user_version") >= 81);
  CHECK(scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'record_batch'") == 0);
  CHECK(scalar(db, "SELECT count(*) FROM import_batch") == 4);
  CHECK(db.execAndGet("SELECT kind || ' ' || file_name || ' ' || encoding || ' ' || rows_imported FROM import_batch WHERE id = 3")
            .getString() == "violation v.csv gb18030 2");
  CHECK(db.execAndGet("SELECT kind FROM import_batch WHERE id = 4").getString() == "training");
  CHECK(scalar(db, "SELECT count(*) FROM violation WHERE batch_id = 3") == 2);
  CHECK(scalar(db, "SELECT count(*) FROM violation WHERE batch_id IS NULL") == 1);
  CHECK(scalar(db, "SELECT batch_id FROM training") == 4);
  CHECK(scalar(db, "PRAGMA foreign_keys") == 1);  // back on after the migrations
  SQLite::Statement fk(db, "PRAGMA foreign_key_check");
  CHECK_FALSE(fk.executeStep());
  // The widened kind check still refuses what no import is.
  CHECK_THROWS(db.exec("INSERT INTO import_batch (kind, file_name, sha256, encoding, actor, started_at) "
                       "VALUES ('letters', 'l.csv', 'x', 'utf-8', 'a', 't')"));
}

TEST_CASE("record store: a batch's records are counted and deleted, and only they", "[record_store]")
{
  auto db = store::Database::in_memory();
  db.sql().exec("INSERT INTO enterprise (id, uuid, uscc, name, created_at, updated_at) "
                "VALUES (1, 'e1', '91632224MA6NDUU53L', '刚察县澜峰煤炭开发有限公司', 't', 't')");
  const auto table = ops::violation_type().table();
  store::ImportBatch b;
  b.kind = "violation";
  b.file_name = "v.csv";
  b.actor = "张伟";
  b.started_at = "t";
  store::insert_batch(db, b);
  store::ImportBatch other = b;
  store::insert_batch(db, other);
  auto add = [&](std::optional<int64_t> batch, const char* day) {
    store::CampaignRecord r;
    r.enterprise_id = 1;
    r.values = {day, "operation", "空顶作业", std::nullopt, std::nullopt, "0", std::nullopt, std::nullopt, std::nullopt};
    r.batch_id = batch;
    r.actor = "张伟";
    store::insert_record(db, table, r, "2021-09-30T02:00:00Z");
  };
  add(b.id.value, "2021-09-06");
  add(b.id.value, "2021-09-07");
  add(other.id.value, "2021-09-08");
  add(std::nullopt, "2021-09-09");
  CHECK(store::count_batch_records(db, table, b.id.value) == 2);
  CHECK(store::delete_batch_records(db, table, b.id.value) == 2);
  CHECK(store::count_batch_records(db, table, b.id.value) == 0);
  const auto left = store::list_records(db, table, {});
  REQUIRE(left.size() == 2);
  CHECK(*left[0].values[0] == "2021-09-08");
  CHECK(*left[1].values[0] == "2021-09-09");
}
