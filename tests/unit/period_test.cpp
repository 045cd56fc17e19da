#include "domain/period.hpp"
#include "error.hpp"

#include <catch2/catch.hpp>

using ankang::Error;
using ankang::ErrorKind;
using ankang::domain::Lang;
using ankang::domain::parse_date;
using ankang::domain::parse_period;
using ankang::domain::Period;
using ankang::domain::PeriodKind;

namespace {

const auto k_today = parse_date("2021-09-22");  // a Wednesday, 2021-W38, Q3

std::string span(const Period& p) { return p.start.iso() + ".." + p.end.iso(); }

}  // namespace

TEST_CASE("absolute periods", "[period]")
{
  auto p = parse_period("2021-W35", k_today);
  CHECK(p.kind == PeriodKind::week);
  CHECK(span(p) == "2021-08-30..2021-09-05");
  CHECK(span(parse_period("2021w35", k_today)) == "2021-08-30..2021-09-05");
  CHECK(span(parse_period("2021年第35周", k_today)) == "2021-08-30..2021-09-05");
  // ISO weeks that straddle years
  CHECK(span(parse_period("2020-W53", k_today)) == "2020-12-28..2021-01-03");
  CHECK(span(parse_period("2021-W01", k_today)) == "2021-01-04..2021-01-10");
  CHECK(span(parse_period("2025-W01", k_today)) == "2024-12-30..2025-01-05");
  CHECK(span(parse_period("2026-W53", k_today)) == "2026-12-28..2027-01-03");

  p = parse_period("2021-08", k_today);
  CHECK(p.kind == PeriodKind::month);
  CHECK(span(p) == "2021-08-01..2021-08-31");
  CHECK(span(parse_period("2024-02", k_today)) == "2024-02-01..2024-02-29");
  CHECK(span(parse_period("2021-8", k_today)) == "2021-08-01..2021-08-31");
  CHECK(span(parse_period("2021年8月", k_today)) == "2021-08-01..2021-08-31");

  for (const char* q : {"2021Q3", "2021-Q3", "2021q3", "2021年第3季度"}) {
    INFO(q);
    p = parse_period(q, k_today);
    CHECK(p.kind == PeriodKind::quarter);
    CHECK(span(p) == "2021-07-01..2021-09-30");
  }
  CHECK(span(parse_period("2021Q1", k_today)) == "2021-01-01..2021-03-31");
  CHECK(span(parse_period("2021Q4", k_today)) == "2021-10-01..2021-12-31");

  p = parse_period("2021", k_today);
  CHECK(p.kind == PeriodKind::year);
  CHECK(span(p) == "2021-01-01..2021-12-31");
  CHECK(span(parse_period("2021年", k_today)) == "2021-01-01..2021-12-31");

  p = parse_period("2021-08-01..2021-08-31", k_today);
  CHECK(p.kind == PeriodKind::range);
  CHECK(span(p) == "2021-08-01..2021-08-31");
  CHECK(span(parse_period("2021/8/1 .. 2021年8月14日", k_today)) == "2021-08-01..2021-08-14");
  CHECK(span(parse_period("2021-08-14..2021-08-14", k_today)) == "2021-08-14..2021-08-14");
}

TEST_CASE("relative periods in English and Chinese", "[period]")
{
  CHECK(span(parse_period("this-week", k_today)) == "2021-09-20..2021-09-26");
  CHECK(span(parse_period("本周", k_today)) == "2021-09-20..2021-09-26");
  CHECK(span(parse_period("last-week", k_today)) == "2021-09-13..2021-09-19");
  CHECK(span(parse_period("上周", k_today)) == "2021-09-13..2021-09-19");
  CHECK(span(parse_period("this-month", k_today)) == "2021-09-01..2021-09-30");
  CHECK(span(parse_period("本月", k_today)) == "2021-09-01..2021-09-30");
  CHECK(span(parse_period("last-month", k_today)) == "2021-08-01..2021-08-31");
  CHECK(span(parse_period("上月", k_today)) == "2021-08-01..2021-08-31");
  CHECK(span(parse_period("this-quarter", k_today)) == "2021-07-01..2021-09-30");
  CHECK(span(parse_period("本季度", k_today)) == "2021-07-01..2021-09-30");
  CHECK(span(parse_period("last-quarter", k_today)) == "2021-04-01..2021-06-30");
  CHECK(span(parse_period("上季度", k_today)) == "2021-04-01..2021-06-30");
  CHECK(span(parse_period("this-year", k_today)) == "2021-01-01..2021-12-31");
  CHECK(span(parse_period("本年", k_today)) == "2021-01-01..2021-12-31");
  CHECK(span(parse_period("今年", k_today)) == "2021-01-01..2021-12-31");
  CHECK(span(parse_period("last-year", k_today)) == "2020-01-01..2020-12-31");
  CHECK(span(parse_period("去年", k_today)) == "2020-01-01..2020-12-31");
  CHECK(span(parse_period("THIS-WEEK", k_today)) == "2021-09-20..2021-09-26");
  // across a year boundary
  const auto jan = parse_date("2022-01-02");  // a Sunday of 2021-W52
  CHECK(span(parse_period("this-week", jan)) == "2021-12-27..2022-01-02");
  CHECK(span(parse_period("last-month", jan)) == "2021-12-01..2021-12-31");
  CHECK(span(parse_period("last-quarter", jan)) == "2021-10-01..2021-12-31");
  CHECK(parse_period("this-week", k_today).kind == PeriodKind::week);
}

