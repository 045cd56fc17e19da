#include "error.hpp"
#include "ops/rectify_ops.hpp"
#include "store/deadline_rule_store.hpp"
#include "store/hazard_store.hpp"
#include "store/rectify_store.hpp"

#include <catch2/catch.hpp>

using namespace ankang;
using domain::Date;
using domain::HazardLevel;
using domain::HazardStatus;

namespace {

constexpr const char* k_now = "2021-08-20T02:00:00Z";

Date d(const char* iso) { return domain::parse_date(iso); }

int64_t count(store::Database& db, const char* table)
{
  return db.sql().execAndGet(std::string("SELECT count(*) FROM ") + table).getInt64();
}

// Two fictional enterprises and `n` open general coal hazards found on 2021-08-16.
store::Database fixture(int n = 4)
{
  auto db = store::Database::in_memory();
  db.sql().exec(
      "INSERT INTO enterprise (id, uuid, uscc, name, created_at, updated_at) VALUES"
      " (1, 'e1', '91632224MA7G3K5Q0H', '刚察县青海湖煤业有限公司', 't', 't'),"
      " (2, 'e2', '91630100MA752N8H4J', '西宁高原化工有限公司', 't', 't')");
  for (int i = 1; i <= n; ++i) {
    store::Hazard h;
    h.no = store::format_hazard_no(2021, i);
    h.enterprise_id = store::EnterpriseId{i % 2 == 0 ? 2 : 1};
    h.sector = i % 2 == 0 ? "hazchem" : "coal";
    h.found_on = d("2021-08-16");
    h.description = "隐患 " + std::to_string(i);
    h.location = "部位";
    store::insert_hazard(db, h, k_now);
  }
  return db;
}

ops::Business business(const char* on) { return {"tester", k_now, d(on)}; }

ops::RectifyRequest plan_request(const char* deadline)
{
  ops::RectifyRequest r;
  r.step = ops::RectifyStep::plan;
  r.owner = "张伟";
  r.measures = "整改";
  r.deadline = domain::parse_deadline(deadline);
  return r;
}

}  // namespace

TEST_CASE("deadline rules: defaults, set by level and sector, replaced", "[rectify_store]")
{
  auto db = store::Database::in_memory();
  const auto defaults = store::list_deadline_rules(db);
  REQUIRE(defaults.size() == 2);
  CHECK(defaults[0] == store::DeadlineRule{HazardLevel::general, "", "+10wd"});
  CHECK(defaults[1] == store::DeadlineRule{HazardLevel::major, "", "+60d"});

  CHECK_FALSE(ops::set_deadline_rule(db, HazardLevel::major, "煤矿", "30d"));
  CHECK(ops::set_deadline_rule(db, HazardLevel::general, "", "+15wd") == "+10wd");
  const auto rules = store::list_deadline_rules(db);
  REQUIRE(rules.size() == 3);
  CHECK(rules[0] == store::DeadlineRule{HazardLevel::general, "", "+15wd"});
  CHECK(rules[2] == store::DeadlineRule{HazardLevel::major, "coal", "+30d"});

  CHECK(ops::rule_for(rules, HazardLevel::major, "coal")->period == "+30d");
  CHECK(ops::rule_for(rules, HazardLevel::major, "fire")->period == "+60d");
  CHECK(ops::rule_for(rules, HazardLevel::general, "coal")->period == "+15wd");

  CHECK_THROWS_AS(ops::set_deadline_rule(db, HazardLevel::general, "", "2021-09-30"), Error);
  CHECK_THROWS_AS(ops::set_deadline_rule(db, HazardLevel::general, "mining", "+5wd"), Error);
  CHECK(store::list_deadline_rules(db).size() == 3);
}

