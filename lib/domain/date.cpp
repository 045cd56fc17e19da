#include "domain/date.hpp"
#include "domain/china_time.hpp"

#include "error.hpp"
#include "text.hpp"

#include <array>
#include <fmt/format.h>

namespace ankang::domain {

namespace chr = std::chrono;

namespace {

constexpr std::array<const char*, 12> k_month_names = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

chr::year_month_day to_ymd(int32_t days)
{
  return chr::year_month_day{chr::sys_days{chr::days{days}}};
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads 1..max_len digits; returns false if none.
bool read_number(std::string_view& s, unsigned max_len, int& value)
{
  unsigned n = 0;
  value = 0;
  while (n < s.size() && n < max_len && is_digit(s[n])) {
    value = value * 10 + (s[n] - '0');
    ++n;
  }
  if (n == 0) return false;
  s.remove_prefix(n);
  return true;
}

bool consume(std::string_view& s, std::string_view token)
{
  if (s.substr(0, token.size()) != token) return false;
  s.remove_prefix(token.size());
  return true;
}

// Accepts an optional time of day after the date: " 9:30", " 09:30:00", "T09:30:00.000".
bool is_time_suffix(std::string_view s)
{
  if (s.empty()) return true;
  if (s.front() != ' ' && s.front() != 'T') return false;
  s.remove_prefix(1);
  s = trim_blanks(s);
  int h = 0, m = 0;
  if (!read_number(s, 2, h) || !consume(s, ":") || !read_number(s, 2, m)) return false;
  if (h > 23 || m > 59) return false;
  if (consume(s, ":")) {
    int sec = 0;
    if (!read_number(s, 2, sec) || sec > 60) return false;
    if (consume(s, ".")) {
      int frac = 0;
      if (!read_number(s, 9, frac)) return false;
    }
  }
  return s.empty();
}

std::optional<Date> checked_ymd(int y, int m, int d, std::string& why)
{
  if (y < 1900 || y > 2999) {
    why = fmt::format("year {} is out of range (1900-2999)", y);
    return std::nullopt;
  }
  if (m < 1 || m > 12) {
    why = fmt::format("month {} does not exist", m);
    return std::nullopt;
  }
  const auto last = chr::year_month_day_last{chr::year{y}, chr::month_day_last{chr::month{static_cast<unsigned>(m)}}};
  const unsigned last_day = static_cast<unsigned>(last.day());
  if (d < 1 || static_cast<unsigned>(d) > last_day) {
    if (m == 2 && d == 29)
      why = fmt::format("{} has no February 29", y);
    else if (d >= 1 && d <= 31)
      why = fmt::format("{} has {} days", k_month_names[static_cast<size_t>(m - 1)], last_day);
    else
      why = fmt::format("day {} does not exist", d);
    return std::nullopt;
  }
  const chr::sys_days sd{chr::year{y} / chr::month{static_cast<unsigned>(m)} / chr::day{static_cast<unsigned>(d)}};
  return Date::from_days(static_cast<int32_t>(sd.time_since_epoch().count()));
}

}  // namespace

Date Date::from_ymd(int year, unsigned month, unsigned day)
{
  std::string why;
  auto d = checked_ymd(year, static_cast<int>(month), static_cast<int>(day), why);
  if (!d) throw Error(ErrorKind::invalid_input, fmt::format("{:04}-{:02}-{:02} is not a date: {}", year, month, day, why));
  return *d;
}

int Date::year() const { return static_cast<int>(to_ymd(m_days).year()); }
unsigned Date::month() const { return static_cast<unsigned>(to_ymd(m_days).month()); }
unsigned Date::day() const { return static_cast<unsigned>(to_ymd(m_days).day()); }

unsigned Date::iso_weekday() const
{
  return chr::weekday{chr::sys_days{chr::days{m_days}}}.iso_encoding();
}

std::string Date::iso() const
{
  const auto ymd = to_ymd(m_days);
  const int y = static_cast<int>(ymd.year());
  const auto m = static_cast<unsigned>(ymd.month());
  const auto d = static_cast<unsigned>(ymd.day());
  if (y < 0 || y > 9999) return fmt::format("{:04}-{:02}-{:02}", y, m, d);
  // Written by hand: ten characters fit std::string's inline buffer, so this never allocates
  // (imports render several dates per row).
  std::string out(10, '-');
  out[0] = static_cast<char>('0' + y / 1000);
  out[1] = static_cast<char>('0' + y / 100 % 10);
  out[2] = static_cast<char>('0' + y / 10 % 10);
  out[3] = static_cast<char>('0' + y % 10);
  out[5] = static_cast<char>('0' + m / 10);
  out[6] = static_cast<char>('0' + m % 10);
  out[8] = static_cast<char>('0' + d / 10);
  out[9] = static_cast<char>('0' + d % 10);
  return out;
}

Date last_day_of_month(int year, unsigned month)
{
  const auto last = chr::year_month_day_last{chr::year{year}, chr::month_day_last{chr::month{month}}};
  return Date::from_days(static_cast<int32_t>(chr::sys_days{last}.time_since_epoch().count()));
}

std::optional<Date> try_parse_date(std::string_view text, std::string& why)
{
  std::string_view s = trim_blanks(text);
  const std::string_view expected = "expected a date such as 2021-08-14, 2021/8/14, 2021年8月14日 or 20210814";
  if (s.empty()) {
    why = "the date is empty";
    return std::nullopt;
  }
  // 20210814: exactly eight digits, optionally followed by a time.
  {
    size_t n = 0;
    while (n < s.size() && is_digit(s[n])) ++n;
    if (n == 8) {
      std::string_view rest = s.substr(8);
      if (!is_time_suffix(rest)) {
        why = expected;
        return std::nullopt;
      }
      const auto v = [&](size_t pos, size_t len) {
        int r = 0;
        for (size_t i = pos; i < pos + len; ++i) r = r * 10 + (s[i] - '0');
        return r;
      };
      return checked_ymd(v(0, 4), v(4, 2), v(6, 2), why);
    }
    if (n != 4) {
      why = expected;
      return std::nullopt;
    }
  }
  int y = 0, m = 0, d = 0;
  read_number(s, 4, y);
  if (consume(s, "年")) {
    if (!read_number(s, 2, m) || !consume(s, "月") || !read_number(s, 2, d)) {
      why = expected;
      return std::nullopt;
    }
    consume(s, "日") || consume(s, "号");
  } else {
    char sep = s.empty() ? '\0' : s.front();
    if (sep != '-' && sep != '/' && sep != '.') {
      why = expected;
      return std::nullopt;
    }
    s.remove_prefix(1);
    if (!read_number(s, 2, m) || s.empty() || s.front() != sep) {
      why = expected;
      return std::nullopt;
    }
    s.remove_prefix(1);
    if (!read_number(s, 2, d)) {
      why = expected;
      return std::nullopt;
    }
  }
  if (!is_time_suffix(s)) {
    why = expected;
    return std::nullopt;
  }
  return checked_ymd(y, m, d, why);
}

std::string china_time(std::string_view utc)
{
  // YYYY-MM-DDTHH:MM[:SS[.fff]]Z
  const auto digits = [&](size_t at, size_t n) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (utc[i] < '0' || utc[i] > '9') return -1;
      v = v * 10 + (utc[i] - '0');
    }
    return v;
  };
  if (utc.size() < 17 || utc[10] != 'T' || utc[13] != ':' || utc.back() != 'Z') return std::string(utc);
  std::string why;
  const auto day = try_parse_date(utc.substr(0, 10), why);
  const int hour = digits(11, 2), minute = digits(14, 2);
  if (!day || hour < 0 || hour > 23 || minute < 0 || minute > 59) return std::string(utc);
  const int china_hour = hour + 8;
  const Date china_day = *day + (china_hour >= 24 ? 1 : 0);
  return fmt::format("{} {:02d}:{:02d}", china_day.iso(), china_hour % 24, minute);
}

Date parse_date(std::string_view text)
{
  std::string why;
  auto d = try_parse_date(text, why);
  if (!d) throw Error(ErrorKind::invalid_input, fmt::format("{} is not a date: {}", quote_value(text), why));
  return *d;
}

}  // namespace ankang::domain
