#include "error.hpp"

#include <fmt/format.h>

#include <cstdint>

namespace ankang {

namespace {

constexpr size_t k_quoted_max_chars = 60;  // longer values are cut …
constexpr size_t k_quoted_kept_chars = 40;  // … to this many characters

// The length of the valid UTF-8 sequence at s[i], or 0 when the byte there does not start one.
size_t utf8_sequence_length(std::string_view s, size_t i)
{
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;  // no overlong forms
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (i + len > s.size() || b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (size_t k = 2; k < len; ++k)
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  return len;
}

}  // namespace

std::string quote_value(std::string_view value)
{
  // Count the characters first: only a long value is cut.
  size_t chars = 0;
  for (size_t i = 0; i < value.size() && chars <= k_quoted_max_chars; ++chars) {
    const size_t len = static_cast<unsigned char>(value[i]) < 0x80 ? 1 : utf8_sequence_length(value, i);
    i += len == 0 ? 1 : len;
  }
  const size_t keep = chars > k_quoted_max_chars ? k_quoted_kept_chars : chars;

  std::string out = "'";
  size_t i = 0;
  for (size_t n = 0; n < keep && i < value.size(); ++n) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c >= 0x80) {
      if (const size_t len = utf8_sequence_length(value, i)) {
        out.append(value.substr(i, len));
        i += len;
      } else {
        out += fmt::format("\\x{:02X}", c);
        ++i;
      }
      continue;
    }
    ++i;
    switch (c) {
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default:
      if (c < 0x20 || c == 0x7F)
        out += fmt::format("\\x{:02X}", c);
      else
        out += static_cast<char>(c);
    }
  }
  if (i < value.size()) return out + fmt::format("…' ({} bytes)", value.size());
  return out + "'";
}

}  // namespace ankang
