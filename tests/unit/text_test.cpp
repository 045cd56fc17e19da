#include "text.hpp"

#include <catch2/catch.hpp>

using ankang::trim_blanks;

TEST_CASE("trim_blanks drops ASCII blanks at both ends and nothing else", "[text]")
{
  CHECK(trim_blanks("  2021-08-16\t") == "2021-08-16");
  CHECK(trim_blanks("\r\n回风立井 反风设施不完好\n") == "回风立井 反风设施不完好");
  CHECK(trim_blanks("a b") == "a b");
  CHECK(trim_blanks(" \t\r\n") == "");
  CHECK(trim_blanks("") == "");
  CHECK(trim_blanks("\xE3\x80\x80x\xE3\x80\x80") == "\xE3\x80\x80x\xE3\x80\x80");  // full-width spaces stay
  static_assert(trim_blanks(" x ") == "x");
}
