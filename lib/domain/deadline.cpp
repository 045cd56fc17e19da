#include "domain/deadline.hpp"

#include "error.hpp"
#include "text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <optional>

namespace ankang::domain {

namespace {

constexpr std::string_view k_deadline_forms =
    "expected a date (2021-09-30, 2021/9/30, 2021年9月30日, 20210930), +10wd (working days), +30d (calendar days, "
    "rolled past days off), eow, eom or eoq (last working day of the week, month, quarter)";
constexpr std::string_view k_window_forms = "expected 7d (calendar days) or 5wd (working days)";
constexpr int k_max_count = 3660;

struct Count {
  int n = 0;
  bool working = false;
};

// "+10wd", "10wd", "+30d", "30d" (also 10个工作日, 30天). nullopt if not of that shape;
// throws when it is but the number is out of range.
std::optional<Count> parse_count(std::string_view text, bool allow_zero, std::string_view forms, std::string_view what)
{
  std::string s = lower_ascii(trim_blanks(text));
  std::string_view v = s;
  if (!v.empty() && v.front() == '+') v.remove_prefix(1);
  size_t digits = 0;
  while (digits < v.size() && v[digits] >= '0' && v[digits] <= '9') ++digits;
  if (digits == 0) return std::nullopt;
  const auto unit = v.substr(digits);
  Count c;
  if (unit == "wd" || unit == "个工作日" || unit == "工作日")
    c.working = true;
  else if (unit == "d" || unit == "天" || unit == "日")
    c.working = false;
  else
    return std::nullopt;
  if (digits > 5) c.n = k_max_count + 1;
  else
    for (size_t i = 0; i < digits; ++i) c.n = c.n * 10 + (v[i] - '0');
  if (c.n > k_max_count || (!allow_zero && c.n == 0))
    throw Error(ErrorKind::invalid_input,
                fmt::format("{} is not a {}: the number of days must be between {} and {}", quote_value(text), what,
                            allow_zero ? 0 : 1, k_max_count),
                std::string(forms));
  return c;
}

}  // namespace

std::string DeadlineSpec::text() const
{
  switch (kind) {
  case Kind::date: return date.iso();
  case Kind::working_days: return fmt::format("+{}wd", count);
  case Kind::calendar_days: return fmt::format("+{}d", count);
  case Kind::end_of_week: return "eow";
  case Kind::end_of_month: return "eom";
  case Kind::end_of_quarter: return "eoq";
  }
  return {};
}

DeadlineSpec parse_deadline(std::string_view text)
{
  const auto t = trim_blanks(text);
  if (t.empty()) throw Error(ErrorKind::invalid_input, "the deadline is empty", std::string(k_deadline_forms));
  const auto l = lower_ascii(t);
  DeadlineSpec spec;
  if (l == "eow" || l == "周末" || l == "本周末") {
    spec.kind = DeadlineSpec::Kind::end_of_week;
    return spec;
  }
  if (l == "eom" || l == "月末" || l == "月底" || l == "本月底") {
    spec.kind = DeadlineSpec::Kind::end_of_month;
    return spec;
  }
  if (l == "eoq" || l == "季末" || l == "季度末" || l == "本季度末") {
    spec.kind = DeadlineSpec::Kind::end_of_quarter;
    return spec;
  }
  if (const auto c = parse_count(t, false, k_deadline_forms, "deadline")) {
    spec.kind = c->working ? DeadlineSpec::Kind::working_days : DeadlineSpec::Kind::calendar_days;
    spec.count = c->n;
    return spec;
  }
  std::string why;
  if (const auto d = try_parse_date(t, why)) {
    spec.kind = DeadlineSpec::Kind::date;
    spec.date = *d;
    return spec;
  }
  // A text that starts like a date gets the date's reason ("month 13 does not exist").
  const bool looks_like_date = t.size() >= 4 && t[0] >= '0' && t[0] <= '9' && t[1] >= '0' && t[1] <= '9' &&
                               t[2] >= '0' && t[2] <= '9' && t[3] >= '0' && t[3] <= '9';
  throw Error(ErrorKind::invalid_input,
              looks_like_date ? fmt::format("{} is not a deadline: {}", quote_value(text), why)
                              : fmt::format("{} is not a deadline", quote_value(text)),
              std::string(k_deadline_forms));
}

Date resolve(const DeadlineSpec& spec, Date base, const Calendar& calendar, RollRule roll)
{
  switch (spec.kind) {
  case DeadlineSpec::Kind::date: return spec.date;
  case DeadlineSpec::Kind::working_days: return calendar.add_working_days(base, spec.count);
  case DeadlineSpec::Kind::calendar_days: return calendar.add_calendar_days_rolled(base, spec.count, roll);
  case DeadlineSpec::Kind::end_of_week: {
    const Date d = calendar.last_workday_of_week(base);
    // A base past the week's last working day (a Saturday) means the end of next week.
    return d < base ? calendar.last_workday_of_week(base + 7) : d;
  }
  case DeadlineSpec::Kind::end_of_month: {
    const Date d = calendar.last_workday_of_month(base);
    return d < base ? calendar.last_workday_of_month(last_day_of_month(base.year(), base.month()) + 1) : d;
  }
  case DeadlineSpec::Kind::end_of_quarter: {
    const Date d = calendar.last_workday_of_quarter(base);
    if (d >= base) return d;
    const unsigned last_month = (base.month() - 1) / 3 * 3 + 3;
    return calendar.last_workday_of_quarter(last_day_of_month(base.year(), last_month) + 1);
  }
  }
  return base;
}

CountedDate resolve_counted(const DeadlineSpec& spec, Date base, const Calendar& calendar, RollRule roll)
{
  const Date due = resolve(spec, base, calendar, roll);
  // The days the count looked at: from the base to the deadline, and for eow/eom/eoq to the end
  // of the deadline's week, month or quarter (a Sunday 2027-01-03 decides whether 2026-12-31 is
  // the last working day of its week).
  Date last = due;
  switch (spec.kind) {
  case DeadlineSpec::Kind::date: return {due, false};
  case DeadlineSpec::Kind::working_days:
  case DeadlineSpec::Kind::calendar_days: break;
  case DeadlineSpec::Kind::end_of_week: last = due + static_cast<int32_t>(7 - due.iso_weekday()); break;
  case DeadlineSpec::Kind::end_of_month: last = last_day_of_month(due.year(), due.month()); break;
  case DeadlineSpec::Kind::end_of_quarter:
    last = last_day_of_month(due.year(), (due.month() - 1) / 3 * 3 + 3);
    break;
  }
  return {due, calendar.provisional_between(base, std::max(last, due))};
}

Date parse_window(std::string_view text, Date today, const Calendar& calendar)
{
  const auto t = trim_blanks(text);
  if (t.empty()) throw Error(ErrorKind::invalid_input, "the window is empty", std::string(k_window_forms));
  const auto c = parse_count(t, true, k_window_forms, "window");
  if (!c) throw Error(ErrorKind::invalid_input, fmt::format("{} is not a window", quote_value(text)), std::string(k_window_forms));
  return c->working ? calendar.add_working_days(today, c->n) : today + c->n;
}

}  // namespace ankang::domain
