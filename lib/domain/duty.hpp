#pragma once
// 到岗带班 (leaders on duty on days off): which days need a leader, and the rotation that fills
// them. Pure: the calendar and the duties on record are passed in.
#include "domain/calendar.hpp"
#include "domain/date.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ankang::domain {

// The days off in [from, to] on the official calendar: weekends and statutory days off, but not
// make-up working days (调休上班). Throws the calendar's "no calendar data" error for a year it
// cannot count.
std::vector<Date> days_off_between(const Calendar& calendar, Date from, Date to);

// Splits a --leaders list: 张三,李四,王五 (also ，、; and full-width commas), trimmed, in order.
// Throws Error(usage) for an empty list or an empty name.
std::vector<std::string> parse_leader_list(std::string_view text);

struct DutyAssignment {
  Date day;
  std::string leader;
  bool kept = false;  // the day already had this leader on record
};

// One leader per day off, in the order of `leaders`, starting after `last_leader` (the leader of
// the last duty on record before the first day) and continuing from every day already on record
// (`recorded`), which keeps its leader. A last leader who is not in the list starts the rotation
// at the first name.
std::vector<DutyAssignment> plan_duty_rotation(const std::vector<Date>& days_off, const std::vector<std::string>& leaders,
                                               const std::map<Date, std::string>& recorded,
                                               const std::optional<std::string>& last_leader);

}  // namespace ankang::domain
