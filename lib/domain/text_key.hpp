#pragma once
// Text as a person reads it, for identifiers and duplicate keys (issue 13 point 6, issue 14
// point 10): what a person does not see as a difference must not make a second record.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ankang::domain {

// Unicode NFKC (utf8proc): full-width digits and letters become ASCII (`２０２１` → `2021`),
// compatibility forms their plain form. Invalid UTF-8 comes back unchanged.
std::string nfkc(std::string_view text);

// An identifier typed into a sheet (a hazard number, a credit code): trimmed, NFKC, and then
// ASCII only. Otherwise nullopt, and `why` names the first other character, e.g.
// "character 2 'С' (U+0421) is not ASCII: retype it (it only looks like a Latin letter)".
std::optional<std::string> ascii_identifier(std::string_view text, std::string& why);

// The form two texts are compared in for a duplicate key: NFKC, Latin letters in lower case,
// blanks trimmed and each run of blanks one space, trailing sentence punctuation (。.!?;，,、…)
// dropped. "  反风设施 不完好。" and "反风设施  不完好" are the same.
std::string comparable_text(std::string_view text);

// The code points of UTF-8 text (for distances between Chinese words).
std::u32string code_points(std::string_view utf8);

// Edit distance over code points: insertions, deletions and substitutions.
size_t edit_distance(std::u32string_view a, std::u32string_view b);

// The word of `words` closest to `input` as a person would mistype or abbreviate it (compared as
// comparable_text: 重大 for 特大, 危化品 for 危化品企业), or "" when none is near: within half the
// input's length, or one written inside the other.
std::string_view closest_word(std::string_view input, std::span<const std::string_view> words);

}  // namespace ankang::domain
