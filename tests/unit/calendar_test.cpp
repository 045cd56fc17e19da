#include "domain/calendar.hpp"
#include "error.hpp"
#include "holiday_blocks.hpp"

#include <catch2/catch.hpp>

using ankang::Error;
using ankang::ErrorKind;
using ankang::domain::Calendar;
using ankang::domain::DayKind;
using ankang::domain::parse_date;
using ankang::domain::RollRule;
using ankang::test::holiday_blocks;
using ankang::test::official_calendar;

namespace {

std::string plus_wd(const Calendar& cal, const char* start, int n) { return cal.add_working_days(parse_date(start), n).iso(); }
std::string plus_d(const Calendar& cal, const char* start, int n)
{
  return cal.add_calendar_days_rolled(parse_date(start), n).iso();
}

}  // namespace

TEST_CASE("the test vectors of domain.md §8", "[calendar]")
{
  const auto cal = official_calendar();
  CHECK(plus_wd(cal, "2023-12-29", 1) == "2024-01-02");
  CHECK(plus_wd(cal, "2024-02-08", 2) == "2024-02-18");
  CHECK(plus_wd(cal, "2025-09-30", 5) == "2025-10-14");
  CHECK(plus_wd(cal, "2025-09-26", 3) == "2025-09-30");
  CHECK(plus_wd(cal, "2026-02-12", 3) == "2026-02-24");
  CHECK(plus_d(cal, "2025-09-24", 7) == "2025-10-09");
  CHECK(plus_d(cal, "2026-02-10", 7) == "2026-02-24");
  CHECK(plus_d(cal, "2024-04-30", 1) == "2024-05-06");
  // and back again
  CHECK(plus_wd(cal, "2024-01-02", -1) == "2023-12-29");
  CHECK(plus_wd(cal, "2024-02-18", -2) == "2024-02-08");
  CHECK(plus_wd(cal, "2025-10-14", -5) == "2025-09-30");
  CHECK(plus_wd(cal, "2025-09-30", -3) == "2025-09-26");
  CHECK(plus_wd(cal, "2026-02-24", -3) == "2026-02-12");
}

TEST_CASE("every holiday block of 2021-2026, in both directions", "[calendar]")
{
  const auto cal = official_calendar();
  for (const auto& b : holiday_blocks()) {
    INFO(b.name << " " << b.first_off << ".." << b.last_off);
    const auto first = parse_date(b.first_off);
    const auto last = parse_date(b.last_off);
    for (auto d = first; d <= last; d += 1) {
      INFO(d.iso());
      CHECK_FALSE(cal.is_workday(d));
      REQUIRE(cal.listed(d) != nullptr);
      CHECK(cal.listed(d)->kind == DayKind::off);
    }
    for (const char* w : b.make_up) {
      INFO(w);
      CHECK(cal.is_workday(parse_date(w)));
      CHECK(parse_date(w).is_weekend());  // make-up days are always Saturdays or Sundays
    }
    // Every day strictly between the two working days around the block is a day off.
    const auto after = parse_date(b.workday_after);
    CHECK(cal.add_working_days(last, 1).iso() == b.workday_after);
    CHECK(cal.add_calendar_days_rolled(first, 0).iso() == b.workday_after);
    if (parse_date(b.workday_before).year() == 2020) {
      CHECK_THROWS_WITH(cal.add_working_days(after, -1), Catch::Contains("no calendar data for 2020"));
      continue;
    }
    const auto before = parse_date(b.workday_before);
    CHECK(cal.add_working_days(before, 1).iso() == b.workday_after);
    CHECK(cal.add_working_days(after, -1).iso() == b.workday_before);
    CHECK(cal.add_working_days(first, -1).iso() == b.workday_before);
    CHECK(cal.working_days_between(before, after) == 1);
    CHECK(cal.working_days_between(after, before) == -1);
  }
}