TEST_CASE("a bulk step is one transaction: one failure writes nothing", "[rectify_store]")
{
  auto db = fixture();
  ops::HazardSelection sel;
  sel.keys = {"1", "YH-2021-000002", "3"};
  const auto results = ops::rectify(db, sel, plan_request("+10wd"), business("2021-08-17"));
  REQUIRE(results.size() == 3);
  CHECK(results[1].no == "YH-2021-000002");
  CHECK(results[0].transition.after.due_on == d("2021-08-31"));
  CHECK(count(db, "hazard_event") == 3);

  // Done on 1, 2, 3 and 4: 4 is still open, so nothing at all changes.
  ops::RectifyRequest done;
  done.step = ops::RectifyStep::done;
  sel.keys = {"1", "2", "3", "4"};
  try {
    ops::rectify(db, sel, done, business("2021-08-20"));
    FAIL("expected a conflict");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::conflict);
    CHECK(std::string(e.what()) == "cannot mark hazard YH-2021-000004 done: it is 待整改 (open)");
  }
  CHECK(count(db, "hazard_event") == 3);
  CHECK(store::find_hazard(db, "1").status == HazardStatus::rectifying);

  // A dry run reports and writes nothing.
  sel.keys = {"1", "2", "3"};
  CHECK(ops::rectify(db, sel, done, business("2021-08-20"), true).size() == 3);
  CHECK(count(db, "hazard_event") == 3);
  CHECK(store::find_hazard(db, "1").status == HazardStatus::rectifying);

  // A filter: the hazchem enterprise's rectifying hazards (only 2).
  ops::HazardSelection by_filter;
  by_filter.filter = store::RectifyFilter{};
  by_filter.filter->enterprise = store::find_enterprise_id(db, "西宁高原化工有限公司");
  by_filter.filter->statuses = {HazardStatus::rectifying};
  const auto filtered = ops::rectify(db, by_filter, done, business("2021-08-20"));
  REQUIRE(filtered.size() == 1);
  CHECK(filtered[0].no == "YH-2021-000002");
  CHECK(store::find_hazard(db, "2").completed_on == d("2021-08-20"));
}

TEST_CASE("a step's event records actor, dates, statuses and changed fields", "[rectify_store]")
{
  auto db = fixture(1);
  ops::rectify_one(db, "1", plan_request("2021-08-30"), business("2021-08-17"));
  ops::RectifyRequest extend;
  extend.step = ops::RectifyStep::extend;
  extend.deadline = domain::parse_deadline("+5wd");
  extend.text = "备件未到货";
  const auto r = ops::rectify_one(db, "YH-2021-000001", extend, business("2021-08-25"));
  CHECK(r.transition.after.due_on == d("2021-09-06"));
  const auto h = store::find_hazard(db, "1");
  CHECK(h.extensions == 1);
  CHECK(h.due_on == d("2021-09-06"));
  const auto events = store::list_events(db, h.id);
  REQUIRE(events.size() == 2);
  CHECK(events[1].kind == "extended");
  CHECK(events[1].actor == "tester");
  CHECK(events[1].on_date == d("2021-08-25"));
  CHECK(events[1].at == k_now);
  CHECK(events[1].from_status == HazardStatus::rectifying);
  CHECK(events[1].to_status == HazardStatus::rectifying);
  CHECK(events[1].fields_json == R"({"due_on":["2021-08-30","2021-09-06"],"extensions":["0","1"]})");
  CHECK(events[1].note == "备件未到货");
  CHECK(store::check(db).ok());

  CHECK_THROWS_AS(ops::rectify_one(db, "YH-2021-000099", extend, business("2021-08-25")), Error);
}

TEST_CASE("overdue: open or rectifying with a deadline before the as-of date, longest first", "[rectify_store]")
{
  auto db = fixture(4);
  ops::rectify_one(db, "1", plan_request("2021-08-20"), business("2021-08-17"));
  ops::rectify_one(db, "2", plan_request("2021-08-18"), business("2021-08-17"));
  ops::rectify_one(db, "3", plan_request("2021-08-19"), business("2021-08-17"));
  ops::RectifyRequest done;
  done.step = ops::RectifyStep::done;
  ops::rectify_one(db, "3", done, business("2021-08-19"));  // submitted: not overdue

  const auto overdue = store::list_overdue(db, d("2021-08-20"), {});
  REQUIRE(overdue.size() == 1);
  CHECK(overdue[0].no == "YH-2021-000002");
  CHECK(overdue[0].enterprise == "西宁高原化工有限公司");
  CHECK(overdue[0].owner == "张伟");

  const auto later = store::list_overdue(db, d("2021-09-01"), {});
  REQUIRE(later.size() == 2);
  CHECK(later[0].no == "YH-2021-000002");
  CHECK(later[1].no == "YH-2021-000001");

  store::RectifyFilter coal;
  coal.sector = "coal";
  CHECK(store::list_overdue(db, d("2021-09-01"), coal).size() == 1);

  const auto due = ops::list_due(db, "2wd", d("2021-08-18"), {});
  REQUIRE(due.size() == 2);  // 08-18 and 08-20 (hazard 3 is submitted)
  CHECK(due[0].no == "YH-2021-000002");
  CHECK(due[1].no == "YH-2021-000001");
}

