#include "cli/commands/day_range.hpp"

#include "domain/period.hpp"
#include "error.hpp"

#include <fmt/format.h>

namespace ankang::cli {

DayRange parse_day_range(const Context& ctx, const std::string& from, const std::string& to, const std::string& period)
{
  DayRange r;
  if (!period.empty()) {
    if (!from.empty() || !to.empty())
      throw Error(ErrorKind::usage, "give either --period or --from/--to, not both");
    domain::Period p;
    try {
      p = domain::parse_period(period, ctx.today);
    } catch (const Error& e) {
      throw Error(ErrorKind::usage, fmt::format("invalid value for --period: {}", e.what()), e.hint());
    }
    r.from = p.start;
    r.to = p.end;
    return r;
  }
  if (!from.empty()) r.from = parse_date_option("--from", from);
  if (!to.empty()) r.to = parse_date_option("--to", to);
  if (r.from && r.to && *r.to < *r.from)
    throw Error(ErrorKind::usage, fmt::format("--to {} is before --from {}", r.to->iso(), r.from->iso()));
  return r;
}

}  // namespace ankang::cli