TEST_CASE("make-up Saturdays and Sundays are working days", "[calendar]")
{
  const auto cal = official_calendar();
  // Saturdays
  CHECK(cal.is_workday(parse_date("2021-02-20")));
  CHECK(plus_wd(cal, "2021-02-19", 1) == "2021-02-20");
  CHECK(plus_wd(cal, "2025-10-10", 1) == "2025-10-11");
  CHECK(plus_wd(cal, "2025-10-13", -2) == "2025-10-10");  // back over Sunday, then the Saturday counts
  CHECK(plus_wd(cal, "2026-02-13", 1) == "2026-02-14");
  // Sundays
  CHECK(cal.is_workday(parse_date("2024-02-04")));
  CHECK(plus_wd(cal, "2024-02-02", 1) == "2024-02-04");
  CHECK(plus_wd(cal, "2024-02-05", -1) == "2024-02-04");
  CHECK(plus_wd(cal, "2026-01-03", 1) == "2026-01-04");
  // A make-up weekend pair (2022-10-08/09, 2023-01-28/29)
  CHECK(plus_wd(cal, "2022-10-07", 2) == "2022-10-09");
  CHECK(plus_wd(cal, "2023-01-27", 3) == "2023-01-30");
  // Ordinary weekends are days off, listed or not
  CHECK_FALSE(cal.is_workday(parse_date("2021-08-14")));
  CHECK_FALSE(cal.is_workday(parse_date("2021-08-15")));
  CHECK(cal.is_workday(parse_date("2021-08-16")));
  CHECK(cal.listed(parse_date("2021-08-14")) == nullptr);
}

TEST_CASE("year boundaries", "[calendar]")
{
  const auto cal = official_calendar();
  CHECK(plus_wd(cal, "2021-12-31", 1) == "2022-01-04");
  CHECK(plus_wd(cal, "2022-01-04", -1) == "2021-12-31");
  CHECK(plus_wd(cal, "2022-12-30", 1) == "2023-01-03");
  CHECK(plus_wd(cal, "2024-12-31", 1) == "2025-01-02");
  CHECK(plus_wd(cal, "2025-12-31", 1) == "2026-01-04");
  CHECK(plus_wd(cal, "2026-01-04", -1) == "2025-12-31");
  CHECK(plus_d(cal, "2022-12-30", 1) == "2023-01-03");
  CHECK(plus_wd(cal, "2026-12-30", 1) == "2026-12-31");
  CHECK(plus_wd(cal, "2021-06-01", 0) == "2021-06-01");
}

TEST_CASE("a year without data is an error, never a weekends-only guess", "[calendar]")
{
  const auto cal = official_calendar();
  CHECK(cal.covered_years_text() == "2021–2026");
  CHECK_FALSE(cal.covers(2027));
  try {
    (void)cal.add_working_days(parse_date("2026-12-25"), 10);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::invalid_input);
    CHECK(std::string(e.what()) ==
          "no calendar data for 2027: counting 10 working days from 2026-12-25 reaches 2027-01-01 "
          "(official days off are on record for 2021–2026; provisional counting is off: --strict-calendar or "
          "ANKANG_STRICT_CALENDAR=1)");
    CHECK(e.hint() == "add next year's days with 'ankang calendar import FILE' (date,kind,name)");
  }
  CHECK_THROWS_WITH(cal.is_workday(parse_date("2027-03-01")),
                    Catch::StartsWith("no calendar data for 2027: cannot tell whether 2027-03-01 is a working day"));
  CHECK_THROWS_WITH(cal.add_calendar_days_rolled(parse_date("2026-12-20"), 30), Catch::StartsWith("no calendar data for 2027"));
  CHECK_THROWS_WITH(cal.working_days_between(parse_date("2026-12-01"), parse_date("2027-01-10")),
                    Catch::StartsWith("no calendar data for 2027"));
  CHECK_THROWS_WITH(cal.add_working_days(parse_date("2021-01-05"), -3), Catch::StartsWith("no calendar data for 2020"));
  CHECK_THROWS_WITH(cal.last_workday_of_month(parse_date("2027-01-05")), Catch::StartsWith("no calendar data for 2027"));
  // A count that stays inside covered years works even when it starts next to an uncovered one.
  CHECK(plus_wd(cal, "2020-12-31", 1) == "2021-01-04");

  const Calendar empty;
  CHECK(empty.covered_years_text() == "none");
  CHECK_THROWS_AS(empty.is_workday(parse_date("2021-08-16")), Error);
  const Calendar gaps({}, {}, {2021, 2022, 2023, 2025});
  CHECK(gaps.covered_years_text() == "2021–2023, 2025");
}

