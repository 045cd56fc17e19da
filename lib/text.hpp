#pragma once
// Small text helpers shared by every layer.
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

}  // namespace ankang