TEST_CASE("rectify deadline fills missing deadlines from found_on; a dry run writes nothing", "[rectify_store]")
{
  auto db = fixture(4);
  ops::rectify_one(db, "1", plan_request("2021-08-30"), business("2021-08-17"));
  ops::set_deadline_rule(db, HazardLevel::general, "hazchem", "eom");

  std::vector<ops::DeadlineFill> seen;
  const auto collect = [&](const ops::DeadlineFill& f) { seen.push_back(f); };
  const auto dry = ops::fill_deadlines(db, {}, business("2021-08-20"), false, collect);
  CHECK(dry.filled == 3);
  REQUIRE(seen.size() == 3);
  CHECK(seen[0].no == "YH-2021-000002");
  CHECK(seen[0].period == "eom");
  CHECK(seen[0].due_on == d("2021-08-31"));
  CHECK(seen[1].no == "YH-2021-000003");
  CHECK(seen[1].period == "+10wd");
  CHECK(seen[1].due_on == d("2021-08-30"));
  CHECK(count(db, "hazard_event") == 1);

  seen.clear();
  const auto applied = ops::fill_deadlines(db, {}, business("2021-08-20"), true, collect);
  CHECK(applied.filled == 3);
  CHECK(count(db, "hazard_event") == 4);
  CHECK(store::find_hazard(db, "3").due_on == d("2021-08-30"));
  const auto events = store::list_events(db, store::find_hazard(db, "4").id);
  REQUIRE(events.size() == 1);
  CHECK(events[0].kind == "updated");
  CHECK(events[0].fields_json == R"({"due_on":[null,"2021-08-31"]})");
  CHECK(events[0].note == "deadline rule general/hazchem: eom");

  seen.clear();
  CHECK(ops::fill_deadlines(db, {}, business("2021-08-20"), true, collect).filled == 0);
}

TEST_CASE("undated hazards read a chunk at a time are those of one pass, with rows updated between chunks", "[rectify_store]")
{
  auto db = fixture(7);
  ops::rectify_one(db, "3", plan_request("2021-08-30"), business("2021-08-17"));

  std::vector<std::string> one_pass;
  store::for_each_undated_hazard(db, {}, [&](const store::UndatedHazard& u) { one_pass.push_back(u.no); });
  REQUIRE(one_pass.size() == 6);

  // Each chunk is given a deadline before the next is read, as `rectify deadline --apply` does.
  store::UndatedHazardReader reader(db, {});
  store::DeadlineWriter writer(db);
  std::vector<std::string> chunked;
  for (auto* chunk = &reader.next(4); !chunk->empty(); chunk = &reader.next(4)) {
    CHECK(chunk->size() <= 4);
    for (const auto& u : *chunk) {
      chunked.push_back(u.no);
      CHECK(u.found_on == d("2021-08-16"));
      CHECK(u.status == HazardStatus::open);
      CHECK(writer.set_missing_due_on(u.id, d("2021-09-01"), k_now));
    }
  }
  CHECK(chunked == one_pass);
  CHECK(store::find_hazard(db, "7").due_on == d("2021-09-01"));
  CHECK(store::find_hazard(db, "3").due_on == d("2021-08-30"));

  // A filter narrows the chunks as it narrows the pass.
  auto db2 = fixture(5);
  store::RectifyFilter coal;
  coal.sector = "coal";
  store::UndatedHazardReader coal_reader(db2, coal);
  std::vector<std::string> coal_nos;
  for (auto* chunk = &coal_reader.next(1); !chunk->empty(); chunk = &coal_reader.next(1))
    for (const auto& u : *chunk) coal_nos.push_back(u.no);
  CHECK(coal_nos == std::vector<std::string>{"YH-2021-000001", "YH-2021-000003", "YH-2021-000005"});
}

TEST_CASE("rectify deadline --apply over more hazards than one chunk: every hazard once, one event each", "[rectify_store]")
{
  auto db = fixture(4100);
  size_t emitted = 0;
  const auto summary =
      ops::fill_deadlines(db, {}, business("2021-08-20"), true, [&](const ops::DeadlineFill&) { ++emitted; });
  CHECK(summary.filled == 4100);
  CHECK(emitted == 4100);
  CHECK(count(db, "hazard_event") == 4100);
  CHECK(db.sql().execAndGet("SELECT count(*) FROM hazard WHERE due_on IS NULL").getInt64() == 0);
  CHECK(db.sql().execAndGet("SELECT count(DISTINCT hazard_id) FROM hazard_event").getInt64() == 4100);
  // Events in hazard order, as the one-pass version wrote them.
  CHECK(db.sql().execAndGet("SELECT count(*) FROM hazard_event a JOIN hazard_event b ON b.id = a.id + 1 "
                            "WHERE b.hazard_id < a.hazard_id").getInt64() == 0);
  const auto events = store::list_events(db, store::find_hazard(db, "4100").id);
  REQUIRE(events.size() == 1);
  CHECK(events[0].fields_json == R"({"due_on":[null,"2021-08-30"]})");
  CHECK(events[0].note == "deadline rule general: +10wd");
}
