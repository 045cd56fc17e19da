#pragma once
// --from/--to or --period on the lists of dated records (duty, 三违, training …).
#include "cli/context.hpp"
#include "domain/date.hpp"

#include <optional>
#include <string>

namespace ankang::cli {

struct DayRange {
  std::optional<domain::Date> from, to;  // both inclusive; nullopt = open
};

// --from/--to, or --period (2021-10, 2021Q4, this-year …); usage errors (exit 2) otherwise.
DayRange parse_day_range(const Context& ctx, const std::string& from, const std::string& to, const std::string& period);

}  // namespace ankang::cli
