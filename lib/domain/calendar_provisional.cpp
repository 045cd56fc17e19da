#include "domain/calendar_provisional.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <array>
#include <set>
#include <string>

namespace ankang::domain {

namespace {

struct MonthDay {
  unsigned month;
  unsigned day;
};

struct YearRow {
  int year;
  MonthDay spring_festival, qingming, dragon_boat, mid_autumn;
};

// Generated with the 寿星 method (lunar-javascript 1.7.7) and compared with the tables of
// lunar-calendar 0.1.4: every date agrees for 2025–2060. Checks: 2025 and 2026 match their
// notices (春节 01-29 / 02-17, 清明 04-04 / 04-05, 端午 05-31 / 06-19, 中秋 10-06 / 09-25);
// 2027's new moon falls at 23:59 Beijing time on 02-06, so 春节 is 2027-02-06.
constexpr std::array<YearRow, k_provisional_last_year - k_provisional_first_year + 1> k_table = {{
    {2025, {1, 29}, {4, 4}, {5, 31}, {10, 6}},
    {2026, {2, 17}, {4, 5}, {6, 19}, {9, 25}},
    {2027, {2, 6}, {4, 5}, {6, 9}, {9, 15}},
    {2028, {1, 26}, {4, 4}, {5, 28}, {10, 3}},
    {2029, {2, 13}, {4, 4}, {6, 16}, {9, 22}},
    {2030, {2, 3}, {4, 5}, {6, 5}, {9, 12}},
    {2031, {1, 23}, {4, 5}, {6, 24}, {10, 1}},
    {2032, {2, 11}, {4, 4}, {6, 12}, {9, 19}},
    {2033, {1, 31}, {4, 4}, {6, 1}, {9, 8}},
    {2034, {2, 19}, {4, 5}, {6, 20}, {9, 27}},
    {2035, {2, 8}, {4, 5}, {6, 10}, {9, 16}},
    {2036, {1, 28}, {4, 4}, {5, 30}, {10, 4}},
    {2037, {2, 15}, {4, 4}, {6, 18}, {9, 24}},
    {2038, {2, 4}, {4, 5}, {6, 7}, {9, 13}},
    {2039, {1, 24}, {4, 5}, {5, 27}, {10, 2}},
    {2040, {2, 12}, {4, 4}, {6, 14}, {9, 20}},
    {2041, {2, 1}, {4, 4}, {6, 3}, {9, 10}},
    {2042, {1, 22}, {4, 4}, {6, 22}, {9, 28}},
    {2043, {2, 10}, {4, 5}, {6, 11}, {9, 17}},
    {2044, {1, 30}, {4, 4}, {5, 31}, {10, 5}},
    {2045, {2, 17}, {4, 4}, {6, 19}, {9, 25}},
    {2046, {2, 6}, {4, 4}, {6, 8}, {9, 15}},
    {2047, {1, 26}, {4, 5}, {5, 29}, {10, 4}},
    {2048, {2, 14}, {4, 4}, {6, 15}, {9, 22}},
    {2049, {2, 2}, {4, 4}, {6, 4}, {9, 11}},
    {2050, {1, 23}, {4, 4}, {6, 23}, {9, 30}},
    {2051, {2, 11}, {4, 5}, {6, 13}, {9, 19}},
    {2052, {2, 1}, {4, 4}, {6, 1}, {9, 7}},
    {2053, {2, 19}, {4, 4}, {6, 20}, {9, 26}},
    {2054, {2, 8}, {4, 4}, {6, 10}, {9, 16}},
    {2055, {1, 28}, {4, 5}, {5, 30}, {10, 5}},
    {2056, {2, 15}, {4, 4}, {6, 17}, {9, 24}},
    {2057, {2, 4}, {4, 4}, {6, 6}, {9, 13}},
    {2058, {1, 24}, {4, 4}, {6, 25}, {10, 2}},
    {2059, {2, 12}, {4, 5}, {6, 14}, {9, 21}},
    {2060, {2, 2}, {4, 4}, {6, 3}, {9, 9}},
}};

Date on(int year, MonthDay md) { return Date::from_ymd(year, md.month, md.day); }

}  // namespace

std::optional<StatutoryHolidayDates> statutory_holiday_dates(int year)
{
  if (year < k_provisional_first_year || year > k_provisional_last_year) return std::nullopt;
  const auto& row = k_table[static_cast<size_t>(year - k_provisional_first_year)];
  return StatutoryHolidayDates{on(year, row.spring_festival), on(year, row.qingming), on(year, row.dragon_boat),
                               on(year, row.mid_autumn)};
}

std::vector<CalendarDay> provisional_days_off(int year)
{
  const auto dates = statutory_holiday_dates(year);
  if (!dates) return {};
  struct Holiday {
    std::string name;
    Date first;
    int length;
  };
  std::vector<Holiday> holidays = {
      {"元旦", Date::from_ymd(year, 1, 1), 1},         {"春节", dates->spring_festival - 1, 4},
      {"清明节", dates->qingming, 1},                   {"劳动节", Date::from_ymd(year, 5, 1), 2},
      {"端午节", dates->dragon_boat, 1},                {"中秋节", dates->mid_autumn, 1},
      {"国庆节", Date::from_ymd(year, 10, 1), 3},
  };
  std::sort(holidays.begin(), holidays.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

  std::vector<CalendarDay> days;
  std::set<int32_t> off;  // every statutory day off of the year
  for (const auto& h : holidays)
    for (int i = 0; i < h.length; ++i) {
      const Date d = h.first + i;
      if (off.insert(d.days()).second) days.push_back({d, DayKind::off, h.name, false, true});
      else days.back().name += "、" + h.name;  // 中秋 on a day of 国庆: one day, both names
    }
  // Art. 6: a day of a holiday on a Saturday or Sunday is made up on the next working days after
  // the holiday. Holidays that touch (中秋 next to 国庆) are one run, made up after its end.
  std::vector<CalendarDay> makeup;
  size_t i = 0;
  while (i < days.size()) {
    size_t j = i;
    while (j + 1 < days.size() && days[j + 1].date == days[j].date + 1) ++j;
    int owed = 0;
    for (size_t k = i; k <= j; ++k)
      if (days[k].date.is_weekend()) ++owed;
    const std::string name = days[i].name.substr(0, days[i].name.find("、"));
    for (Date d = days[j].date + 1; owed > 0; d += 1) {
      if (d.is_weekend() || off.count(d.days())) continue;
      off.insert(d.days());
      makeup.push_back({d, DayKind::off, name + "补假", false, true});
      --owed;
    }
    i = j + 1;
  }
  days.insert(days.end(), makeup.begin(), makeup.end());
  std::sort(days.begin(), days.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  return days;
}

std::string_view provisional_mark(Lang lang) { return lang == Lang::zh ? "（暂定）" : " (provisional)"; }

std::string provisional_note(const std::vector<int>& years, Lang lang)
{
  std::string list;
  for (int y : years) list += fmt::format("{}{}", list.empty() ? "" : (lang == Lang::zh ? "、" : ", "), y);
  if (lang == Lang::zh)
    return fmt::format("{}年的国务院放假通知尚未录入：按《全国年节及纪念日放假办法》（2024年修订）暂定计算"
                       "（法定节日及周末补假，不含调休上班）；通知发布后用 'ankang calendar import FILE' 导入，"
                       "暂定期限随即重算",
                       list);
  return fmt::format("the State Council's holiday notice for {} is not on record: counted on the provisional "
                     "calendar of the statutory holidays (2024 rules: the holidays and their make-up days off, no "
                     "make-up working days); when the notice is out, import it with 'ankang calendar import FILE' "
                     "and provisional deadlines are counted again",
                     list);
}

std::vector<int> provisional_years_between(const Calendar& calendar, Date from, Date to)
{
  if (to < from) std::swap(from, to);
  std::vector<int> out;
  for (int y = from.year(); y <= to.year(); ++y)
    if (calendar.is_provisional_year(y)) out.push_back(y);
  return out;
}

}  // namespace ankang::domain
