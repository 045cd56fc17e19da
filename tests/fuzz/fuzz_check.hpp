#pragma once
// What a fuzz target does when a property fails: say which, then abort so libFuzzer keeps the input.
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace ankang::fuzz {

[[noreturn]] inline void fail(const char* what, std::string_view input)
{
  std::fprintf(stderr, "property failed: %s (input of %zu bytes)\n", what, input.size());
  std::abort();
}

inline void require(bool ok, const char* what, std::string_view input)
{
  if (!ok) fail(what, input);
}

}  // namespace ankang::fuzz
