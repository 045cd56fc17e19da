#pragma once
// Times as people in China read them.
#include <string>
#include <string_view>

namespace ankang::domain {

// A stored UTC timestamp (2021-09-27T06:03:12Z, as every *_at column holds) as people in China
// read it: China time, UTC+8, to the minute: "2021-09-27 14:03". Text in any other form is
// returned as it is (times are stored in UTC; only their display changes).
std::string china_time(std::string_view utc_timestamp);

}  // namespace ankang::domain
