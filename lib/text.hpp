#pragma once
// Small text helpers shared by every layer.
#include <string>
#include <string_view>

namespace ankang {

// `s` without leading and trailing ASCII blanks: space, tab, CR and LF (a cell or an option value
// as typed; a spreadsheet cell often ends in a line break). Full-width spaces are the sheet
// layer's business (io::trim_cell).
constexpr std::string_view trim_blanks(std::string_view s)
{
  constexpr std::string_view k_blanks = " \t\r\n";
  const auto first = s.find_first_not_of(k_blanks);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(k_blanks) - first + 1);
}

// Whether `s` is one or more ASCII digits.
constexpr bool all_digits(std::string_view s)
{
  if (s.empty()) return false;
  for (const char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// `s` with ASCII capitals made small (codes, words and headers typed in either case).
inline std::string lower_ascii(std::string_view s)
{
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace ankang
