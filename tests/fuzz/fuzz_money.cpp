// Fuzzes the money parser in both units: never crashes, never overflows, a failure says why,
// a parsed amount is not negative and reads back from its machine form (format_yuan) unchanged.
#include "domain/money.hpp"
#include "error.hpp"
#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>

using ankang::fuzz::require;
namespace domain = ankang::domain;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto unit : {domain::MoneyUnit::yuan, domain::MoneyUnit::wan_yuan}) {
    std::string why;
    const auto money = domain::try_parse_money(text, unit, why);
    if (!money) {
      require(!why.empty(), "a rejected amount has a reason", text);
    } else {
      require(money->fen >= 0, "a parsed amount is not negative", text);
      std::string why_again;
      const auto again = domain::try_parse_money(domain::format_yuan(*money), domain::MoneyUnit::yuan, why_again);
      require(again && *again == *money, "a parsed amount reads back from format_yuan", text);
    }
    try {
      const auto thrown = domain::parse_money(text, unit);
      require(money && thrown == *money, "parse_money agrees with try_parse_money", text);
    } catch (const ankang::Error& e) {
      require(!money && e.kind() == ankang::ErrorKind::invalid_input, "parse_money throws invalid_input", text);
    }
  }
  return 0;
}
