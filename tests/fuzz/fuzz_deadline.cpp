// Fuzzes the deadline and look-ahead window parsers (DESIGN §5) and resolves what parses against a
// calendar of 2020–2027 with a holiday block and a make-up working day each year. The first two
// bytes pick the base date in 2021–2026. Never crashes; failures are Error(invalid_input); a
// deadline reads back from its text(); a resolved relative deadline is a working day, not before
// the base (and after it for +Nwd, at least N days after it for +Nd).
#include "domain/calendar.hpp"
#include "domain/deadline.hpp"
#include "error.hpp"
#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>

using ankang::fuzz::require;
namespace domain = ankang::domain;
using Kind = domain::DeadlineSpec::Kind;

namespace {

const domain::Calendar& calendar()
{
  static const domain::Calendar cal = [] {
    std::vector<domain::Date> off, work;
    std::vector<int> years;
    for (int y = 2020; y <= 2027; ++y) {
      years.push_back(y);
      for (unsigned d = 1; d <= 7; ++d) off.push_back(domain::Date::from_ymd(y, 10, d));  // 国庆节
      work.push_back(domain::Date::from_ymd(y, 10, 10));
      off.push_back(domain::Date::from_ymd(y, 5, 1));
    }
    return domain::Calendar(off, work, years);
  }();
  return cal;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  if (size < 2) return 0;
  const auto offset = static_cast<int32_t>((data[0] << 8 | data[1]) % 2191);
  const domain::Date base = domain::Date::from_ymd(2021, 1, 1) + offset;
  const std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);
  const auto& cal = calendar();

  try {
    const domain::Date last = domain::parse_window(text, base, cal);
    require(last >= base, "a window does not end before today", text);
  } catch (const ankang::Error& e) {
    require(e.kind() == ankang::ErrorKind::invalid_input, "parse_window throws invalid_input", text);
  }

  domain::DeadlineSpec spec;
  try {
    spec = domain::parse_deadline(text);
  } catch (const ankang::Error& e) {
    require(e.kind() == ankang::ErrorKind::invalid_input, "parse_deadline throws invalid_input", text);
    return 0;
  }
  try {
    require(domain::parse_deadline(spec.text()) == spec, "a deadline reads back from its text()", text);
  } catch (const ankang::Error&) {
    require(false, "the text() of a parsed deadline parses", text);
  }
  for (const auto roll : {domain::RollRule::weekends_and_holidays, domain::RollRule::holidays_only}) {
    domain::Date due;
    try {
      due = domain::resolve(spec, base, cal, roll);
    } catch (const ankang::Error& e) {
      require(e.kind() == ankang::ErrorKind::invalid_input, "resolve throws invalid_input", text);
      continue;
    }
    if (spec.kind == Kind::date) {
      require(due == spec.date, "an absolute deadline resolves to itself", text);
      continue;
    }
    require(due >= base, "a relative deadline is not before its base", text);
    if (spec.kind == Kind::working_days) {
      require(due > base && cal.is_workday(due), "+Nwd lands on a working day after the base", text);
      require(cal.working_days_between(base, due) == spec.count, "+Nwd is N working days", text);
    }
    if (spec.kind == Kind::calendar_days) {
      require(due >= base + spec.count, "+Nd is at least N days later", text);
      if (roll == domain::RollRule::weekends_and_holidays)
        require(cal.is_workday(due), "+Nd rolls onto a working day", text);
    }
    if (spec.kind == Kind::end_of_week || spec.kind == Kind::end_of_month || spec.kind == Kind::end_of_quarter)
      require(cal.is_workday(due), "eow/eom/eoq is a working day", text);
  }
  return 0;
}
