#include "domain/person_name.hpp"

#include <algorithm>

namespace ankang::domain {

namespace {

// The length of the blank at `i` (ASCII space or tab, U+3000, U+00A0), 0 when none.
size_t blank_at(std::string_view s, size_t i)
{
  if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') return 1;
  if (s.substr(i, 3) == "\xE3\x80\x80") return 3;  // U+3000 IDEOGRAPHIC SPACE
  if (s.substr(i, 2) == "\xC2\xA0") return 2;      // U+00A0 NO-BREAK SPACE
  return 0;
}

bool non_ascii(unsigned char c) { return c >= 0x80; }

}  // namespace

std::string normalize_person_name(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  bool pending_blank = false;
  for (size_t i = 0; i < text.size();) {
    if (const size_t n = blank_at(text, i)) {
      pending_blank = true;
      i += n;
      continue;
    }
    if (pending_blank && !out.empty()) {
      // A blank between two Han characters is padding; between words it separates them.
      const bool between_han = non_ascii(static_cast<unsigned char>(out.back())) && non_ascii(static_cast<unsigned char>(text[i]));
      if (!between_han) out += ' ';
    }
    pending_blank = false;
    out += text[i++];
  }
  return out;
}

std::vector<std::string> person_names(std::string_view field)
{
  // First the explicit separators: 、 ， ； and , / ;
  static constexpr std::string_view k_wide[] = {"、", "，", "；"};
  std::vector<std::string> parts(1);
  for (size_t i = 0; i < field.size();) {
    bool matched = false;
    for (auto sep : k_wide)
      if (field.substr(i, sep.size()) == sep) {
        parts.emplace_back();
        i += sep.size();
        matched = true;
        break;
      }
    if (matched) continue;
    const char c = field[i++];
    if (c == ',' || c == '/' || c == ';')
      parts.emplace_back();
    else
      parts.back() += c;
  }
  // Then blanks: "何文 张卫东" is two people, but "何 文" (a one-character piece) is one name
  // padded to the width of three.
  std::vector<std::string> names;
  for (const auto& part : parts) {
    std::vector<std::string> pieces;
    bool padded = false;
    std::string piece;
    const auto flush = [&] {
      if (piece.empty()) return;
      // One character of three or four UTF-8 bytes (Han).
      const auto lead = static_cast<unsigned char>(piece[0]);
      const bool one_han = (piece.size() == 3 && lead >= 0xE0 && lead < 0xF0) || (piece.size() == 4 && lead >= 0xF0);
      if (one_han) padded = true;
      pieces.push_back(std::move(piece));
      piece.clear();
    };
    for (size_t i = 0; i < part.size();) {
      if (const size_t n = blank_at(part, i)) {
        flush();
        i += n;
      } else {
        piece += part[i++];
      }
    }
    flush();
    if (pieces.empty()) continue;
    if (padded || pieces.size() == 1) {
      auto name = normalize_person_name(part);
      if (!name.empty()) names.push_back(std::move(name));
    } else {
      for (auto& p : pieces) names.push_back(std::move(p));
    }
  }
  return names;
}

std::string normalize_person_field(std::string_view field)
{
  const auto names = person_names(field);
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : "、") + n;
  return out;
}

bool names_person(std::string_view field, std::string_view name)
{
  const auto wanted = normalize_person_name(name);
  if (wanted.empty()) return false;
  const auto names = person_names(field);
  return std::find(names.begin(), names.end(), wanted) != names.end();
}

}  // namespace ankang::domain
