#include "ops/duty_ops.hpp"

#include "error.hpp"
#include "store/calendar_store.hpp"
#include "text.hpp"

#include <fmt/format.h>
#include <map>

namespace ankang::ops {

namespace {

using domain::Date;

void require_range(Date from, Date to)
{
  if (to < from)
    throw Error(ErrorKind::usage, fmt::format("--to {} is before --from {}", to.iso(), from.iso()),
                "give the first day with --from and the last with --to");
  // Ten years of days off is about 1,200 duties; anything longer is a typo in a year.
  if (to - from > 3660)
    throw Error(ErrorKind::usage, fmt::format("the range {}..{} is longer than ten years", from.iso(), to.iso()),
                "plan a year or a holiday at a time");
}

std::string require_text(std::string_view option, const std::string& text)
{
  const auto t = trim_blanks(text);
  if (t.empty()) throw Error(ErrorKind::usage, fmt::format("{} is empty", option));
  return std::string(t);
}

}  // namespace

std::vector<int> provisional_years_between(const domain::Calendar& calendar, Date from, Date to)
{
  std::vector<int> years;
  for (int y = from.year(); y <= to.year(); ++y)
    if (calendar.is_provisional_year(y) || !calendar.covers(y)) years.push_back(y);
  return years;
}

DutyPlan plan_duty(store::Database& db, Date from, Date to, const std::vector<std::string>& leaders, bool dry_run,
                   const std::string& now)
{
  require_range(from, to);
  if (leaders.empty()) throw Error(ErrorKind::usage, "--leaders is empty", "e.g. --leaders 张三,李四,王五");
  store::WriteTransaction tx(db.sql());
  const auto calendar = store::load_calendar(db);
  DutyPlan plan;
  const auto days_off = domain::days_off_between(calendar, from, to);
  plan.provisional_years = provisional_years_between(calendar, from, to);
  std::map<Date, std::string> recorded;
  for (auto& d : store::list_duties(db, from, to)) recorded.emplace(d.day, std::move(d.leader));
  if (const auto last = store::last_duty_before(db, from)) plan.continued_from = last->leader;
  plan.days = domain::plan_duty_rotation(days_off, leaders, recorded, plan.continued_from);
  for (const auto& a : plan.days) {
    if (a.kept) continue;
    ++plan.added;
    if (dry_run) continue;
    store::Duty d;
    d.day = a.day;
    d.leader = a.leader;
    store::insert_duty(db, d, now);
  }
  if (!dry_run) tx.commit();
  return plan;
}

std::pair<store::Duty, std::optional<std::string>> add_duty(store::Database& db, Date day, const std::string& leader_text,
                                                            bool replace, const std::string& now)
{
  const auto leader = require_text("--leader", leader_text);
  store::WriteTransaction tx(db.sql());
  std::optional<std::string> replaced;
  auto existing = store::find_duty(db, day);
  store::Duty d;
  if (existing) {
    if (existing->leader == leader) return {std::move(*existing), std::nullopt};
    if (!replace)
      throw Error(ErrorKind::conflict,
                  fmt::format("{} already has {} on duty", day.iso(), quote_value(existing->leader)),
                  "give --replace to put another leader on that day");
    store::set_duty_leader(db, existing->id, leader, now);
    replaced = existing->leader;
    d = std::move(*existing);
    d.leader = leader;
    d.updated_at = now;
  } else {
    d.day = day;
    d.leader = leader;
    store::insert_duty(db, d, now);
  }
  tx.commit();
  return {std::move(d), replaced};
}

store::Duty log_duty(store::Database& db, Date day, const std::string& note_text, const std::string& leader_text,
                     const std::string& actor, const std::string& now)
{
  const auto note = require_text("--note", note_text);
  const auto leader = std::string(trim_blanks(leader_text));
  store::WriteTransaction tx(db.sql());
  auto duty = store::find_duty(db, day);
  if (!duty) {
    if (leader.empty())
      throw Error(ErrorKind::not_found, fmt::format("no leader is on duty on {}", day.iso()),
                  "give --leader NAME, or plan the day first with 'ankang duty add' or 'ankang duty plan'");
    duty.emplace();
    duty->day = day;
    duty->leader = leader;
    store::insert_duty(db, *duty, now);
  } else if (!leader.empty() && leader != duty->leader) {
    throw Error(ErrorKind::conflict,
                fmt::format("{} has {} on duty, not {}", day.iso(), quote_value(duty->leader), quote_value(leader)),
                "change the leader with 'ankang duty add --replace' first");
  }
  store::DutyLogEntry entry;
  entry.note = note;
  entry.actor = actor;
  entry.at = now;
  store::insert_duty_log(db, duty->id, entry);
  duty->log.push_back(std::move(entry));
  tx.commit();
  return std::move(*duty);
}

DutyCheck check_duty(store::Database& db, Date from, Date to)
{
  require_range(from, to);
  const auto calendar = store::load_calendar(db);
  DutyCheck check;
  check.days_off = domain::days_off_between(calendar, from, to);
  check.provisional_years = provisional_years_between(calendar, from, to);
  std::map<Date, bool> covered;
  for (const auto& d : store::list_duties(db, from, to)) covered[d.day] = true;
  for (const Date d : check.days_off)
    if (!covered.count(d)) check.uncovered.push_back(d);
  return check;
}

}  // namespace ankang::ops
