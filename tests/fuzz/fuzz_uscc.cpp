// Fuzzes the credit-code check (GB 32100): never crashes, a failure says why, an accepted code is
// 18 characters of the code set with a correct check character, and normalising is idempotent.
#include "domain/uscc.hpp"
#include "error.hpp"
#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>

using ankang::fuzz::require;
namespace domain = ankang::domain;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string why;
  const auto code = domain::try_normalize_uscc(text, why);
  if (!code) {
    require(!why.empty(), "a rejected code has a reason", text);
  } else {
    require(code->size() == 18, "an accepted code has 18 characters", text);
    for (char c : *code) require(domain::k_uscc_charset.find(c) != std::string_view::npos, "only code-set characters", text);
    require(domain::uscc_check_character(std::string_view(*code).substr(0, 17)) == (*code)[17],
            "the check character is right", text);
    std::string why_again;
    const auto again = domain::try_normalize_uscc(*code, why_again);
    require(again && *again == *code, "normalising is idempotent", text);
  }
  // Any 17 bytes: a check character from the code set, or '\0' when one of them is not in it.
  if (size >= 17) {
    const char check = domain::uscc_check_character(text.substr(0, 17));
    require(check == '\0' || domain::k_uscc_charset.find(check) != std::string_view::npos,
            "uscc_check_character returns a code-set character or NUL", text);
  }
  try {
    const auto thrown = domain::normalize_uscc(text);
    require(code && thrown == *code, "normalize_uscc agrees with try_normalize_uscc", text);
  } catch (const ankang::Error& e) {
    require(!code && e.kind() == ankang::ErrorKind::invalid_input, "normalize_uscc throws invalid_input", text);
  }
  return 0;
}
