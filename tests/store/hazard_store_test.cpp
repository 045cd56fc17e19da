#include "error.hpp"
#include "store/hazard_store.hpp"
#include "store/import_batch_store.hpp"
#include "store/inspection_store.hpp"

#include <catch2/catch.hpp>

using namespace ankang;
using domain::Date;
using store::Hazard;

namespace {

constexpr const char* k_now = "2021-08-20T02:00:00Z";

store::EnterpriseId add_enterprise(store::Database& db, int64_t id, const char* uscc)
{
  SQLite::Statement s(db.sql(),
                      "INSERT INTO enterprise (id, uuid, uscc, name, created_at, updated_at) VALUES (?, ?, ?, ?, 't', 't')");
  s.bind(1, id);
  s.bind(2, std::string("u") + std::to_string(id));
  s.bind(3, uscc);
  s.bind(4, std::string("企业") + std::to_string(id));
  s.exec();
  return store::EnterpriseId{id};
}

Hazard sample(store::Database& db, store::EnterpriseId e)
{
  Hazard h;
  h.enterprise_id = e;
  h.sector = "coal";
  h.found_on = Date::from_ymd(2021, 8, 20);
  h.found_by = "李明";
  h.location = "+2850水平运输大巷";
  h.description = "巷道顶板离层仪读数超限，未及时补强支护";
  h.category = "equipment";
  h.no = store::next_hazard_no(db, h.found_on);
  return h;
}

}  // namespace

TEST_CASE("hazard store: insert, find by id or number, every column round-trips", "[hazard_store]")
{
  auto db = store::Database::in_memory();
  const auto e = add_enterprise(db, 1, "91632224MA752XKQ3A");
  Hazard h = sample(db, e);
  CHECK(h.no == "YH-2021-000001");
  h.level = domain::HazardLevel::major;
  h.basis = "《煤矿重大事故隐患判定标准》第十条";
  h.stop_production = "partial";
  h.due_on = Date::from_ymd(2021, 9, 3);
  h.owner = "张伟";
  h.owner_dept = "通风科";
  h.measures = "补打锚索, \"加密\"支护\n分段验收";
  h.funds = domain::Money{1250000};
  h.emergency_plan = "顶板事故专项应急预案";
  const auto id = store::insert_hazard(db, h, k_now);
  CHECK(id.value > 0);

  const Hazard by_id = store::find_hazard(db, id.str());
  const Hazard by_no = store::find_hazard(db, "YH-2021-000001");
  CHECK(by_id.id == id);
  CHECK(by_no.id == id);
  CHECK(by_id.uuid.size() == 36);
  CHECK(by_id.uuid[14] == '7');  // version 7: time-ordered
  CHECK(by_id.level == domain::HazardLevel::major);
  CHECK(by_id.status == domain::HazardStatus::open);
  CHECK(by_id.basis == h.basis);
  CHECK(by_id.stop_production == "partial");
  CHECK(by_id.due_on == Date::from_ymd(2021, 9, 3));
  CHECK(by_id.measures == h.measures);
  CHECK(by_id.funds == domain::Money{1250000});
  CHECK(!by_id.completed_on);
  CHECK(by_id.verified_by.empty());
  CHECK(by_id.created_at == k_now);
  CHECK(by_id.dedupe_key == store::hazard_dedupe_key(e, h.found_on, h.location, h.description));
  // Optional text left empty is NULL, not ''.
  CHECK(db.sql().execAndGet("SELECT verified_by IS NULL AND owner IS NOT NULL FROM hazard").getInt() == 1);
}

TEST_CASE("hazard store: a hazard that does not exist is named in the error", "[hazard_store]")
{
  auto db = store::Database::in_memory();
  try {
    store::find_hazard(db, "YH-2021-999999");
    FAIL("expected not_found");
  } catch (const Error& err) {
    CHECK(err.kind() == ErrorKind::not_found);
    CHECK(std::string(err.what()) == "hazard YH-2021-999999 does not exist");
  }
  CHECK_THROWS_AS(store::find_hazard(db, "42"), Error);
  CHECK_THROWS_AS(store::find_hazard(db, "99999999999999999999999"), Error);
}

