#include "error.hpp"
#include "ops/hazard_import.hpp"
#include "store/hazard_store.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace ankang;
using domain::HazardStatus;

TEST_CASE("hazard import: the status words of real ledgers", "[hazard_import]")
{
  const auto status = [](std::string_view w) { return ops::parse_ledger_status(w).value().status; };
  for (auto w : {"已销号", "已验收", "已复查", "已关闭", "已闭环", "closed"}) CHECK(status(w) == HazardStatus::closed);
  for (auto w : {"已整改", "待验收", "待复查", "submitted"}) CHECK(status(w) == HazardStatus::submitted);
  for (auto w : {"整改中", "已五定", "已下达", "限期整改"}) CHECK(status(w) == HazardStatus::rectifying);
  for (auto w : {"待整改", "未整改", "未五定", "已登记"}) CHECK(status(w) == HazardStatus::open);
  for (auto w : {"已作废", "无效"}) CHECK(status(w) == HazardStatus::void_);
  for (auto w : {"已现场处理", "即查即改", " 即查即改 "}) {
    CHECK(status(w) == HazardStatus::closed);
    CHECK(ops::parse_ledger_status(w)->on_spot);
  }
  CHECK(!ops::parse_ledger_status("已销号")->on_spot);
  CHECK(!ops::parse_ledger_status("差不多了"));
}

namespace {

struct TempFile {
  std::string path;
  explicit TempFile(std::string_view text)
  {
    path = (std::filesystem::temp_directory_path() / ("ankang-import-" + std::to_string(::getpid()) + ".csv")).string();
    std::ofstream(path) << text;
  }
  ~TempFile() { std::filesystem::remove(path); }
};

void add_enterprise(store::Database& db)
{
  db.sql().exec("INSERT INTO enterprise (id, uuid, uscc, name, created_at, updated_at) "
                "VALUES (1, 'u1', '91632224MA6NDUU53L', '刚察县澜峰煤炭开发有限公司', 't', 't')");
  db.sql().exec("INSERT INTO enterprise_sector VALUES (1, 'coal', 0)");
}

int64_t count(store::Database& db, const char* table)
{
  return db.sql().execAndGet(std::string("SELECT count(*) FROM ") + table).getInt64();
}

}  // namespace

TEST_CASE("hazard import: history columns give the status and dated events", "[hazard_import]")
{
  auto db = store::Database::in_memory();
  add_enterprise(db);
  TempFile f("uscc,found_on,found_by,location,description,level,basis,due_on,owner,status,completed_on,verified_by,verified_on\n"
             "91632224MA6NDUU53L,2021-08-16,李国栋,A,d1,general,,2021-09-01,张伟,,2021-08-20,王芳,2021-08-25\n"
             "91632224MA6NDUU53L,2021-08-16,李国栋,B,d2,general,,,,即查即改,,,\n"
             "91632224MA6NDUU53L,2021-08-16,李国栋,C,d3,重大,第五条,2021-09-30,张伟,已五定,,,\n"
             "91632224MA6NDUU53L,2021-08-17,李国栋,D,d4,general,,,,,,,\n");
  ops::HazardImportOptions o;
  o.path = f.path;
  const ops::Actor actor{"tester", domain::Date::from_ymd(2021, 9, 27), "2021-09-27T00:00:00Z"};
  const auto r = ops::import_hazards(db, o, actor);
  REQUIRE(r.errors.empty());
  CHECK(r.committed);
  CHECK(r.batch.rows_imported == 4);
  CHECK(r.inspections_created == 2);
  CHECK(r.rule_breaks == 1);  // the major hazard is rectifying without its full 五落实

  const auto a = store::find_hazard(db, "YH-2021-000001");
  CHECK(a.status == HazardStatus::closed);
  CHECK(a.closed_on == domain::Date::from_ymd(2021, 8, 25));
  const auto events = store::list_events(db, a.id);
  REQUIRE(events.size() == 4);
  CHECK(events[2].kind == "done");
  CHECK(events[2].on_date == domain::Date::from_ymd(2021, 8, 20));
  CHECK(events[3].to_status == HazardStatus::closed);

  const auto b = store::find_hazard(db, "YH-2021-000002");
  CHECK(b.on_spot);
  CHECK(b.verified_by == "李国栋");
  CHECK(store::list_events(db, b.id).size() == 2);
  CHECK(store::find_hazard(db, "YH-2021-000003").status == HazardStatus::rectifying);
  CHECK(store::find_hazard(db, "YH-2021-000004").status == HazardStatus::open);
  CHECK(store::check(db).ok());

  // Again: nothing new, every row counted as skipped.
  const auto again = ops::import_hazards(db, o, actor);
  CHECK(again.batch.rows_skipped == 4);
  CHECK(count(db, "hazard") == 4);
}

TEST_CASE("hazard import: one bad row, nothing written", "[hazard_import]")
{
  auto db = store::Database::in_memory();
  add_enterprise(db);
  TempFile f("uscc,found_on,description,level\n"
             "91632224MA6NDUU53L,2021-08-16,ok,general\n"
             "91632224MA6NDUU53L,2021-13-01,bad date,general\n");
  ops::HazardImportOptions o;
  o.path = f.path;
  const ops::Actor actor{"tester", domain::Date::from_ymd(2021, 9, 27), "t"};
  const auto r = ops::import_hazards(db, o, actor);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].ends_with(":3: column 'found_on': value '2021-13-01': not a date: month 13 does not exist"));
  CHECK(!r.committed);
  CHECK(count(db, "hazard") == 0);
  CHECK(count(db, "import_batch") == 0);
  CHECK(count(db, "inspection") == 0);
}
