#pragma once
// China's official working-day calendar: statutory days off and make-up working days (调休上班)
// on top of the Mon–Fri week. Pure: built from lists (store::load_calendar reads them from the
// database). A year whose State Council notice is not loaded is either counted on the
// provisional calendar of 《全国年节及纪念日放假办法》 (calendar_provisional.hpp) when the
// calendar is built with CalendarMode::provisional and the year is in that table, or refused:
// every question about it throws, so that a deadline is never silently computed on weekends alone
// (DESIGN §5).
#include "domain/date.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ankang::domain {

enum class DayKind { off, work };

std::string_view day_kind_code(DayKind kind);  // "off" / "work"

// One listed day: a day off on a weekday (or a holiday on a weekend), or a make-up working day.
struct CalendarDay {
  Date date;
  DayKind kind = DayKind::off;
  std::string name;    // 春节, 国庆节 … (may be empty)
  bool local = false;  // added with 'calendar add' rather than from an official notice
  bool provisional = false;  // from the statutory rules, for a year without a notice on record
};

// Whether years without an official notice are counted on the provisional statutory calendar
// (the default of load_calendar) or refused (--strict-calendar, and the pure constructors).
enum class CalendarMode { strict, provisional };

// How 民法典 Art. 203 rolls a calendar-day deadline that ends on a day off.
enum class RollRule {
  weekends_and_holidays,  // any day that is not a working day (the courts' usual reading; default)
  holidays_only,          // only the listed statutory days off
};

class Calendar {
public:
  Calendar() = default;
  // With CalendarMode::provisional, every year of the provisional table (calendar_provisional.hpp)
  // that `covered_years` lacks gets the statutory days off and their 补假; a listed day (e.g. a
  // local one) keeps its entry.
  Calendar(std::vector<CalendarDay> days, std::vector<int> covered_years, CalendarMode mode = CalendarMode::strict);
  // Convenience for tests: plain lists of dates.
  Calendar(const std::vector<Date>& off_days, const std::vector<Date>& work_days, std::vector<int> covered_years);

  // The year's official notice is on record.
  bool covers(int year) const;
  // The year has no notice on record and is counted on the provisional calendar.
  bool is_provisional_year(int year) const;
  bool is_provisional(Date d) const { return is_provisional_year(d.year()); }
  // Some day in [min(a, b), max(a, b)] is in a provisional year: a count from a to b (or b to a)
  // went through the provisional calendar, so its result may change when the notice comes out.
  bool provisional_between(Date a, Date b) const;
  const std::vector<int>& provisional_years() const { return m_provisional_years; }
  CalendarMode mode() const { return m_mode; }
  const std::vector<int>& covered_years() const { return m_years; }
  // "2021–2026", "2021–2023, 2025" or "none", for messages.
  std::string covered_years_text() const;

  // The listed entry for a day, or nullptr when the day simply follows the week.
  const CalendarDay* listed(Date d) const;
  // Every listed day in [from, to], in date order.
  std::vector<CalendarDay> listed_between(Date from, Date to) const;
  const std::vector<CalendarDay>& days() const { return m_days; }

  // Mon–Fri and not a listed day off, or a listed make-up working day.
  // Throws Error(invalid_input) "no calendar data for YEAR: …" when the year is not covered.
  bool is_workday(Date d) const;

  // The date n working days after `start` (the start day not counted); n < 0 goes back.
  // n == 0 returns start.
  Date add_working_days(Date start, int n) const;
  // start + n calendar days; if that day is not a working day (per `roll`), the next one that is.
  Date add_calendar_days_rolled(Date start, int n, RollRule roll = RollRule::weekends_and_holidays) const;
  // The first day on or after d that is a working day.
  Date next_workday_on_or_after(Date d) const;
  // Working days d with a < d <= b (positive), or minus those with b <= d < a (negative), so that
  // add_working_days(a, working_days_between(a, b)) == b whenever b is a working day.
  int working_days_between(Date a, Date b) const;

  // The last working day of the ISO week (Mon–Sun), month or quarter that contains d. When that
  // period has no working day at all (e.g. the week of 2026-02-16, all 春节), the first working
  // day after it.
  Date last_workday_of_week(Date d) const;
  Date last_workday_of_month(Date d) const;
  Date last_workday_of_quarter(Date d) const;

  // Throws the "no calendar data for YEAR: DOING (…)" error unless the year is covered or
  // provisional.
  void require_year(int year, std::string_view doing) const;

private:
  bool counts(int year) const { return covers(year) || is_provisional_year(year); }
  bool is_workday_unchecked(Date d) const;
  Date last_workday_in(Date first, Date last, std::string_view doing) const;

  std::vector<CalendarDay> m_days;  // sorted by date, unique
  std::unordered_map<int32_t, size_t> m_index;
  std::vector<int> m_years;  // sorted, unique
  std::vector<int> m_provisional_years;  // sorted, unique, none of m_years
  CalendarMode m_mode = CalendarMode::strict;
};

// Parses a --roll value: "weekends+holidays" (default) or "holidays". Throws Error(usage).
RollRule parse_roll_rule(std::string_view text);

// Parses a day kind as a calendar file or option writes it: off/work, 休/班, 休息/上班,
// true/false (holiday-cn's isOffDay: true = off). nullopt when not one of them.
std::optional<DayKind> parse_day_kind(std::string_view text);

// One problem of a calendar file, located as "FILE:LINE: column 'X': value 'Y': reason".
struct CalendarFileProblem {
  size_t line = 0;
  std::string column;
  std::string value;
  std::string reason;
};

struct CalendarFile {
  std::vector<CalendarDay> days;
  std::vector<CalendarFileProblem> problems;
};

// Parses a calendar CSV: `date,kind,name` (a header line date,kind,name / 日期,类型,名称 is
// optional; UTF-8 BOM and CRLF accepted; name may be empty). Collects every bad line.
CalendarFile parse_calendar_csv(std::string_view text);

}  // namespace ankang::domain
