#include "domain/date.hpp"
#include "domain/china_time.hpp"
#include "error.hpp"

#include <catch2/catch.hpp>

using ankang::domain::Date;
using ankang::domain::parse_date;
using ankang::domain::try_parse_date;

TEST_CASE("dates parse in every form of DESIGN §5")
{
  const Date expected = Date::from_ymd(2021, 8, 14);
  for (const char* text : {"2021-08-14", "2021/8/14", "2021.8.14", "2021年8月14日", "20210814", "2021-08-14 09:30:00",
                           "2021/8/14 0:00", "  2021-8-14 ", "2021年08月14日", "2021-08-14T09:30:00.000"}) {
    INFO(text);
    CHECK(parse_date(text) == expected);
  }
  CHECK(expected.iso() == "2021-08-14");
  CHECK(expected.iso_weekday() == 6);
}

TEST_CASE("impossible dates are rejected with the reason")
{
  std::string why;
  CHECK_FALSE(try_parse_date("2021-02-29", why));
  CHECK(why == "2021 has no February 29");
  CHECK_FALSE(try_parse_date("2021-13-01", why));
  CHECK(why == "month 13 does not exist");
  CHECK_FALSE(try_parse_date("2021-04-31", why));
  CHECK(why == "April has 30 days");
  CHECK_FALSE(try_parse_date("2021-00-10", why));
  CHECK(why == "month 0 does not exist");
  CHECK_FALSE(try_parse_date("", why));
  CHECK(why == "the date is empty");
  for (const char* bad : {"yesterday", "2021-8", "21-08-14", "2021-08-14x", "2021/08-14", "2021-08-14 25:00",
                          "202108140", "2021年8月"}) {
    INFO(bad);
    CHECK_FALSE(try_parse_date(bad, why));
  }
  CHECK(try_parse_date("2024-02-29", why));
  REQUIRE_THROWS_WITH(parse_date("2021-13-01"), "'2021-13-01' is not a date: month 13 does not exist");
}

TEST_CASE("stored UTC times are shown in China time to the minute")
{
  using ankang::domain::china_time;
  CHECK(china_time("2021-09-27T06:03:12Z") == "2021-09-27 14:03");
  CHECK(china_time("2021-09-27T16:00:00Z") == "2021-09-28 00:00");  // after 16:00 UTC it is tomorrow in China
  CHECK(china_time("2021-12-31T23:59:59Z") == "2022-01-01 07:59");
  CHECK(china_time("2024-02-28T20:30:00.123Z") == "2024-02-29 04:30");
  CHECK(china_time("2021-09-27") == "2021-09-27");  // not a timestamp: as it is
  CHECK(china_time("").empty());
  CHECK(china_time("2021-13-27T06:03:12Z") == "2021-13-27T06:03:12Z");
}

TEST_CASE("date arithmetic")
{
  const Date d = parse_date("2023-12-29");
  CHECK((d + 4).iso() == "2024-01-02");
  CHECK(parse_date("2024-03-01") - parse_date("2024-02-01") == 29);
  CHECK(ankang::domain::last_day_of_month(2024, 2).iso() == "2024-02-29");
}
