#include "domain/money.hpp"
#include "domain/uscc.hpp"

#include <catch2/catch.hpp>

using namespace ankang::domain;

TEST_CASE("money is parsed into fen")
{
  CHECK(parse_money("50000").fen == 5000000);
  CHECK(parse_money("12.5").fen == 1250);
  CHECK(parse_money("5万").fen == 5000000);
  CHECK(parse_money("5万元").fen == 5000000);
  CHECK(parse_money("3.5万元").fen == 3500000);
  CHECK(parse_money("1,200.50").fen == 120050);
  CHECK(parse_money("¥800").fen == 80000);
  CHECK(parse_money("12.5", MoneyUnit::wan_yuan).fen == 12500000);
  std::string why;
  CHECK_FALSE(try_parse_money("-5", MoneyUnit::yuan, why));
  CHECK(why == "an amount cannot be negative");
  CHECK_FALSE(try_parse_money("五千", MoneyUnit::yuan, why));
  CHECK_FALSE(try_parse_money("1.234", MoneyUnit::yuan, why));
  CHECK(why == "an amount in yuan has at most 2 decimal places (fen)");
  CHECK_FALSE(try_parse_money("", MoneyUnit::yuan, why));
  CHECK_FALSE(try_parse_money("999999999999999999999999999999", MoneyUnit::yuan, why));
  CHECK(why == "the amount is too large");
  CHECK(format_yuan(Money{120050}) == "1200.50");
}

TEST_CASE("credit codes are checked per GB 32100")
{
  // Synthetic Qinghai codes with valid check characters.
  CHECK(normalize_uscc("91632200MA75K3P27R") == "91632200MA75K3P27R");
  CHECK(normalize_uscc(" 91630100ma7n2q8dx6 ") == "91630100MA7N2Q8DX6");
  CHECK(uscc_check_character("91632223MA752L4WX") == 'E');
  std::string why;
  CHECK_FALSE(try_normalize_uscc("91632200MA75K3P27X", why));
  CHECK(why == "the check character should be 'R', not 'X'");
  CHECK_FALSE(try_normalize_uscc("91632200MA75K3P27", why));
  CHECK(why == "it has 17 characters, a credit code has 18");
  CHECK_FALSE(try_normalize_uscc("91632200MO75K3P27R", why));
  CHECK(why == "character 10 'O' is not allowed (the code set has no I, O, S, V or Z)");
  CHECK_FALSE(try_normalize_uscc("9163A200MA75K3P27R", why));
  CHECK(why == "characters 3-8 are the region code and must be digits, character 5 is 'A'");
}
