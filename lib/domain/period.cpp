#include "domain/period.hpp"

#include "error.hpp"
#include "text.hpp"

#include <fmt/format.h>
#include <optional>

namespace ankang::domain {

namespace {

constexpr std::string_view k_forms =
    "expected 2021-W35 (ISO week), 2021-08, 2021Q3 (or 2021-Q3), 2021, 2021-08-01..2021-08-31, this-week, last-week, "
    "this-month, last-month, this-quarter, last-quarter, this-year, last-year, 本周, 上周, 本月, 上月, 本季度, 上季度, "
    "本年, 今年, 去年";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `min_len`..`max_len` digits.
std::optional<int> read_number(std::string_view& s, size_t min_len, size_t max_len)
{
  size_t n = 0;
  int v = 0;
  while (n < s.size() && n < max_len && is_digit(s[n])) v = v * 10 + (s[n++] - '0');
  if (n < min_len) return std::nullopt;
  s.remove_prefix(n);
  return v;
}

bool consume(std::string_view& s, std::string_view token)
{
  if (s.substr(0, token.size()) != token) return false;
  s.remove_prefix(token.size());
  return true;
}

bool consume_ci(std::string_view& s, char lower)
{
  if (s.empty() || (s.front() != lower && s.front() != lower - 'a' + 'A')) return false;
  s.remove_prefix(1);
  return true;
}

[[noreturn]] void fail(std::string_view text, std::string_view why)
{
  throw Error(ErrorKind::invalid_input,
              why.empty() ? fmt::format("{} is not a period", quote_value(text)) : fmt::format("{} is not a period: {}", quote_value(text), why),
              std::string(k_forms));
}

Date monday_of_iso_week_one(int year)
{
  const Date jan4 = Date::from_ymd(year, 1, 4);
  return jan4 - static_cast<int32_t>(jan4.iso_weekday() - 1);
}

unsigned iso_weeks_in(int year) { return iso_week(Date::from_ymd(year, 12, 28)).week; }

void check_year(std::string_view text, int year)
{
  if (year < 1900 || year > 2999) fail(text, fmt::format("year {} is out of range (1900-2999)", year));
}

Period make_week(std::string_view text, int year, int week)
{
  check_year(text, year);
  if (week < 1 || static_cast<unsigned>(week) > iso_weeks_in(year))
    fail(text, fmt::format("{} has {} ISO weeks", year, iso_weeks_in(year)));
  const Date start = monday_of_iso_week_one(year) + 7 * (week - 1);
  return {start, start + 6, PeriodKind::week};
}

Period make_month(std::string_view text, int year, int month)
{
  check_year(text, year);
  if (month < 1 || month > 12) fail(text, fmt::format("month {} does not exist", month));
  const auto m = static_cast<unsigned>(month);
  return {Date::from_ymd(year, m, 1), last_day_of_month(year, m), PeriodKind::month};
}

Period make_quarter(std::string_view text, int year, int quarter)
{
  check_year(text, year);
  if (quarter < 1 || quarter > 4) fail(text, fmt::format("quarter {} does not exist", quarter));
  const auto first = static_cast<unsigned>((quarter - 1) * 3 + 1);
  return {Date::from_ymd(year, first, 1), last_day_of_month(year, first + 2), PeriodKind::quarter};
}

Period make_year(std::string_view text, int year)
{
  check_year(text, year);
  return {Date::from_ymd(year, 1, 1), Date::from_ymd(year, 12, 31), PeriodKind::year};
}

std::optional<Period> parse_relative(std::string_view t, Date today)
{
  std::string s(t);
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (s == "this-week" || s == "本周") return week_of(today);
  if (s == "last-week" || s == "上周") return week_of(today).previous();
  if (s == "this-month" || s == "本月") return month_of(today);
  if (s == "last-month" || s == "上月") return month_of(today).previous();
  if (s == "this-quarter" || s == "本季度") return quarter_of(today);
  if (s == "last-quarter" || s == "上季度") return quarter_of(today).previous();
  if (s == "this-year" || s == "本年" || s == "今年") return year_of(today);
  if (s == "last-year" || s == "去年") return year_of(today).previous();
  return std::nullopt;
}

}  // namespace

std::string_view period_kind_code(PeriodKind kind)
{
  switch (kind) {
  case PeriodKind::week: return "week";
  case PeriodKind::month: return "month";
  case PeriodKind::quarter: return "quarter";
  case PeriodKind::year: return "year";
  case PeriodKind::range: return "range";
  }
  return "range";
}

std::string_view period_forms() { return k_forms; }

IsoWeek iso_week(Date d)
{
  const Date thursday = d + static_cast<int32_t>(4 - static_cast<int>(d.iso_weekday()));
  const int year = thursday.year();
  const auto week = static_cast<unsigned>((thursday - Date::from_ymd(year, 1, 1)) / 7 + 1);
  return {year, week};
}

Period week_of(Date d)
{
  const Date monday = d - static_cast<int32_t>(d.iso_weekday() - 1);
  return {monday, monday + 6, PeriodKind::week};
}

Period month_of(Date d) { return {Date::from_ymd(d.year(), d.month(), 1), last_day_of_month(d.year(), d.month()), PeriodKind::month}; }

Period quarter_of(Date d)
{
  const unsigned first = (d.month() - 1) / 3 * 3 + 1;
  return {Date::from_ymd(d.year(), first, 1), last_day_of_month(d.year(), first + 2), PeriodKind::quarter};
}

Period year_of(Date d) { return {Date::from_ymd(d.year(), 1, 1), Date::from_ymd(d.year(), 12, 31), PeriodKind::year}; }

Period Period::previous() const
{
  switch (kind) {
  case PeriodKind::week: return week_of(start - 7);
  case PeriodKind::month: return month_of(start - 1);
  case PeriodKind::quarter: return quarter_of(start - 1);
  case PeriodKind::year: return year_of(start - 1);
  case PeriodKind::range: return {start - days(), start - 1, PeriodKind::range};
  }
  return *this;
}

std::string Period::code() const
{
  switch (kind) {
  case PeriodKind::week: {
    const auto w = iso_week(start);
    return fmt::format("{}-W{:02}", w.year, w.week);
  }
  case PeriodKind::month: return fmt::format("{:04}-{:02}", start.year(), start.month());
  case PeriodKind::quarter: return fmt::format("{:04}-Q{}", start.year(), (start.month() + 2) / 3);
  case PeriodKind::year: return fmt::format("{:04}", start.year());
  case PeriodKind::range: return fmt::format("{}..{}", start.iso(), end.iso());
  }
  return {};
}

std::string Period::label(Lang lang) const
{
  const bool zh = lang == Lang::zh;
  const std::string span =
      zh ? fmt::format("（{}至{}）", start.iso(), end.iso()) : fmt::format(" ({} to {})", start.iso(), end.iso());
  switch (kind) {
  case PeriodKind::week: {
    const auto w = iso_week(start);
    return zh ? fmt::format("{}年第{}周{}", w.year, w.week, span) : code() + span;
  }
  case PeriodKind::month:
    return zh ? fmt::format("{}年{}月{}", start.year(), start.month(), span) : code() + span;
  case PeriodKind::quarter:
    return zh ? fmt::format("{}年第{}季度{}", start.year(), (start.month() + 2) / 3, span) : code() + span;
  case PeriodKind::year: return zh ? fmt::format("{}年{}", start.year(), span) : code() + span;
  case PeriodKind::range:
    return zh ? fmt::format("{}至{}", start.iso(), end.iso()) : fmt::format("{} to {}", start.iso(), end.iso());
  }
  return code();
}

Period parse_period(std::string_view text, Date today)
{
  const std::string_view t = trim_blanks(text);
  if (t.empty()) fail(text, "the period is empty");
  if (auto p = parse_relative(t, today)) return *p;

  if (const auto dots = t.find(".."); dots != std::string_view::npos) {
    const auto left = trim_blanks(t.substr(0, dots));
    const auto right = trim_blanks(t.substr(dots + 2));
    std::string why;
    const auto a = try_parse_date(left, why);
    if (!a) fail(text, fmt::format("{} is not a date: {}", quote_value(left), why));
    const auto b = try_parse_date(right, why);
    if (!b) fail(text, fmt::format("{} is not a date: {}", quote_value(right), why));
    if (*b < *a) fail(text, "the range ends before it starts");
    return {*a, *b, PeriodKind::range};
  }

  std::string_view s = t;
  const auto year = read_number(s, 4, 4);
  if (!year) fail(text, {});
  if (s.empty()) return make_year(text, *year);
  if (consume(s, "年")) {
    // 2021年, 2021年8月, 2021年第3季度, 2021年第35周
    if (s.empty()) return make_year(text, *year);
    const bool ordinal = consume(s, "第");
    const auto n = read_number(s, 1, 2);
    if (n) {
      if (!ordinal && consume(s, "月") && s.empty()) return make_month(text, *year, *n);
      if (ordinal && consume(s, "季度") && s.empty()) return make_quarter(text, *year, *n);
      if (ordinal && consume(s, "周") && s.empty()) return make_week(text, *year, *n);
    }
    fail(text, {});
  }
  const bool dash = consume(s, "-");
  if (consume_ci(s, 'w')) {
    const auto w = read_number(s, 1, 2);
    if (w && s.empty()) return make_week(text, *year, *w);
    fail(text, {});
  }
  if (consume_ci(s, 'q')) {
    const auto q = read_number(s, 1, 1);
    if (q && s.empty()) return make_quarter(text, *year, *q);
    fail(text, {});
  }
  if (dash) {
    const auto m = read_number(s, 1, 2);
    if (m && s.empty()) return make_month(text, *year, *m);
  }
  fail(text, {});
}

}  // namespace ankang::domain
