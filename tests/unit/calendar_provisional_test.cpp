#include "domain/calendar_provisional.hpp"
#include "domain/deadline.hpp"
#include "domain/person_name.hpp"
#include "holiday_blocks.hpp"

#include <catch2/catch.hpp>

using namespace ankang;
using namespace ankang::domain;

namespace {

std::string iso(Date d) { return d.iso(); }

Calendar provisional_after_2026()
{
  const auto official = test::official_calendar();
  return Calendar(official.days(), official.covered_years(), CalendarMode::provisional);
}

}  // namespace

TEST_CASE("the lunar table agrees with the notices of 2025 and 2026 and puts 2027's 春节 on 02-06", "[calendar]")
{
  const auto y2025 = statutory_holiday_dates(2025).value();
  CHECK(iso(y2025.spring_festival) == "2025-01-29");
  CHECK(iso(y2025.qingming) == "2025-04-04");
  CHECK(iso(y2025.dragon_boat) == "2025-05-31");
  CHECK(iso(y2025.mid_autumn) == "2025-10-06");
  const auto y2026 = statutory_holiday_dates(2026).value();
  CHECK(iso(y2026.spring_festival) == "2026-02-17");
  CHECK(iso(y2026.qingming) == "2026-04-05");
  CHECK(iso(y2026.dragon_boat) == "2026-06-19");
  CHECK(iso(y2026.mid_autumn) == "2026-09-25");
  // The new moon at 23:59 Beijing time: ICU's ChineseCalendar says 02-07.
  CHECK(iso(statutory_holiday_dates(2027)->spring_festival) == "2027-02-06");
  CHECK(iso(statutory_holiday_dates(2060)->spring_festival) == "2060-02-02");
  CHECK_FALSE(statutory_holiday_dates(2024));
  CHECK_FALSE(statutory_holiday_dates(2061));
}

TEST_CASE("every statutory day of the provisional calendar is a day off in the notices of 2025 and 2026", "[calendar]")
{
  const auto official = test::official_calendar();
  for (int year : {2025, 2026})
    for (const auto& day : provisional_days_off(year)) {
      INFO(day.date.iso() << " " << day.name);
      CHECK(day.provisional);
      if (day.name.ends_with("补假")) continue;  // the notices move make-up days into their blocks
      CHECK_FALSE(official.is_workday(day.date));
    }
}

TEST_CASE("the provisional calendar of 2027: 13 statutory days and their 补假, no make-up working days", "[calendar]")
{
  const auto days = provisional_days_off(2027);
  std::vector<std::string> listed;
  for (const auto& d : days) listed.push_back(d.date.iso().substr(5) + " " + d.name);
  CHECK(listed == std::vector<std::string>{
                      "01-01 元旦", "02-05 春节", "02-06 春节", "02-07 春节", "02-08 春节", "02-09 春节补假",
                      "02-10 春节补假", "04-05 清明节", "05-01 劳动节", "05-02 劳动节", "05-03 劳动节补假",
                      "05-04 劳动节补假", "06-09 端午节", "09-15 中秋节", "10-01 国庆节", "10-02 国庆节",
                      "10-03 国庆节", "10-04 国庆节补假", "10-05 国庆节补假"});
  for (const auto& d : days) CHECK(d.kind == DayKind::off);
}

TEST_CASE("counting through a provisional year works and says so", "[calendar]")
{
  const auto cal = provisional_after_2026();
  CHECK(cal.covers(2026));
  CHECK_FALSE(cal.covers(2027));
  CHECK(cal.is_provisional_year(2027));
  CHECK_FALSE(cal.is_provisional_year(2026));
  CHECK_FALSE(cal.is_workday(parse_date("2027-02-05")));
  const auto plus20 = resolve_counted(parse_deadline("+20wd"), parse_date("2026-12-10"), cal);
  CHECK(iso(plus20.date) == "2027-01-08");
  CHECK(plus20.provisional);
  const auto inside = resolve_counted(parse_deadline("+5wd"), parse_date("2026-12-01"), cal);
  CHECK_FALSE(inside.provisional);
  // eow of 2026-12-28 ends on 2026-12-31 but looked at 2027-01-01..03
  CHECK(resolve_counted(parse_deadline("eow"), parse_date("2026-12-28"), cal).provisional);
  CHECK_FALSE(resolve_counted(parse_deadline("2027-03-01"), parse_date("2026-12-28"), cal).provisional);
  CHECK_THROWS_WITH(cal.is_workday(parse_date("2061-01-05")), Catch::Contains("the provisional calendar covers 2025–2060"));
}

TEST_CASE("person names are compared as people compare them", "[lifecycle]")
{
  CHECK(normalize_person_name(" 何文 ") == "何文");
  CHECK(normalize_person_name("何\xE3\x80\x80文") == "何文");
  CHECK(normalize_person_name(" Zhang   Wei ") == "Zhang Wei");
  CHECK(person_names("何文、张卫东") == std::vector<std::string>{"何文", "张卫东"});
  CHECK(person_names("何文/张卫东;李娜") == std::vector<std::string>{"何文", "张卫东", "李娜"});
  CHECK(person_names("何文 张卫东") == std::vector<std::string>{"何文", "张卫东"});
  CHECK(person_names("何　文") == std::vector<std::string>{"何文"});
  CHECK(names_person("何文、张卫东", "何文 "));
  CHECK(names_person("何　文", "何文"));
  CHECK_FALSE(names_person("何文、张卫东", "李娜"));
  CHECK(normalize_person_field(" 何文 ，张卫东 ") == "何文、张卫东");
}
