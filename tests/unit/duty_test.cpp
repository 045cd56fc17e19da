#include "domain/duty.hpp"
#include "error.hpp"
#include "holiday_blocks.hpp"

#include <catch2/catch.hpp>

using ankang::Error;
using ankang::domain::Date;
using ankang::domain::days_off_between;
using ankang::domain::parse_date;
using ankang::domain::parse_leader_list;
using ankang::domain::plan_duty_rotation;
using ankang::test::official_calendar;

namespace {

std::vector<std::string> isos(const std::vector<Date>& days)
{
  std::vector<std::string> out;
  for (const auto d : days) out.push_back(d.iso());
  return out;
}

}  // namespace

TEST_CASE("the days off around 国庆 2021: weekends and holidays, not the make-up working days", "[duty]")
{
  const auto cal = official_calendar();
  const auto days = days_off_between(cal, parse_date("2021-09-25"), parse_date("2021-10-10"));
  CHECK(isos(days) == std::vector<std::string>{"2021-09-25", "2021-10-01", "2021-10-02", "2021-10-03", "2021-10-04",
                                               "2021-10-05", "2021-10-06", "2021-10-07", "2021-10-10"});
}

TEST_CASE("the rotation continues after the last leader on record and around recorded days", "[duty]")
{
  const auto cal = official_calendar();
  const auto days = days_off_between(cal, parse_date("2021-09-25"), parse_date("2021-10-10"));
  const std::vector<std::string> leaders = {"张三", "李四", "王五"};

  const auto fresh = plan_duty_rotation(days, leaders, {}, std::nullopt);
  REQUIRE(fresh.size() == 9);
  CHECK(fresh[0].leader == "张三");
  CHECK(fresh[1].leader == "李四");
  CHECK(fresh[3].leader == "张三");
  CHECK(fresh[8].leader == "王五");

  const auto after_li = plan_duty_rotation(days, leaders, {}, std::string("李四"));
  CHECK(after_li[0].leader == "王五");
  CHECK(after_li[1].leader == "张三");

  // 10-02 already has 李四: it stays, and 10-03 goes on with 王五.
  const std::map<Date, std::string> recorded = {{parse_date("2021-10-02"), "李四"}, {parse_date("2021-10-04"), "赵六"}};
  const auto mixed = plan_duty_rotation(days, leaders, recorded, std::nullopt);
  CHECK(mixed[1].leader == "李四");
  CHECK(mixed[2].leader == "李四");
  CHECK(mixed[2].kept);
  CHECK(mixed[3].leader == "王五");
  CHECK_FALSE(mixed[3].kept);
  CHECK(mixed[4].leader == "赵六");  // a leader from outside the list keeps the day, the rotation goes on
  CHECK(mixed[5].leader == "张三");

  const auto outsider = plan_duty_rotation(days, leaders, {}, std::string("赵六"));
  CHECK(outsider[0].leader == "张三");
}

TEST_CASE("leader lists split on ASCII and Chinese separators", "[duty]")
{
  CHECK(parse_leader_list("张三,李四，王五、赵六") == std::vector<std::string>{"张三", "李四", "王五", "赵六"});
  CHECK(parse_leader_list(" 张三 ") == std::vector<std::string>{"张三"});
  CHECK_THROWS_AS(parse_leader_list("张三,,李四"), Error);
  CHECK_THROWS_AS(parse_leader_list(""), Error);
}

TEST_CASE("a year without a notice is refused by a strict calendar", "[duty]")
{
  const auto cal = official_calendar();
  CHECK_THROWS_AS(days_off_between(cal, parse_date("2030-01-01"), parse_date("2030-01-31")), Error);
}
