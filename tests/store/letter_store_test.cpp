#include "error.hpp"
#include "ops/letter_ops.hpp"
#include "ops/union_ops.hpp"
#include "store/database.hpp"
#include "store/letter_store.hpp"

#include <SQLiteCpp/Statement.h>
#include <catch2/catch.hpp>

using namespace ankang;
using domain::parse_date;

namespace {

// One enterprise (synthetic credit code) with two hazards, one major, and the organisation.
void seed(store::Database& db)
{
  db.sql().exec("INSERT INTO enterprise (id, uuid, uscc, name, region_code, created_at, updated_at) VALUES "
                "(1, 'e1', '91632224MA6NDUU53L', '刚察县澜峰煤炭开发有限公司', '632224', 't', 't')");
  db.sql().exec("INSERT INTO enterprise_sector (enterprise_id, sector, position) VALUES (1, 'coal', 0)");
  ops::Actor actor{"tester", parse_date("2021-09-27"), "2021-09-27T02:00:00Z"};
  ops::NewHazard h;
  h.enterprise = "91632224MA6NDUU53L";
  h.location = "2102回风顺槽";
  h.description = "局部通风机未实现双风机、双电源自动切换";
  ops::add_hazard(db, h, actor);
  h.description = "回风隅角甲烷传感器被人为包裹失效";
  h.level = "major";
  h.basis = "《煤矿重大事故隐患判定标准》第七条";
  ops::add_hazard(db, h, actor);
  ops::OrgInput org;
  org.name = "青海省总工会";
  org.short_name = "青工";
  org.level = "province";
  org.letter_prefix = "青工劳保";
  ops::set_org(db, org, actor.now);
}

int64_t count(store::Database& db, const char* table)
{
  return db.sql().execAndGet(std::string("SELECT count(*) FROM ") + table).getInt64();
}

}  // namespace

TEST_CASE("an opinion letter of 2021-09-28 is due 15 working days later, 2021-10-25, across 国庆", "[letter][store]")
{
  auto db = store::Database::in_memory();
  seed(db);
  ops::LetterRequest r;
  r.enterprise = "91632224MA6NDUU53L";
  r.hazards = {"1", "2"};
  const auto issued = ops::issue_letter(db, r, {"tester", parse_date("2021-09-28"), "2021-09-28T02:00:00Z"});
  CHECK(issued.letter.no == "青工劳保意〔2021〕1号");
  CHECK(issued.letter.reply_due == parse_date("2021-10-25"));
  CHECK(issued.letter.reply_within == "15wd");
  CHECK(issued.letter.uuid.size() == 36);
  CHECK(store::letter_hazards(db, issued.letter.id).size() == 2);
  CHECK(count(db, "letter_event") == 1);

  const auto on_25 = ops::list_letter_states(db, {}, parse_date("2021-10-25"));
  REQUIRE(on_25.size() == 1);
  CHECK(on_25[0].status == domain::LetterStatus::pending);
  CHECK(on_25[0].working_days_left == 0);
  ops::LetterQuery overdue;
  overdue.overdue = true;
  CHECK(ops::list_letter_states(db, overdue, parse_date("2021-10-25")).empty());
  const auto on_26 = ops::list_letter_states(db, overdue, parse_date("2021-10-26"));
  REQUIRE(on_26.size() == 1);
  CHECK(on_26[0].working_days_left == -1);

  // Escalation links the proposal, due 5 working days later, and ends the opinion's clock.
  const auto p = ops::escalate_letter(db, "青工劳保意〔2021〕1号", "海北州应急管理局", "", "", "",
                                      {"tester", parse_date("2021-10-26"), "2021-10-26T02:00:00Z"});
  CHECK(p.letter.no == "青工劳保建〔2021〕1号");
  CHECK(p.letter.reply_due == parse_date("2021-11-02"));
  CHECK(p.letter.escalated_from == issued.letter.id);
  CHECK(p.hazards.size() == 2);
  CHECK(ops::list_letter_states(db, overdue, parse_date("2021-10-26")).empty());
  CHECK(count(db, "letter_event") == 3);  // issued, issued, escalated
}

TEST_CASE("letter history is append-only and a failed issue writes nothing", "[letter][store]")
{
  auto db = store::Database::in_memory();
  seed(db);
  ops::LetterRequest r;
  r.enterprise = "91632224MA6NDUU53L";
  r.hazards = {"1", "no-such-hazard"};
  CHECK_THROWS_AS(ops::issue_letter(db, r, {"tester", parse_date("2021-09-28"), "2021-09-28T02:00:00Z"}), Error);
  CHECK(count(db, "letter") == 0);
  CHECK(count(db, "letter_hazard") == 0);
  r.hazards = {"1"};
  ops::issue_letter(db, r, {"tester", parse_date("2021-09-28"), "2021-09-28T02:00:00Z"});
  CHECK_THROWS(db.sql().exec("UPDATE letter_event SET note = 'x'"));
  CHECK_THROWS(db.sql().exec("DELETE FROM letter_event"));
}

TEST_CASE("挂牌督办: major hazards only, removed only once closed, both in the hazard's history", "[supervision][store]")
{
  auto db = store::Database::in_memory();
  seed(db);
  const ops::Actor actor{"tester", parse_date("2021-09-30"), "2021-09-30T02:00:00Z"};
  ops::SuperviseRequest r;
  r.by = "青海省安委会办公室";
  r.level = "province";
  CHECK_THROWS_AS(ops::supervise_hazard(db, "1", r, actor), Error);  // general
  const auto v = ops::supervise_hazard(db, "2", r, actor);
  CHECK(v.level == "province");
  CHECK(store::active_supervision(db, store::HazardId{2}).has_value());
  CHECK_THROWS_AS(ops::supervise_hazard(db, "2", r, actor), Error);  // already
  CHECK_THROWS_AS(ops::unsupervise_hazard(db, "2", actor), Error);   // not closed
  const auto events = store::list_events(db, store::HazardId{2});
  REQUIRE(events.size() == 2);
  CHECK(events.back().kind == "supervised");
  CHECK_FALSE(events.back().to_status.has_value());
}
