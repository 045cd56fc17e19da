#include "store/uuid.hpp"

#include "domain/date.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <random>

namespace ankang::store {

namespace {

int number(std::string_view text, size_t pos, size_t len)
{
  int value = 0;
  if (pos + len > text.size()) return 0;
  std::from_chars(text.data() + pos, text.data() + pos + len, value);
  return value;
}

uint64_t unix_ms(std::string_view now_utc)
{
  std::string why;
  const auto day = domain::try_parse_date(now_utc.substr(0, std::min<size_t>(10, now_utc.size())), why);
  if (!day) return 0;
  const int64_t seconds = int64_t{day->days()} * 86400 + number(now_utc, 11, 2) * 3600 + number(now_utc, 14, 2) * 60 +
                          number(now_utc, 17, 2);
  return seconds < 0 ? 0 : static_cast<uint64_t>(seconds) * 1000;
}

struct Counter {
  uint64_t high = 0;  // the top 12 bits of the 74-bit counter (rand_a)
  uint64_t low = 0;   // the low 62 bits (rand_b)
  Counter()
  {
    std::random_device device;
    // Start in the lower half of the range, so that the counter cannot wrap in practice.
    high = device() & 0x7ffu;
    low = ((uint64_t{device()} << 32) | device()) & ((uint64_t{1} << 62) - 1);
  }
  void advance()
  {
    if (++low == (uint64_t{1} << 62)) {
      low = 0;
      high = (high + 1) & 0xfffu;
    }
  }
};

}  // namespace

std::string new_uuid(std::string_view now_utc)
{
  static Counter counter;
  counter.advance();
  const uint64_t ms = unix_ms(now_utc) & 0xffffffffffffULL;
  const uint64_t rand_b = counter.low | (uint64_t{0b10} << 62);  // variant 10
  return fmt::format("{:08x}-{:04x}-7{:03x}-{:04x}-{:012x}", ms >> 16, ms & 0xffff, counter.high, rand_b >> 48,
                     rand_b & 0xffffffffffffULL);
}

}  // namespace ankang::store
