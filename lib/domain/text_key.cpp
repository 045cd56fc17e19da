#include "domain/text_key.hpp"

#include <algorithm>
#include <vector>

#include "text.hpp"

#include <fmt/format.h>
#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace ankang::domain {

namespace {

bool all_ascii(std::string_view s)
{
  for (const char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

std::string map(std::string_view text, int options)
{
  utf8proc_uint8_t* out = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                              static_cast<utf8proc_ssize_t>(text.size()), &out,
                              static_cast<utf8proc_option_t>(options | UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (n < 0) return std::string(text);
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(out, &std::free);
  return std::string(reinterpret_cast<const char*>(out), static_cast<size_t>(n));
}

}  // namespace

std::string nfkc(std::string_view text)
{
  if (all_ascii(text)) return std::string(text);
  return map(text, UTF8PROC_COMPAT);
}

std::optional<std::string> ascii_identifier(std::string_view text, std::string& why)
{
  std::string s = nfkc(trim_blanks(text));
  s = std::string(trim_blanks(s));
  size_t position = 0;
  for (size_t i = 0; i < s.size();) {
    ++position;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7f) {
        why = fmt::format("character {} is a control character (\\x{:02x}): retype it", position, c);
        return std::nullopt;
      }
      ++i;
      continue;
    }
    utf8proc_int32_t cp = -1;
    const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                    static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    const size_t len = n > 0 ? static_cast<size_t>(n) : 1;
    why = cp < 0 ? fmt::format("character {} is not UTF-8 text", position)
                 : fmt::format("character {} '{}' (U+{:04X}) is not ASCII: retype it (letters that only look Latin, "
                               "such as Cyrillic С or Greek Α, are other characters)",
                               position, s.substr(i, len), static_cast<uint32_t>(cp));
    return std::nullopt;
  }
  return s;
}

namespace {

// True when NFKC leaves the text as it is, judged cheaply: ASCII, CJK ideographs (U+4000–U+9FFF)
// and 、。 need no mapping. Anything else goes through utf8proc (every import row hashes its
// description, so the common case must not allocate).
bool nfkc_stable(std::string_view s)
{
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
    } else if (c >= 0xE4 && c <= 0xE9 && i + 2 < s.size()) {
      i += 3;
    } else if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0x81 || static_cast<unsigned char>(s[i + 2]) == 0x82)) {
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string comparable_text(std::string_view text)
{
  std::string s = nfkc_stable(text) ? std::string(text) : map(text, UTF8PROC_COMPAT);
  // Latin letters in lower case (ASCII after NFKC); other scripts are left alone.
  std::string out;
  out.reserve(s.size());
  bool blank = false;
  for (const char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      blank = !out.empty();
      continue;
    }
    if (blank) out += ' ';
    blank = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  // Trailing sentence punctuation, with any blanks between.
  for (bool dropped = true; dropped;) {
    dropped = false;
    for (std::string_view p : {".", "!", "?", ";", ",", "。", "，", "、", "；", "…"}) {
      if (out.size() >= p.size() && std::string_view(out).ends_with(p)) {
        out.resize(out.size() - p.size());
        while (!out.empty() && out.back() == ' ') out.pop_back();
        dropped = true;
      }
    }
  }
  return out;
}

size_t edit_distance(std::u32string_view a, std::u32string_view b)
{
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::u32string code_points(std::string_view utf8)
{
  std::u32string out;
  for (size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : c & (0x3F >> (n - 1));
    for (size_t k = 1; k < n && i + k < utf8.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    out += cp;
    i += n;
  }
  return out;
}

std::string_view closest_word(std::string_view input, std::span<const std::string_view> words)
{
  const auto wanted = code_points(comparable_text(input));
  std::string_view best;
  size_t best_distance = std::max<size_t>(1, (wanted.size() + 1) / 2) + 1;
  for (const auto w : words) {
    const auto candidate = code_points(comparable_text(w));
    size_t d = edit_distance(wanted, candidate);
    // One written inside the other (危化品企业, 重大隐患): as close as a letter apart.
    const bool inside = !candidate.empty() && !wanted.empty() &&
                        (wanted.find(candidate) != std::u32string::npos || candidate.find(wanted) != std::u32string::npos);
    if (inside) d = std::min<size_t>(d, 1);
    if (d < best_distance) {
      best_distance = d;
      best = w;
    }
  }
  return best;
}

}  // namespace ankang::domain