TEST_CASE("previous periods", "[period]")
{
  CHECK(span(parse_period("2021-W01", k_today).previous()) == "2020-12-28..2021-01-03");
  CHECK(parse_period("2021-W01", k_today).previous().code() == "2020-W53");
  CHECK(span(parse_period("2021-03", k_today).previous()) == "2021-02-01..2021-02-28");
  CHECK(span(parse_period("2021-01", k_today).previous()) == "2020-12-01..2020-12-31");
  CHECK(span(parse_period("2021Q1", k_today).previous()) == "2020-10-01..2020-12-31");
  CHECK(span(parse_period("2021", k_today).previous()) == "2020-01-01..2020-12-31");
  const auto range = parse_period("2021-08-01..2021-08-10", k_today).previous();
  CHECK(range.kind == PeriodKind::range);
  CHECK(span(range) == "2021-07-22..2021-07-31");
  CHECK(range.days() == 10);
}

TEST_CASE("codes and labels", "[period]")
{
  const auto week = parse_period("2021-W38", k_today);
  CHECK(week.code() == "2021-W38");
  CHECK(week.label(Lang::zh) == "2021年第38周（2021-09-20至2021-09-26）");
  CHECK(week.label(Lang::en) == "2021-W38 (2021-09-20 to 2021-09-26)");
  CHECK(parse_period("2020-W53", k_today).label(Lang::zh) == "2020年第53周（2020-12-28至2021-01-03）");
  const auto month = parse_period("2021-08", k_today);
  CHECK(month.code() == "2021-08");
  CHECK(month.label(Lang::zh) == "2021年8月（2021-08-01至2021-08-31）");
  CHECK(month.label(Lang::en) == "2021-08 (2021-08-01 to 2021-08-31)");
  const auto quarter = parse_period("2021Q3", k_today);
  CHECK(quarter.code() == "2021-Q3");
  CHECK(quarter.label(Lang::zh) == "2021年第3季度（2021-07-01至2021-09-30）");
  CHECK(quarter.label(Lang::en) == "2021-Q3 (2021-07-01 to 2021-09-30)");
  const auto year = parse_period("2021", k_today);
  CHECK(year.code() == "2021");
  CHECK(year.label(Lang::zh) == "2021年（2021-01-01至2021-12-31）");
  const auto range = parse_period("2021-08-01..2021-08-31", k_today);
  CHECK(range.code() == "2021-08-01..2021-08-31");
  CHECK(range.label(Lang::zh) == "2021-08-01至2021-08-31");
  CHECK(range.label(Lang::en) == "2021-08-01 to 2021-08-31");
  // codes parse back to the same period
  for (const auto& p : {week, month, quarter, year, range}) CHECK(parse_period(p.code(), k_today) == p);
  CHECK(range.contains(parse_date("2021-08-31")));
  CHECK_FALSE(range.contains(parse_date("2021-09-01")));
}

TEST_CASE("bad periods name the text and list the valid forms", "[period]")
{
  const auto message = [](const char* text) {
    try {
      (void)parse_period(text, k_today);
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::invalid_input);
      CHECK(e.hint().starts_with("expected 2021-W35 (ISO week), 2021-08, 2021Q3"));
      CHECK(e.hint().find("去年") != std::string::npos);
      return std::string(e.what());
    }
    FAIL("no error for " << text);
    return std::string();
  };
  CHECK(message("2021-W54") == "'2021-W54' is not a period: 2021 has 52 ISO weeks");
  CHECK(message("2021-W00") == "'2021-W00' is not a period: 2021 has 52 ISO weeks");
  CHECK(message("2021-13") == "'2021-13' is not a period: month 13 does not exist");
  CHECK(message("2021Q5") == "'2021Q5' is not a period: quarter 5 does not exist");
  CHECK(message("2021-09-01..2021-08-01") == "'2021-09-01..2021-08-01' is not a period: the range ends before it starts");
  CHECK(message("2021-02-30..2021-03-01") == "'2021-02-30..2021-03-01' is not a period: '2021-02-30' is not a date: February has 28 days");
  CHECK(message("next-week") == "'next-week' is not a period");
  CHECK(message("") == "'' is not a period: the period is empty");
  CHECK(message("2021-08-14") == "'2021-08-14' is not a period");
  CHECK(message("21Q3") == "'21Q3' is not a period");
  CHECK(message("0999") == "'0999' is not a period: year 999 is out of range (1900-2999)");
}
