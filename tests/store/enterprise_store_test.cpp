#include "store/enterprise_store.hpp"
#include "error.hpp"
#include "ops/enterprise_ops.hpp"
#include "store/database.hpp"

#include <unistd.h>
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

using namespace ankang;
using ops::EnterpriseField;

namespace {

ops::EnterpriseText text_of(std::initializer_list<std::pair<EnterpriseField, const char*>> values) {
  ops::EnterpriseText t;
  for (const auto& [f, v] : values) t[static_cast<size_t>(f)] = v;
  return t;
}

const ops::EnterpriseText k_coal_mine = text_of({{EnterpriseField::uscc, "91632224ma7a1b2c3l"},
                                                 {EnterpriseField::name, "刚察县青湖煤业有限公司"},
                                                 {EnterpriseField::sectors, "煤矿、fire"},
                                                 {EnterpriseField::region, "海北州/刚察县"},
                                                 {EnterpriseField::employees, "320人"},
                                                 {EnterpriseField::risk_level, "重大"},
                                                 {EnterpriseField::has_union, "是"}});

struct TempCsv {
  std::string path;
  explicit TempCsv(const std::string& text) {
    char name[] = "/tmp/ankang-ent-XXXXXX";
    const int fd = mkstemp(name);
    REQUIRE(fd >= 0);
    ::close(fd);
    path = name;
    std::ofstream(path, std::ios::binary) << text;
  }
  ~TempCsv() { std::remove(path.c_str()); }
};

}  // namespace

TEST_CASE("enterprises are added normalised and read back", "[enterprise]") {
  auto db = store::Database::in_memory();
  const auto e = ops::add_enterprise(db, k_coal_mine, "2021-09-06T00:00:00Z");
  CHECK(e.id.value == 1);
  const auto back = ops::find_enterprise(db.sql(), "91632224MA7A1B2C3L");
  CHECK(back.uscc == "91632224MA7A1B2C3L");
  CHECK(back.sectors == std::vector<std::string>{"coal", "fire"});
  CHECK(back.region_code == "632224");
  CHECK(back.region == "海北藏族自治州/刚察县");
  CHECK(back.employees == 320);
  CHECK(back.risk_level == "red");
  CHECK(back.has_union == true);
  CHECK(back.uuid.size() == 36);
  // A time-ordered (version 7, variant 10) UUID, like every other row's: 2021-09-06T00:00:00Z is
  // Unix millisecond 1630886400000 = 0x017bb8679000.
  CHECK(back.uuid[8] == '-');
  CHECK(back.uuid.substr(0, 13) == "017bb867-9000");
  CHECK(back.uuid[14] == '7');
  CHECK(std::string_view("89ab").find(back.uuid[19]) != std::string_view::npos);
  CHECK(back.uuid.find_first_not_of("0123456789abcdef-") == std::string::npos);
  CHECK(back.uuid.substr(24) != "000000000000");
  CHECK(ops::find_enterprise(db.sql(), "1").uscc == back.uscc);
  CHECK_THROWS_WITH(ops::add_enterprise(db, k_coal_mine, "t"),
                    "credit code 91632224MA7A1B2C3L is already registered: enterprise 1 刚察县青湖煤业有限公司");
  CHECK_THROWS_WITH(ops::find_enterprise(db.sql(), "2"), "enterprise 2 does not exist");
}

TEST_CASE("update changes only what is given; archive hides from lists", "[enterprise]") {
  auto db = store::Database::in_memory();
  ops::add_enterprise(db, k_coal_mine, "t0");
  auto [e, changed] = ops::update_enterprise(db, "1", text_of({{EnterpriseField::employees, "330"}}), "t1");
  CHECK(changed);
  CHECK(e.employees == 330);
  CHECK(e.name == "刚察县青湖煤业有限公司");
  std::tie(e, changed) = ops::update_enterprise(db, "1", text_of({{EnterpriseField::employees, "330"}}), "t2");
  CHECK_FALSE(changed);
  CHECK(e.updated_at == "t1");
  store::EnterpriseStore es(db.sql());
  CHECK(es.list({}).size() == 1);
  ops::archive_enterprise(db, "1", false, "t3");
  CHECK(es.list({}).empty());
  store::EnterpriseFilter archived;
  archived.archived = store::ArchivedFilter::archived;
  CHECK(es.list(archived).size() == 1);
}

TEST_CASE("hazard counts: open or rectifying, overdue before today, major", "[enterprise]") {
  auto db = store::Database::in_memory();
  const auto e = ops::add_enterprise(db, k_coal_mine, "t");
  auto& sql = db.sql();
  int n = 0;
  auto hazard = [&](const char* status, const char* level, const char* due) {
    ++n;
    SQLite::Statement q(sql,
                        "INSERT INTO hazard (uuid, no, enterprise_id, sector, found_on, description, level, status, "
                        "due_on, dedupe_key, created_at, updated_at) VALUES (:u, :no, 1, 'coal', '2021-08-20', 'd', "
                        ":level, :status, :due, :n, 't', 't')");
    q.bind(":u", "u" + std::to_string(n));
    q.bind(":no", "YH-2021-00000" + std::to_string(n));
    q.bind(":level", level);
    q.bind(":status", status);
    if (due) q.bind(":due", due);
    q.bind(":n", n);
    q.exec();
  };
  hazard("open", "general", "2021-09-01");      // overdue
  hazard("rectifying", "major", "2021-09-06");  // due today: not overdue
  hazard("rectifying", "general", nullptr);     // no deadline
  hazard("submitted", "major", "2021-09-01");   // awaiting verification: not counted
  hazard("closed", "general", "2021-09-01");
  const auto c = store::EnterpriseStore(sql).hazard_counts(e.id, domain::parse_date("2021-09-06"));
  CHECK(c.open == 3);
  CHECK(c.overdue == 1);
  CHECK(c.major == 1);
}

TEST_CASE("a failed all-or-nothing import writes nothing; --skip-invalid writes the good rows", "[enterprise]") {
  auto db = store::Database::in_memory();
  TempCsv f(
      "uscc,name,sectors,region,employees\n"
      "91632224MA7A1B2C3L,甲,coal,刚察县,10\n"
      "91630100MA7QK8R2E2,乙,gas,城东区,many\n");
  ops::EnterpriseImportOptions o;
  o.now = "t";
  o.actor = "tester";
  auto r = ops::import_enterprises(db, f.path, o);
  CHECK_FALSE(r.written);
  CHECK(r.added == 1);
  CHECK(r.rejected == 1);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0] == f.path + ":3: column 'employees': value 'many': not a whole number of people");
  CHECK(db.sql().execAndGet("SELECT count(*) FROM enterprise").getInt() == 0);
  CHECK(db.sql().execAndGet("SELECT count(*) FROM import_batch").getInt() == 0);

  o.skip_invalid = true;
  r = ops::import_enterprises(db, f.path, o);
  CHECK(r.written);
  CHECK(db.sql().execAndGet("SELECT count(*) FROM enterprise").getInt() == 1);
  CHECK(db.sql()
            .execAndGet("SELECT rows_read || '/' || rows_imported || '/' || rows_rejected || '/' || encoding FROM "
                        "import_batch")
            .getString() == "2/1/1/utf-8");
}