TEST_CASE("hazard store: numbers are the next after the largest of the year", "[hazard_store]")
{
  auto db = store::Database::in_memory();
  const auto e = add_enterprise(db, 1, "91632224MA752XKQ3A");
  Hazard a = sample(db, e);
  a.no = "YH-2021-000041";
  store::insert_hazard(db, a, k_now);
  Hazard odd = sample(db, e);
  odd.no = "YH-2021-9x";  // not a sequence number: ignored
  odd.description = "另一条";
  store::insert_hazard(db, odd, k_now);
  CHECK(store::next_hazard_no(db, Date::from_ymd(2021, 12, 31)) == "YH-2021-000042");
  CHECK(store::next_hazard_no(db, Date::from_ymd(2022, 1, 1)) == "YH-2022-000001");
  CHECK(store::format_hazard_no(2021, 1234567) == "YH-2021-1234567");

  Hazard dup = sample(db, e);
  dup.no = "YH-2021-000041";
  try {
    store::insert_hazard(db, dup, k_now);
    FAIL("expected conflict");
  } catch (const Error& err) {
    CHECK(err.kind() == ErrorKind::conflict);
    CHECK(std::string(err.what()) == "hazard number YH-2021-000041 is already taken");
  }
}

TEST_CASE("hazard store: the dedupe key is stable and finds the same finding", "[hazard_store]")
{
  auto db = store::Database::in_memory();
  const auto e = add_enterprise(db, 7, "91632224MA752XKQ3A");
  const Date d = Date::from_ymd(2021, 8, 20);
  // Pinned: the key is stored, so it must never change between releases.
  CHECK(store::hazard_dedupe_key(e, d, "A", "B") == store::hazard_dedupe_key(e, d, " A ", "B\n"));
  CHECK(store::hazard_dedupe_key(e, d, "AB", "") != store::hazard_dedupe_key(e, d, "A", "B"));
  CHECK(store::hazard_dedupe_key(store::EnterpriseId{1}, Date::from_ymd(2021, 8, 14), "", "x") ==
        static_cast<int64_t>(0x000049a5a99aae46ULL));  // day 18853 (2021-08-14), then the hash's high half

  Hazard h = sample(db, e);
  store::insert_hazard(db, h, k_now);
  CHECK(store::find_duplicate_hazard(db, e, d, h.location, h.description) == h.id);
  CHECK(!store::find_duplicate_hazard(db, e, d, h.location, "别的描述"));
  store::HazardWriter w(db);
  CHECK(w.find_duplicate(e, d, h.location, h.description) == h.id);
  CHECK(w.find_duplicate(e, d, h.location, h.description) == h.id);  // reused statement
  CHECK(w.find_by_no(h.no)->id == h.id);
  CHECK(!w.find_by_no("YH-1999-000001"));
}

