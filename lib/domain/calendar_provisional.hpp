#pragma once
// The provisional calendar of a year whose State Council notice is not out yet: the statutory
// days off of 《全国年节及纪念日放假办法》 as revised in 2024 (国务院令第795号, in force
// 2025-01-01), Art. 2, and the make-up days off (补假) of its Art. 6. No make-up working days
// (调休上班) are guessed: only the yearly notice fixes those.
//
// Lunar dates (除夕 … 正月初三, 端午 五月初五, 中秋 八月十五) and 清明 (the day of the solar
// term in Beijing time) come from a table for 2025–2060, computed with the 寿星 method (exact
// new moons and solar terms in UTC+8) and checked day by day against an independent published
// table (1891–2100) and the notices of 2025 and 2026. Before 2025 the older rules applied; after
// 2060 the table ends: those years stay without data unless their notice is imported.
#include "domain/calendar.hpp"
#include "domain/codes.hpp"
#include "domain/date.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ankang::domain {

inline constexpr int k_provisional_first_year = 2025;
inline constexpr int k_provisional_last_year = 2060;

// The Gregorian dates of a year's lunar holidays and of 清明.
struct StatutoryHolidayDates {
  Date spring_festival;  // 正月初一 (除夕 is the day before)
  Date qingming;
  Date dragon_boat;  // 端午
  Date mid_autumn;   // 中秋
};

// nullopt outside k_provisional_first_year..k_provisional_last_year.
std::optional<StatutoryHolidayDates> statutory_holiday_dates(int year);

// The year's statutory days off (元旦 1 Jan; 春节 除夕–正月初三; 清明; 劳动节 1–2 May; 端午;
// 中秋; 国庆节 1–3 Oct) and, per Art. 6, one 补假 for each of them that falls on a Saturday or
// Sunday, on the next working days after the holiday (holidays that touch are one holiday).
// Every day is marked provisional; 补假 days are named "<holiday>补假". Sorted by date; empty
// outside the table.
std::vector<CalendarDay> provisional_days_off(int year);

// The mark after a date counted through the provisional calendar: "（暂定）" / " (provisional)".
std::string_view provisional_mark(Lang lang);

// The note that goes with it: which years have no notice on record, what was counted instead,
// and how to add the notice.
std::string provisional_note(const std::vector<int>& years, Lang lang);

// The provisional years among [from, to] (either order).
std::vector<int> provisional_years_between(const Calendar& calendar, Date from, Date to);

}  // namespace ankang::domain
