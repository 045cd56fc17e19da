// Fuzzes the date parser (every DESIGN §5 input form): never crashes, a failure always says why,
// a parsed date is in the supported range and reads back from its ISO form as the same day.
#include "domain/date.hpp"
#include "error.hpp"
#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>

using ankang::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string why;
  const auto date = ankang::domain::try_parse_date(text, why);
  if (!date) {
    require(!why.empty(), "a rejected date has a reason", text);
  } else {
    require(date->year() >= 1900 && date->year() <= 2999, "a parsed date is in 1900-2999", text);
    std::string why_again;
    const auto again = ankang::domain::try_parse_date(date->iso(), why_again);
    require(again && *again == *date, "a parsed date reads back from its ISO form", text);
  }
  try {
    const auto thrown = ankang::domain::parse_date(text);
    require(date && thrown == *date, "parse_date agrees with try_parse_date", text);
  } catch (const ankang::Error& e) {
    require(!date && e.kind() == ankang::ErrorKind::invalid_input, "parse_date throws invalid_input", text);
  }
  return 0;
}
