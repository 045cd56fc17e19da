#include "domain/money.hpp"

#include "error.hpp"
#include "text.hpp"

#include <fmt/format.h>
#include <limits>

namespace ankang::domain {

namespace {

bool strip_suffix(std::string_view& s, std::string_view suffix)
{
  if (s.size() < suffix.size() || s.substr(s.size() - suffix.size()) != suffix) return false;
  s.remove_suffix(suffix.size());
  return true;
}

bool strip_prefix(std::string_view& s, std::string_view prefix)
{
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  return true;
}

}  // namespace

std::optional<Money> try_parse_money(std::string_view text, MoneyUnit unit, std::string& why)
{
  std::string_view s = trim_blanks(text);
  if (s.empty()) {
    why = "the amount is empty";
    return std::nullopt;
  }
  if (s.front() == '-') {
    why = "an amount cannot be negative";
    return std::nullopt;
  }
  strip_prefix(s, "¥") || strip_prefix(s, "￥");
  strip_suffix(s, "元");
  if (strip_suffix(s, "万")) unit = MoneyUnit::wan_yuan;
  s = trim_blanks(s);
  // Integer part (digits, optional thousands separators) and up to 6 decimals, in units.
  int64_t whole = 0;
  int64_t frac = 0;
  int frac_digits = 0;
  bool any_digit = false;
  bool in_frac = false;
  const int64_t limit = std::numeric_limits<int64_t>::max() / 100000000;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      any_digit = true;
      if (in_frac) {
        if (frac_digits == 6) {
          why = "too many decimal places";
          return std::nullopt;
        }
        frac = frac * 10 + (c - '0');
        ++frac_digits;
      } else {
        whole = whole * 10 + (c - '0');
        if (whole > limit) {
          why = "the amount is too large";
          return std::nullopt;
        }
      }
    } else if (c == '.' && !in_frac) {
      in_frac = true;
    } else if (c == ',' && !in_frac) {
      continue;
    } else {
      why = "expected an amount such as 50000, 12.5, 5万 or 5万元";
      return std::nullopt;
    }
  }
  if (!any_digit) {
    why = "expected an amount such as 50000, 12.5, 5万 or 5万元";
    return std::nullopt;
  }
  // Scale to fen: yuan ×100, 万元 ×1,000,000.
  const int scale_digits = unit == MoneyUnit::wan_yuan ? 6 : 2;
  if (frac_digits > scale_digits) {
    why = unit == MoneyUnit::wan_yuan ? "an amount in 万元 has at most 6 decimal places"
                                      : "an amount in yuan has at most 2 decimal places (fen)";
    return std::nullopt;
  }
  int64_t scale = 1;
  for (int i = 0; i < scale_digits; ++i) scale *= 10;
  int64_t frac_scale = 1;
  for (int i = frac_digits; i < scale_digits; ++i) frac_scale *= 10;
  // The cap applies to the amount, not to the digits typed: an amount in 万元 must still be
  // writable and readable in yuan (format_yuan → import), so it obeys the same yuan limit.
  const int64_t fen = whole * scale + frac * frac_scale;
  if (fen > limit * 100) {
    why = "the amount is too large";
    return std::nullopt;
  }
  return Money{fen};
}

Money parse_money(std::string_view text, MoneyUnit unit)
{
  std::string why;
  auto m = try_parse_money(text, unit, why);
  if (!m) throw Error(ErrorKind::invalid_input, fmt::format("{} is not an amount of money: {}", quote_value(text), why));
  return *m;
}

std::string format_yuan(Money m)
{
  return fmt::format("{}.{:02}", m.fen / 100, m.fen % 100);
}

}  // namespace ankang::domain
