#pragma once
// A calendar date without time or zone, stored as days since 1970-01-01.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ankang::domain {

class Date {
public:
  constexpr Date() = default;
  static constexpr Date from_days(int32_t days) { return Date(days); }
  // Throws Error(invalid_input) when year-month-day is not a real date.
  static Date from_ymd(int year, unsigned month, unsigned day);

  constexpr int32_t days() const { return m_days; }
  int year() const;
  unsigned month() const;
  unsigned day() const;
  // ISO weekday: 1 = Monday … 7 = Sunday.
  unsigned iso_weekday() const;
  bool is_weekend() const { return iso_weekday() >= 6; }

  // YYYY-MM-DD.
  std::string iso() const;

  constexpr Date operator+(int32_t n) const { return Date(m_days + n); }
  constexpr Date operator-(int32_t n) const { return Date(m_days - n); }
  constexpr int32_t operator-(Date other) const { return m_days - other.m_days; }
  constexpr Date& operator+=(int32_t n) { m_days += n; return *this; }
  constexpr auto operator<=>(const Date&) const = default;

private:
  constexpr explicit Date(int32_t days) : m_days(days) {}
  int32_t m_days = 0;
};

// Parses every input form of DESIGN §5: 2021-08-14, 2021/8/14, 2021.8.14, 2021年8月14日,
// 20210814, optionally followed by a time of day (which is dropped). On failure returns
// nullopt and sets `why` to a complete reason ("2021 has no February 29").
std::optional<Date> try_parse_date(std::string_view text, std::string& why);

// As try_parse_date, throwing Error(invalid_input) "'TEXT' is not a date: WHY".
Date parse_date(std::string_view text);

Date last_day_of_month(int year, unsigned month);

}  // namespace ankang::domain