TEST_CASE("Art. 203 roll-forward: weekends and holidays by default, or holidays only", "[calendar]")
{
  const auto cal = official_calendar();
  // 2021-08-07 + 7 = Saturday 2021-08-14 → Monday 2021-08-16
  CHECK(plus_d(cal, "2021-08-07", 7) == "2021-08-16");
  CHECK(cal.add_calendar_days_rolled(parse_date("2021-08-07"), 7, RollRule::holidays_only).iso() == "2021-08-14");
  // ending on a holiday rolls past it under both rules
  CHECK(cal.add_calendar_days_rolled(parse_date("2024-04-30"), 1, RollRule::holidays_only).iso() == "2024-05-06");
  // ending on a make-up Sunday: that day is a working day
  CHECK(plus_d(cal, "2024-02-11", 7) == "2024-02-18");
  // a working day stays
  CHECK(plus_d(cal, "2021-08-09", 7) == "2021-08-16");
  CHECK(ankang::domain::parse_roll_rule("holidays") == RollRule::holidays_only);
  CHECK(ankang::domain::parse_roll_rule("weekends+holidays") == RollRule::weekends_and_holidays);
  CHECK_THROWS_AS(ankang::domain::parse_roll_rule("sometimes"), Error);
}

TEST_CASE("working days between two dates", "[calendar]")
{
  const auto cal = official_calendar();
  CHECK(cal.working_days_between(parse_date("2021-08-16"), parse_date("2021-08-16")) == 0);
  CHECK(cal.working_days_between(parse_date("2021-08-16"), parse_date("2021-08-20")) == 4);
  CHECK(cal.working_days_between(parse_date("2021-08-13"), parse_date("2021-08-16")) == 1);
  CHECK(cal.working_days_between(parse_date("2025-09-30"), parse_date("2025-10-14")) == 5);
  CHECK(cal.working_days_between(parse_date("2025-10-14"), parse_date("2025-09-30")) == -5);
  // 2021 had 250 working days (counted independently from the notice)
  CHECK(cal.working_days_between(parse_date("2020-12-31"), parse_date("2021-12-31")) == 250);
  for (int n : {1, 5, 10, 30, 60, -7, -30}) {
    INFO(n);
    const auto start = parse_date("2024-09-27");
    CHECK(cal.working_days_between(start, cal.add_working_days(start, n)) == n);
  }
}

TEST_CASE("last working day of a week, month, quarter", "[calendar]")
{
  const auto cal = official_calendar();
  CHECK(cal.last_workday_of_week(parse_date("2021-08-18")).iso() == "2021-08-20");
  CHECK(cal.last_workday_of_week(parse_date("2021-10-05")).iso() == "2021-10-09");  // a make-up Saturday ends it
  CHECK(cal.last_workday_of_week(parse_date("2024-02-05")).iso() == "2024-02-09");
  // the week of 2026-02-16 is all 春节: the first working day after it
  CHECK(cal.last_workday_of_week(parse_date("2026-02-18")).iso() == "2026-02-24");
  CHECK(cal.last_workday_of_month(parse_date("2021-10-12")).iso() == "2021-10-29");
  CHECK(cal.last_workday_of_month(parse_date("2022-04-01")).iso() == "2022-04-29");
  CHECK(cal.last_workday_of_month(parse_date("2023-09-01")).iso() == "2023-09-28");  // 09-29/30 中秋国庆
  CHECK(cal.last_workday_of_month(parse_date("2022-01-05")).iso() == "2022-01-30");  // a make-up Sunday
  CHECK(cal.last_workday_of_quarter(parse_date("2021-08-14")).iso() == "2021-09-30");
  CHECK(cal.last_workday_of_quarter(parse_date("2024-12-02")).iso() == "2024-12-31");
  CHECK(cal.last_workday_of_quarter(parse_date("2023-08-01")).iso() == "2023-09-28");
  CHECK(cal.last_workday_of_quarter(parse_date("2022-11-11")).iso() == "2022-12-30");
}

