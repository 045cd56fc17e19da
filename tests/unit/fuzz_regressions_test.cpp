// Inputs that the fuzz targets (tests/fuzz/) found to break a property, pinned so they stay fixed.
// Each test is named after what broke; the input is also in the target's seed corpus.
#include "domain/money.hpp"

#include <catch2/catch.hpp>

using namespace ankang::domain;

TEST_CASE("fuzz_money: an amount in 万元 above the yuan limit is refused, not accepted unreadable", "[fuzz][money]")
{
  // 92233720368 万元 was accepted, but its yuan form (format_yuan) was then refused as too large,
  // so an export could not be imported back.
  std::string why;
  CHECK_FALSE(try_parse_money("92233720368", MoneyUnit::wan_yuan, why));
  CHECK(why == "the amount is too large");
  const auto largest = try_parse_money("92233720368", MoneyUnit::yuan, why);
  REQUIRE(largest);
  const auto again = try_parse_money(format_yuan(*largest), MoneyUnit::yuan, why);
  REQUIRE(again);
  CHECK(*again == *largest);
  REQUIRE(try_parse_money("9223372.0368万", MoneyUnit::yuan, why));
  CHECK(try_parse_money("9223372.0368万", MoneyUnit::yuan, why)->fen == 9223372036800);
}
