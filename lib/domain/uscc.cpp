#include "domain/uscc.hpp"

#include "domain/text_key.hpp"

#include "error.hpp"

#include <fmt/format.h>

namespace ankang::domain {

namespace {

constexpr int k_weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

int value_of(char c)
{
  const auto pos = k_uscc_charset.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

char uscc_check_character(std::string_view first17)
{
  if (first17.size() < 17) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    const int v = value_of(first17[i]);
    if (v < 0) return '\0';
    sum += v * k_weights[i];
  }
  const int check = (31 - sum % 31) % 31;
  return k_uscc_charset[static_cast<size_t>(check)];
}

std::optional<std::string> try_normalize_uscc(std::string_view text, std::string& why)
{
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  // Full-width characters (NFKC) are the code's own; any other non-ASCII character is not
  // (a Cyrillic С looks like C): named, not taken for a wrong check character.
  std::string ascii;
  if (!text.empty()) {
    auto id = ascii_identifier(text, why);
    if (!id) return std::nullopt;
    ascii = std::move(*id);
    text = ascii;
  }
  std::string code;
  code.reserve(text.size());
  for (char c : text) code.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  if (code.empty()) {
    why = "the code is empty";
    return std::nullopt;
  }
  // Count characters, not bytes, so that a stray 中文 character is reported sensibly.
  size_t chars = 0;
  for (unsigned char c : code)
    if ((c & 0xC0) != 0x80) ++chars;
  if (chars != 18) {
    why = fmt::format("it has {} characters, a credit code has 18", chars);
    return std::nullopt;
  }
  for (size_t i = 0; i < code.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(code[i]);
    if (c >= 0x80) {
      why = fmt::format("character {} is not a letter or digit", i + 1);
      return std::nullopt;
    }
    if (value_of(code[i]) < 0) {
      if (c == 'I' || c == 'O' || c == 'S' || c == 'V' || c == 'Z')
        why = fmt::format("character {} {} is not allowed (the code set has no I, O, S, V or Z)", i + 1,
                          quote_value(std::string_view(&code[i], 1)));
      else
        why = fmt::format("character {} {} is not allowed (only digits and the letters A-Y without I, O, S, V)", i + 1,
                          quote_value(std::string_view(&code[i], 1)));
      return std::nullopt;
    }
  }
  for (size_t i = 2; i < 8; ++i) {
    if (code[i] < '0' || code[i] > '9') {
      why = fmt::format("characters 3-8 are the region code and must be digits, character {} is {}", i + 1,
                        quote_value(std::string_view(&code[i], 1)));
      return std::nullopt;
    }
  }
  const char expected = uscc_check_character(code);
  if (code[17] != expected) {
    why = fmt::format("the check character should be '{}', not {}", expected, quote_value(std::string_view(&code[17], 1)));
    return std::nullopt;
  }
  return code;
}

std::string normalize_uscc(std::string_view text)
{
  std::string why;
  auto code = try_normalize_uscc(text, why);
  if (!code) throw Error(ErrorKind::invalid_input, fmt::format("{} is not a valid credit code: {}", quote_value(text), why));
  return *code;
}

}  // namespace ankang::domain
