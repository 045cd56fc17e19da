#pragma once
// Stored codes (stable English words) with their Chinese and English labels and the synonyms
// real sheets use. Input accepts any of them; output shows the label of the chosen language.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ankang::domain {

enum class Lang { zh, en };

struct CodeInfo {
  std::string_view code;
  std::string_view zh;
  std::string_view en;
  std::string_view aliases;  // '|'-separated further accepted spellings
};

class CodeSet {
public:
  constexpr CodeSet(std::string_view what, std::span<const CodeInfo> entries) : m_what(what), m_entries(entries) {}

  // The stored code for a code, label or alias (case-insensitive for ASCII), or nullopt.
  std::optional<std::string_view> parse(std::string_view input) const;
  // As parse, throwing Error(invalid_input) "unknown WHAT 'X': expected one of …".
  std::string_view parse_or_throw(std::string_view input) const;
  bool contains(std::string_view code) const;
  // The label of a stored code; the code itself if unknown.
  std::string_view label(std::string_view code, Lang lang) const;
  // "general (一般), major (重大)", for error messages.
  std::string valid_values() const;
  // The entry closest to a value that does not parse, as "major (重大)"; "" when none is near
  // (domain::closest_word over the codes, labels and synonyms).
  std::string closest(std::string_view input) const;
  std::string_view what() const { return m_what; }
  std::span<const CodeInfo> entries() const { return m_entries; }

private:
  std::string_view m_what;
  std::span<const CodeInfo> m_entries;
};

const CodeSet& hazard_levels();
const CodeSet& hazard_statuses();
const CodeSet& hazard_categories();
const CodeSet& sectors();
const CodeSet& risk_levels();
const CodeSet& stop_production_kinds();
const CodeSet& inspection_kinds();

// Parses --lang: zh or en (also 中文, chinese, english). Throws Error(usage).
Lang parse_lang(std::string_view text);

}  // namespace ankang::domain
