#pragma once
// Money is held in fen (1/100 yuan) as a 64-bit integer; never as floating point.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ankang::domain {

struct Money {
  int64_t fen = 0;
  auto operator<=>(const Money&) const = default;
};

// The unit a bare number is in: yuan (整改资金（元）) or 10,000 yuan (整改资金（万元）).
enum class MoneyUnit { yuan, wan_yuan };

// Accepts 50000, 12.5, 1,200.50, 5万, 5万元, 3.5万元, 800元, ¥800. A 万 suffix overrides `unit`.
// Negative amounts, more than two decimals of a yuan, and anything else are rejected: returns
// nullopt and sets `why`.
std::optional<Money> try_parse_money(std::string_view text, MoneyUnit unit, std::string& why);
Money parse_money(std::string_view text, MoneyUnit unit = MoneyUnit::yuan);

// "125000.00" style, for machine output; "12.5万元" style is not produced.
std::string format_yuan(Money m);

}  // namespace ankang::domain
