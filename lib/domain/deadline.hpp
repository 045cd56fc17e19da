#pragma once
// Deadlines as users write them (DESIGN §5): an absolute date, +Nwd (working days on the official
// calendar), +Nd (calendar days, rolled forward past days off as 民法典 Art. 203 does), eow, eom,
// eoq (the last working day of the week, month, quarter). Resolved against a base date: the
// business date in `plan`, the current deadline in `extend`, found_on in rules and imports.
#include "domain/calendar.hpp"
#include "domain/date.hpp"

#include <string>
#include <string_view>

namespace ankang::domain {

struct DeadlineSpec {
  enum class Kind { date, working_days, calendar_days, end_of_week, end_of_month, end_of_quarter };
  Kind kind = Kind::date;
  Date date;  // Kind::date
  int count = 0;  // working_days, calendar_days: N >= 1

  // Canonical text, parseable again: 2021-09-30, +10wd, +30d, eow, eom, eoq.
  std::string text() const;
  bool is_relative() const { return kind != Kind::date; }
  bool operator==(const DeadlineSpec&) const = default;
};

// Parses a deadline. Accepts any date form of DESIGN §5, +Nwd / Nwd, +Nd / Nd (1 <= N <= 3660),
// eow / eom / eoq (case-insensitive; also 周末 月末 季末). Throws Error(invalid_input) naming the
// value and the valid forms.
DeadlineSpec parse_deadline(std::string_view text);

// The deadline a spec gives from `base`. An absolute date is returned as is (no calendar
// needed). eow/eom/eoq give the last working day of the week/month/quarter containing base;
// when base is already past it (e.g. a Saturday for eow), that of the next week/month/quarter.
// Throws Error(invalid_input) "no calendar data for YEAR …" when the calendar lacks a year.
Date resolve(const DeadlineSpec& spec, Date base, const Calendar& calendar, RollRule roll = RollRule::weekends_and_holidays);

// A date counted on the calendar, and whether the count went through a day of a year without
// the official notice on record (the provisional statutory calendar): such a date may change
// when the notice is imported.
struct CountedDate {
  Date date;
  bool provisional = false;
};

// resolve(), saying whether the deadline was counted through the provisional calendar (never
// for an absolute date).
CountedDate resolve_counted(const DeadlineSpec& spec, Date base, const Calendar& calendar,
                            RollRule roll = RollRule::weekends_and_holidays);

// A look-ahead window for --due-within / rectify due --within: "7d" (calendar days, not rolled)
// or "5wd" (working days), with or without '+'; 0 means today only. Returns the last day of the
// window counted from today. Throws Error(invalid_input) naming the value and the valid forms.
Date parse_window(std::string_view text, Date today, const Calendar& calendar);

}  // namespace ankang::domain