TEST_CASE("a later entry for the same date wins; names and listing", "[calendar]")
{
  using ankang::domain::CalendarDay;
  const Calendar cal({{parse_date("2021-08-16"), DayKind::off, "official", false},
                      {parse_date("2021-08-02"), DayKind::off, "那达慕", true},
                      {parse_date("2021-08-16"), DayKind::work, "local", true}},
                     {2021});
  CHECK(cal.is_workday(parse_date("2021-08-16")));
  CHECK(cal.listed(parse_date("2021-08-16"))->name == "local");
  CHECK_FALSE(cal.is_workday(parse_date("2021-08-02")));
  const auto listed = cal.listed_between(parse_date("2021-08-01"), parse_date("2021-08-31"));
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].name == "那达慕");
  CHECK(listed[1].date.iso() == "2021-08-16");
  CHECK(cal.listed_between(parse_date("2021-09-01"), parse_date("2021-09-30")).empty());
}

TEST_CASE("calendar CSV: kinds, header, quoting and every bad line", "[calendar]")
{
  using ankang::domain::parse_calendar_csv;
  using ankang::domain::parse_day_kind;
  CHECK(parse_day_kind("off") == DayKind::off);
  CHECK(parse_day_kind("休") == DayKind::off);
  CHECK(parse_day_kind("TRUE") == DayKind::off);
  CHECK(parse_day_kind("work") == DayKind::work);
  CHECK(parse_day_kind("班") == DayKind::work);
  CHECK(parse_day_kind("false") == DayKind::work);
  CHECK_FALSE(parse_day_kind("maybe"));

  const auto good = parse_calendar_csv("\xEF\xBB\xBF" "date,kind,name\r\n2027-01-01,off,元旦\r\n\r\n2027/2/6,班,\"春节, 调休\"\r\n");
  CHECK(good.problems.empty());
  REQUIRE(good.days.size() == 2);
  CHECK(good.days[0].date.iso() == "2027-01-01");
  CHECK(good.days[0].kind == DayKind::off);
  CHECK(good.days[1].kind == DayKind::work);
  CHECK(good.days[1].name == "春节, 调休");

  // headerless, holiday-cn column order through a header
  const auto reordered = parse_calendar_csv("name,date,isOffDay\n元旦,2027-01-01,true\n");
  REQUIRE(reordered.days.size() == 1);
  CHECK(reordered.days[0].name == "元旦");
  const auto plain = parse_calendar_csv("2027-01-01,off\n");
  REQUIRE(plain.days.size() == 1);
  CHECK(plain.days[0].name.empty());

  const auto bad = parse_calendar_csv("date,kind,name\n2027-13-01,off,x\n2027-01-02,maybe,y\n2027-01-03\n2027-01-04,off\n2027-1-4,work\n");
  CHECK(bad.days.size() == 1);
  REQUIRE(bad.problems.size() == 4);
  CHECK(bad.problems[0].line == 2);
  CHECK(bad.problems[0].column == "date");
  CHECK(bad.problems[0].value == "2027-13-01");
  CHECK(bad.problems[0].reason == "month 13 does not exist");
  CHECK(bad.problems[1].line == 3);
  CHECK(bad.problems[1].column == "kind");
  CHECK(bad.problems[1].value == "maybe");
  CHECK(bad.problems[2].line == 4);
  CHECK(bad.problems[2].reason.starts_with("the kind is missing"));
  CHECK(bad.problems[3].line == 6);
  CHECK(bad.problems[3].reason == "the same day is already on line 5");

  const auto empty = parse_calendar_csv("date,kind,name\n");
  REQUIRE(empty.problems.size() == 1);
  CHECK(empty.problems[0].reason == "the file has no days");
}
