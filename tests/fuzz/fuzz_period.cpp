// Fuzzes the period parser (DESIGN §5). The first two bytes pick "today" in 2021–2026, the rest is
// the text. Never crashes; a failure is Error(invalid_input); a parsed period is ordered, reads back
// from its code(), and its previous period ends the day before it starts.
#include "domain/period.hpp"
#include "error.hpp"
#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>

using ankang::fuzz::require;
namespace domain = ankang::domain;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  if (size < 2) return 0;
  const auto offset = static_cast<int32_t>((data[0] << 8 | data[1]) % 2191);
  const domain::Date today = domain::Date::from_ymd(2021, 1, 1) + offset;
  const std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);
  domain::Period period;
  try {
    period = domain::parse_period(text, today);
  } catch (const ankang::Error& e) {
    require(e.kind() == ankang::ErrorKind::invalid_input, "parse_period throws invalid_input", text);
    require(*e.what() != '\0', "a rejected period has a message", text);
    return 0;
  }
  require(period.start <= period.end, "start <= end", text);
  require(period.contains(period.start) && period.contains(period.end), "a period contains its ends", text);
  const std::string code = period.code();
  try {
    require(domain::parse_period(code, today) == period, "a period reads back from its code()", text);
  } catch (const ankang::Error&) {
    require(false, "the code() of a parsed period parses", text);
  }
  const domain::Period before = period.previous();
  require(before.end + 1 == period.start, "the previous period ends the day before", text);
  require(before.kind == period.kind, "the previous period is of the same kind", text);
  require(!period.label(domain::Lang::zh).empty() && !period.label(domain::Lang::en).empty(), "a period has labels", text);
  return 0;
}
