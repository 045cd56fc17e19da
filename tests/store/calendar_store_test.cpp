#include "../unit/holiday_blocks.hpp"
#include "domain/calendar.hpp"
#include "error.hpp"
#include "store/calendar_store.hpp"
#include "store/database.hpp"

#include <catch2/catch.hpp>

using namespace ankang;
using domain::DayKind;
using domain::parse_date;

TEST_CASE("the shipped calendar equals the notices of 2021-2026, day by day", "[calendar][store]")
{
  auto db = store::Database::in_memory();
  const auto shipped = store::load_calendar(db.sql(), domain::CalendarMode::strict);
  const auto expected = test::official_calendar();
  CHECK(shipped.covered_years_text() == "2021–2026");
  REQUIRE(shipped.days().size() == expected.days().size());
  for (size_t i = 0; i < expected.days().size(); ++i) {
    const auto& a = shipped.days()[i];
    const auto& b = expected.days()[i];
    INFO(b.date.iso());
    CHECK(a.date == b.date);
    CHECK(a.kind == b.kind);
    CHECK(a.name == b.name);
    CHECK_FALSE(a.local);
  }
  for (auto d = parse_date("2021-01-01"); d <= parse_date("2026-12-31"); d += 1)
    if (shipped.is_workday(d) != expected.is_workday(d)) FAIL(d.iso());
  CHECK(shipped.add_working_days(parse_date("2025-09-30"), 5).iso() == "2025-10-14");
}

TEST_CASE("a local day overrides the day but does not cover its year", "[calendar][store]")
{
  auto db = store::Database::in_memory();
  {
    store::WriteTransaction tx(db.sql());
    CHECK_FALSE(store::add_calendar_day(db.sql(), parse_date("2021-08-02"), DayKind::off, "那达慕"));
    const auto previous = store::add_calendar_day(db.sql(), parse_date("2021-10-09"), DayKind::off, "");
    REQUIRE(previous);
    CHECK(previous->kind == DayKind::work);
    CHECK(previous->name == "国庆节");
    CHECK_FALSE(store::add_calendar_day(db.sql(), parse_date("2027-07-01"), DayKind::off, "local"));
    tx.commit();
  }
  const auto cal = store::load_calendar(db);
  CHECK_FALSE(cal.is_workday(parse_date("2021-08-02")));
  CHECK(cal.listed(parse_date("2021-08-02"))->local);
  CHECK_FALSE(cal.is_workday(parse_date("2021-10-09")));
  CHECK_FALSE(cal.covers(2027));
  CHECK(cal.is_provisional_year(2027));
  CHECK_FALSE(cal.is_workday(parse_date("2027-07-01")));  // the local day, on the provisional calendar
  db.set_strict_calendar(true);
  CHECK_THROWS_WITH(store::load_calendar(db).is_workday(parse_date("2027-07-01")),
                    Catch::StartsWith("no calendar data for 2027"));
  CHECK(db.sql().execAndGet("SELECT source FROM calendar_day WHERE date = '2021-10-09'").getString() == "local");
}

TEST_CASE("importing a notice adds official days and covers its year", "[calendar][store]")
{
  auto db = store::Database::in_memory();
  const auto file = domain::parse_calendar_csv("date,kind,name\n2026-12-31,off,元旦\n2027-01-01,off,元旦\n2027-01-04,off,元旦\n2027-01-09,work,元旦\n");
  REQUIRE(file.problems.empty());
  store::CalendarImportResult r;
  {
    store::WriteTransaction tx(db.sql());
    r = store::import_calendar(db.sql(), file.days, {2027}, "2027 notice");
    tx.commit();
  }
  CHECK(r.added == 4);
  CHECK(r.replaced == 0);
  REQUIRE(r.newly_covered == std::vector<int>{2027});
  const auto cal = store::load_calendar(db);
  CHECK(cal.covers(2027));
  CHECK_FALSE(cal.is_provisional_year(2027));
  CHECK(cal.is_provisional_year(2028));
  CHECK(cal.add_working_days(parse_date("2026-12-30"), 1).iso() == "2027-01-05");
  CHECK(cal.is_workday(parse_date("2027-01-09")));
  CHECK(db.sql().execAndGet("SELECT source FROM calendar_year WHERE year = 2027").getString() == "2027 notice");

  // again: nothing new, a covered year stays as it was
  store::WriteTransaction tx(db.sql());
  r = store::import_calendar(db.sql(), file.days, {2026, 2027}, "again");
  CHECK(r.added == 0);
  CHECK(r.unchanged == 4);
  CHECK(r.newly_covered.empty());
}