TEST_CASE("hazard store: update, diff and events with escaped changed fields", "[hazard_store]")
{
  auto db = store::Database::in_memory();
  const auto e = add_enterprise(db, 1, "91632224MA752XKQ3A");
  Hazard h = sample(db, e);
  store::insert_hazard(db, h, k_now);
  store::append_event(db, store::HazardEvent{{}, h.id, "created", "李明", h.found_on, k_now, std::nullopt,
                                             domain::HazardStatus::open, "", "", std::nullopt, {}});

  Hazard after = h;
  after.due_on = Date::from_ymd(2021, 9, 15);
  after.description = "顶板 \"离层\"\\超限";
  after.status = domain::HazardStatus::rectifying;
  const auto changes = store::diff_hazards(h, after);
  CHECK(changes.json() ==
        R"({"description":["巷道顶板离层仪读数超限，未及时补强支护","顶板 \"离层\"\\超限"],)"
        R"("status":["open","rectifying"],"due_on":[null,"2021-09-15"]})");
  store::update_hazard(db, after, "2021-08-21T01:00:00Z");
  store::append_event(db, store::HazardEvent{{}, h.id, "planned", "张伟", Date::from_ymd(2021, 8, 21), "t",
                                             domain::HazardStatus::open, domain::HazardStatus::rectifying,
                                             changes.json(), "整改方案已制定", std::nullopt, {}});

  const Hazard stored = store::find_hazard(db, h.no);
  CHECK(stored.description == after.description);
  CHECK(stored.status == domain::HazardStatus::rectifying);
  CHECK(stored.updated_at == "2021-08-21T01:00:00Z");
  CHECK(stored.created_at == k_now);
  CHECK(stored.dedupe_key == store::hazard_dedupe_key(e, h.found_on, h.location, after.description));

  const auto events = store::list_events(db, h.id);
  REQUIRE(events.size() == 2);
  CHECK(events[0].kind == "created");
  CHECK(!events[0].from_status);
  CHECK(events[0].fields_json.empty());
  CHECK(events[1].from_status == domain::HazardStatus::open);
  CHECK(events[1].to_status == domain::HazardStatus::rectifying);
  CHECK(events[1].note == "整改方案已制定");
  const auto parsed = store::FieldChanges::parse(events[1].fields_json);
  REQUIRE(parsed.changes().size() == 3);
  CHECK(parsed.changes()[0].to == after.description);
  CHECK(!parsed.changes()[2].from);
  CHECK(parsed.json() == changes.json());
  CHECK(store::check(db).ok());

  store::FieldChanges control;
  control.add("note", std::string("a\tb\x01"), std::nullopt);
  CHECK(control.json() == R"({"note":["a\tb\u0001",null]})");
  CHECK(store::FieldChanges::parse(control.json()).changes()[0].from == std::string("a\tb\x01"));
  CHECK_THROWS_AS(store::FieldChanges::parse("{\"x\":[1,2]}"), Error);
}

TEST_CASE("inspection and import batch stores", "[hazard_store]")
{
  auto db = store::Database::in_memory();
  const auto e = add_enterprise(db, 1, "91632224MA752XKQ3A");
  store::Inspection i;
  i.enterprise_id = e;
  i.date = Date::from_ymd(2021, 8, 20);
  i.kind = "special";
  i.body = "海北州应急管理局";
  i.inspectors = "李明、王芳";
  store::insert_inspection(db, i, k_now);
  CHECK(store::find_inspection(db, i.id.str()).body == "海北州应急管理局");
  CHECK(store::find_inspection_by_key(db, e, i.date, "李明、王芳")->id == i.id);
  CHECK(!store::find_inspection_by_key(db, e, i.date, "李明"));
  store::InspectionWriter w(db);
  CHECK(w.find(e, i.date, "李明、王芳") == i.id);
  CHECK_THROWS_AS(store::find_inspection(db, "x1"), Error);

  Hazard h = sample(db, e);
  h.inspection_id = i.id;
  store::insert_hazard(db, h, k_now);
  int rows = 0;
  store::list_inspections(db, {}, [&](const store::InspectionListRow& r) {
    ++rows;
    CHECK(r.hazards == 1);
    CHECK(r.uscc == "91632224MA752XKQ3A");
  });
  CHECK(rows == 1);

  store::ImportBatch b;
  b.file_name = "findings.csv";
  b.sha256 = "ab";
  b.encoding = "utf-8";
  b.actor = "tester";
  b.started_at = k_now;
  store::insert_batch(db, b);
  b.rows_read = 3;
  b.rows_imported = 2;
  b.rows_rejected = 1;
  b.finished_at = k_now;
  store::finish_batch(db, b);
  const auto batches = store::list_batches(db, "hazard");
  REQUIRE(batches.size() == 1);
  CHECK(batches[0].rows_imported == 2);
  CHECK(batches[0].finished_at == k_now);
  CHECK(store::list_batches(db, "calendar").empty());
}

