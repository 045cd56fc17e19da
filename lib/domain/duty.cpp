#include "domain/duty.hpp"

#include "error.hpp"
#include "text.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace ankang::domain {

std::vector<Date> days_off_between(const Calendar& calendar, Date from, Date to)
{
  std::vector<Date> days;
  for (Date d = from; d <= to; d += 1)
    if (!calendar.is_workday(d)) days.push_back(d);
  return days;
}

std::vector<std::string> parse_leader_list(std::string_view text)
{
  static constexpr std::array<std::string_view, 5> k_separators = {",", "，", "、", ";", "；"};
  std::vector<std::string> names;
  size_t start = 0;
  for (;;) {
    size_t next = std::string_view::npos;
    size_t width = 0;
    for (const auto sep : k_separators) {
      const size_t at = text.find(sep, start);
      if (at < next) next = at, width = sep.size();
    }
    const auto name = trim_blanks(text.substr(start, next == std::string_view::npos ? std::string_view::npos : next - start));
    if (name.empty())
      throw Error(ErrorKind::usage, fmt::format("invalid --leaders {}: a name is empty", quote_value(text)),
                  "give the leaders in rotation order, e.g. --leaders 张三,李四,王五");
    names.emplace_back(name);
    if (next == std::string_view::npos) break;
    start = next + width;
  }
  return names;
}

std::vector<DutyAssignment> plan_duty_rotation(const std::vector<Date>& days_off, const std::vector<std::string>& leaders,
                                               const std::map<Date, std::string>& recorded,
                                               const std::optional<std::string>& last_leader)
{
  const auto after = [&](const std::string& name) -> size_t {
    const auto it = std::find(leaders.begin(), leaders.end(), name);
    return it == leaders.end() ? 0 : static_cast<size_t>(it - leaders.begin()) + 1;
  };
  size_t next = last_leader ? after(*last_leader) : 0;
  std::vector<DutyAssignment> plan;
  plan.reserve(days_off.size());
  for (const Date d : days_off) {
    if (const auto it = recorded.find(d); it != recorded.end()) {
      plan.push_back({d, it->second, true});
      // A recorded leader from outside the list leaves the rotation where it was.
      if (std::find(leaders.begin(), leaders.end(), it->second) != leaders.end()) next = after(it->second);
      continue;
    }
    if (leaders.empty()) continue;
    plan.push_back({d, leaders[next % leaders.size()], false});
    next = next % leaders.size() + 1;
  }
  return plan;
}

}  // namespace ankang::domain
