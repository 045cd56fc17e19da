#include "domain/deadline.hpp"
#include "error.hpp"
#include "holiday_blocks.hpp"

#include <catch2/catch.hpp>

using ankang::Error;
using ankang::ErrorKind;
using ankang::domain::DeadlineSpec;
using ankang::domain::parse_date;
using ankang::domain::parse_deadline;
using ankang::domain::parse_window;
using ankang::domain::resolve;
using ankang::domain::RollRule;
using ankang::test::official_calendar;

namespace {

std::string at(const char* spec, const char* base)
{
  static const auto cal = official_calendar();
  return resolve(parse_deadline(spec), parse_date(base), cal).iso();
}

}  // namespace

TEST_CASE("deadline forms parse", "[deadline]")
{
  auto s = parse_deadline("+10wd");
  CHECK(s.kind == DeadlineSpec::Kind::working_days);
  CHECK(s.count == 10);
  CHECK(s.text() == "+10wd");
  CHECK(parse_deadline("10WD") == s);
  CHECK(parse_deadline("10个工作日") == s);
  s = parse_deadline("+30d");
  CHECK(s.kind == DeadlineSpec::Kind::calendar_days);
  CHECK(s.count == 30);
  CHECK(s.text() == "+30d");
  CHECK(parse_deadline("30天") == s);
  CHECK(parse_deadline("eow").kind == DeadlineSpec::Kind::end_of_week);
  CHECK(parse_deadline("EOM").kind == DeadlineSpec::Kind::end_of_month);
  CHECK(parse_deadline("eoq").kind == DeadlineSpec::Kind::end_of_quarter);
  CHECK(parse_deadline("月底").kind == DeadlineSpec::Kind::end_of_month);
  for (const char* d : {"2021-09-30", "2021/9/30", "2021年9月30日", "20210930", "2021-09-30 00:00:00", " 2021.9.30 "}) {
    INFO(d);
    s = parse_deadline(d);
    CHECK(s.kind == DeadlineSpec::Kind::date);
    CHECK(s.text() == "2021-09-30");
    CHECK_FALSE(s.is_relative());
  }
  for (const char* t : {"+10wd", "+30d", "eow", "eom", "eoq", "2021-09-30"}) CHECK(parse_deadline(t).text() == t);
}

TEST_CASE("bad deadlines name the value and the valid forms", "[deadline]")
{
  const auto message = [](const char* text) {
    try {
      (void)parse_deadline(text);
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::invalid_input);
      CHECK(e.hint().starts_with("expected a date (2021-09-30"));
      CHECK(e.hint().find("eoq") != std::string::npos);
      return std::string(e.what());
    }
    FAIL("no error for " << text);
    return std::string();
  };
  CHECK(message("2021-13-01") == "'2021-13-01' is not a deadline: month 13 does not exist");
  CHECK(message("+10w") == "'+10w' is not a deadline");
  CHECK(message("soon") == "'soon' is not a deadline");
  CHECK(message("+0wd") == "'+0wd' is not a deadline: the number of days must be between 1 and 3660");
  CHECK(message("+99999d") == "'+99999d' is not a deadline: the number of days must be between 1 and 3660");
  CHECK(message("-5wd") == "'-5wd' is not a deadline");
  CHECK(message("") == "the deadline is empty");
}

TEST_CASE("deadlines resolve on the official calendar", "[deadline]")
{
  CHECK(at("+1wd", "2023-12-29") == "2024-01-02");
  CHECK(at("+2wd", "2024-02-08") == "2024-02-18");
  CHECK(at("+5wd", "2025-09-30") == "2025-10-14");
  CHECK(at("+10wd", "2021-09-24") == "2021-10-13");  // counts 09-26 (Sun), skips 10-01..07, counts 10-09 (Sat)
  CHECK(at("+7d", "2025-09-24") == "2025-10-09");
  CHECK(at("+7d", "2026-02-10") == "2026-02-24");
  CHECK(at("+1d", "2024-04-30") == "2024-05-06");
  CHECK(at("+30d", "2021-08-20") == "2021-09-22");  // 09-19 falls in 中秋节 … 09-21; 09-22 is Wednesday
  CHECK(at("2021-09-30", "2026-01-01") == "2021-09-30");  // an absolute date needs no calendar
  CHECK(at("eow", "2021-08-18") == "2021-08-20");
  CHECK(at("eow", "2021-08-21") == "2021-08-27");  // a Saturday: past this week's last working day
  CHECK(at("eow", "2021-10-09") == "2021-10-09");  // a make-up Saturday is that week's last working day
  CHECK(at("eom", "2021-10-12") == "2021-10-29");
  CHECK(at("eom", "2021-10-30") == "2021-11-30");
  CHECK(at("eoq", "2021-08-14") == "2021-09-30");
  CHECK(at("eoq", "2023-09-30") == "2023-12-29");
  CHECK(at("eoq", "2022-12-31") == "2023-03-31");
  const auto cal = official_calendar();
  CHECK(resolve(parse_deadline("+7d"), parse_date("2021-08-07"), cal, RollRule::holidays_only).iso() == "2021-08-14");
  CHECK_THROWS_WITH(resolve(parse_deadline("+10wd"), parse_date("2026-12-25"), cal),
                    Catch::StartsWith("no calendar data for 2027"));
  CHECK_THROWS_WITH(resolve(parse_deadline("eoq"), parse_date("2027-01-25"), cal), Catch::StartsWith("no calendar data for 2027"));
}

TEST_CASE("look-ahead windows", "[deadline]")
{
  const auto cal = official_calendar();
  const auto today = parse_date("2025-09-26");
  CHECK(parse_window("7d", today, cal).iso() == "2025-10-03");  // calendar days are not rolled
  CHECK(parse_window("+7d", today, cal).iso() == "2025-10-03");
  CHECK(parse_window("3wd", today, cal).iso() == "2025-09-30");
  CHECK(parse_window("0d", today, cal).iso() == "2025-09-26");
  CHECK(parse_window("0wd", today, cal).iso() == "2025-09-26");
  CHECK_THROWS_WITH(parse_window("eom", today, cal), "'eom' is not a window");
  CHECK_THROWS_WITH(parse_window("", today, cal), "the window is empty");
  try {
    (void)parse_window("a week", today, cal);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::invalid_input);
    CHECK(std::string(e.what()) == "'a week' is not a window");
    CHECK(e.hint() == "expected 7d (calendar days) or 5wd (working days)");
  }
}