TEST_CASE("hazard store: the next number past 999999 and below the largest given", "[hazard_store]")
{
  auto db = store::Database::in_memory();
  const auto e = add_enterprise(db, 1, "91632224MA752XKQ3A");
  Hazard a = sample(db, e);
  a.no = "YH-2021-999999";
  store::insert_hazard(db, a, k_now);
  CHECK(store::next_hazard_no(db, a.found_on) == "YH-2021-1000000");
  Hazard b = sample(db, e);
  b.no = store::next_hazard_no(db, b.found_on);
  b.description = "第二条";
  store::insert_hazard(db, b, k_now);
  Hazard low = sample(db, e);
  low.no = "YH-2021-000007";  // a smaller number given later does not lower the sequence
  low.description = "第三条";
  store::insert_hazard(db, low, k_now);
  CHECK(store::next_hazard_no(db, a.found_on) == "YH-2021-1000001");
}

TEST_CASE("hazard store: migration 4 keeps re-imports and numbering of older databases", "[hazard_store]")
{
  // A database as schema version 3 left it: the hash-only duplicate key, no sequence table.
  auto db = store::Database::in_memory();
  const auto e = add_enterprise(db, 1, "91632224MA752XKQ3A");
  Hazard h = sample(db, e);
  h.no = "YH-2021-000123";
  store::insert_hazard(db, h, k_now);
  const int64_t day_key = store::hazard_dedupe_key(e, h.found_on, h.location, h.description);
  const int64_t old_key = static_cast<int64_t>((static_cast<uint64_t>(day_key) & 0xffffffffULL) << 32 | 0x5a5a5a5aULL);
  db.sql().exec("DROP TABLE exchange_source");  // migration 80
  db.sql().exec("DROP INDEX hazard_event_uuid");
  db.sql().exec("ALTER TABLE hazard_event DROP COLUMN uuid");
  db.sql().exec("DROP TABLE hazard_no_seq");
  db.sql().exec("DROP INDEX hazard_major");  // migration 5
  for (const char* table : {"supervision", "letter_event", "letter_hazard", "letter", "org"})  // migration 71
    db.sql().exec(std::string("DROP TABLE ") + table);
  db.sql().exec("DROP INDEX inspection_kind");
  db.sql().exec("DROP TABLE duty_log");      // migration 50
  db.sql().exec("DROP TABLE duty");
  db.sql().exec("DROP INDEX hazard_no_nocase");  // migration 51
  db.sql().exec("DROP TABLE hazard_due_provisional");  // migration 52
  db.sql().exec("ALTER TABLE hazard DROP COLUMN category_text");  // migration 60
  db.sql().exec("DROP TABLE import_batch_enterprise");            // migration 61
  for (const char* column : {"undone_at", "undone_by", "undo_reason"})
    db.sql().exec(std::string("ALTER TABLE import_batch DROP COLUMN ") + column);
  db.sql().exec("ALTER TABLE inspection DROP COLUMN kind_text");  // migration 62
  db.sql().exec("DROP TABLE hazard_past");                       // migration 70
  for (const char* table : {"training", "violation"})  // migration 72 (its record_batch went in 81)
    db.sql().exec(std::string("DROP TABLE ") + table);
  db.sql().exec("UPDATE hazard SET dedupe_key = " + std::to_string(old_key));
  db.sql().exec("PRAGMA user_version = 3");
  store::migrate(db.sql());
  CHECK(store::find_duplicate_hazard(db, e, h.found_on, h.location, h.description) == std::optional(h.id));
  CHECK(store::next_hazard_no(db, h.found_on) == "YH-2021-000124");
}

TEST_CASE("hazard store: a stale sequence table is repaired by a scan", "[hazard_store]")
{
  auto db = store::Database::in_memory();
  const auto e = add_enterprise(db, 1, "91632224MA752XKQ3A");
  Hazard a = sample(db, e);
  a.no = "YH-2021-000010";
  store::insert_hazard(db, a, k_now);
  db.sql().exec("UPDATE hazard_no_seq SET last = 9");  // as if a row had been written around the store
  CHECK(store::next_hazard_no(db, a.found_on) == "YH-2021-000011");
  CHECK(store::parse_hazard_no("YH-2021-000010") == std::optional(std::pair{2021, int64_t{10}}));
  CHECK_FALSE(store::parse_hazard_no("YH-2021-12a"));
  CHECK_FALSE(store::parse_hazard_no("GC-2021-0001"));
}
