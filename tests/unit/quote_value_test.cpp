#include "error.hpp"

#include <catch2/catch.hpp>

#include <string>

using ankang::quote_value;

TEST_CASE("quote_value: short values are quoted as they are", "[error]") {
  CHECK(quote_value("2021-13-01") == "'2021-13-01'");
  CHECK(quote_value("") == "''");
  CHECK(quote_value("配电箱门未关闭") == "'配电箱门未关闭'");
  CHECK(quote_value("'; DROP TABLE hazard; --") == "''; DROP TABLE hazard; --'");
}

TEST_CASE("quote_value: control characters and bad bytes stay on one readable line", "[error]") {
  CHECK(quote_value("a\nb\tc\rd") == "'a\\nb\\tc\\rd'");
  CHECK(quote_value(std::string("a\0b", 3)) == "'a\\x00b'");
  CHECK(quote_value("\x1b[2J") == "'\\x1B[2J'");
  CHECK(quote_value("\xFF\xFE" "2021") == "'\\xFF\\xFE2021'");
  CHECK(quote_value("\xE4\xB8") == "'\\xE4\\xB8'");  // a sequence cut off
}

TEST_CASE("quote_value: a long value is cut to 40 characters and its size", "[error]") {
  const std::string mb(1048576, 'x');
  CHECK(quote_value(mb) == "'" + std::string(40, 'x') + "…' (1048576 bytes)");
  std::string cn;
  for (int i = 0; i < 61; ++i) cn += "中";
  std::string kept;
  for (int i = 0; i < 40; ++i) kept += "中";
  CHECK(quote_value(cn) == "'" + kept + "…' (183 bytes)");
  // Up to 60 characters nothing is cut.
  CHECK(quote_value(std::string(60, 'y')) == "'" + std::string(60, 'y') + "'");
}
