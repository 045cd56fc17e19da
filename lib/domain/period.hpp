#pragma once
// A reporting period: an ISO week, month, quarter, year or a custom range, both ends inclusive
// (DESIGN §5). Relative forms (this-week, 上月 …) are resolved against a given today.
#include "domain/codes.hpp"
#include "domain/date.hpp"

#include <string>
#include <string_view>

namespace ankang::domain {

enum class PeriodKind { week, month, quarter, year, range };

std::string_view period_kind_code(PeriodKind kind);  // "week", "month", "quarter", "year", "range"

struct Period {
  Date start;
  Date end;  // inclusive
  PeriodKind kind = PeriodKind::range;

  bool contains(Date d) const { return start <= d && d <= end; }
  int32_t days() const { return end - start + 1; }

  // The period of the same kind just before: last week, last month, …; for a range, the
  // range of the same length that ends the day before start.
  Period previous() const;

  // Canonical text, parseable again: 2021-W38, 2021-08, 2021-Q3, 2021, 2021-08-01..2021-08-31.
  std::string code() const;

  // For report titles: "2021年第38周（2021-09-20至2021-09-26）" / "2021-W38 (2021-09-20 to 2021-09-26)".
  std::string label(Lang lang) const;

  bool operator==(const Period&) const = default;
};

// The ISO week (Mon–Sun), month, quarter and year containing d.
Period week_of(Date d);
Period month_of(Date d);
Period quarter_of(Date d);
Period year_of(Date d);

// ISO 8601 week-numbering year and week of a date (2021-01-03 is 2020-W53).
struct IsoWeek {
  int year;
  unsigned week;
};
IsoWeek iso_week(Date d);

// Parses every period form of DESIGN §5: 2021-W35, 2021-08, 2021Q3 / 2021-Q3, 2021,
// 2021-08-01..2021-08-31 (any date form on each side), this-week last-week this-month
// last-month this-quarter last-quarter this-year last-year, 本周 上周 本月 上月 本季度 上季度
// 本年 今年 去年; also 2021年8月, 2021年第3季度, 2021年第35周, 2021年.
// Throws Error(invalid_input) naming the text, why, and the valid forms.
Period parse_period(std::string_view text, Date today);

// The accepted forms, for messages and --help.
std::string_view period_forms();

}  // namespace ankang::domain
