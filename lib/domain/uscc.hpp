#pragma once
// The Unified Social Credit Code (统一社会信用代码) of GB 32100-2015.
#include <optional>
#include <string>
#include <string_view>

namespace ankang::domain {

// The 31 characters of the code set: digits and upper-case letters without I, O, S, V, Z.
inline constexpr std::string_view k_uscc_charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// The check character (position 18) for the first 17 characters, or '\0' if one of them is not
// in the code set.
char uscc_check_character(std::string_view first17);

// Validates and normalises (trims, upper-cases) a code. On failure returns nullopt and sets
// `why`, e.g. "the check character should be 'R', not 'X'" or "character 5 'O' is not allowed
// (the code set has no I, O, S, V or Z)".
std::optional<std::string> try_normalize_uscc(std::string_view text, std::string& why);

// As above, throwing Error(invalid_input) "'TEXT' is not a valid credit code: WHY".
std::string normalize_uscc(std::string_view text);

}  // namespace ankang::domain
