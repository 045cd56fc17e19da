#pragma once
// The duty commands' work (到岗带班): plan a rotation over the days off, record one day, log what
// was reported on duty, and find the days off without a leader. Each write is one transaction.
#include "domain/calendar.hpp"
#include "domain/duty.hpp"
#include "store/database.hpp"
#include "store/duty_store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ankang::ops {

struct DutyPlan {
  std::vector<domain::DutyAssignment> days;  // every day off in the range, kept or new
  std::optional<std::string> continued_from;  // the leader of the last duty before the range
  size_t added = 0;                           // new assignments (written unless dry run)
  std::vector<int> provisional_years;         // years of the range counted without an official notice
};

// Assigns a leader to every day off in [from, to] that has none, rotating through `leaders`
// after the last duty on record before `from`. Writes nothing when `dry_run`.
DutyPlan plan_duty(store::Database& db, domain::Date from, domain::Date to, const std::vector<std::string>& leaders,
                   bool dry_run, const std::string& now);

// Records `leader` on `day`. A day with a leader already is a conflict unless `replace`.
// Returns the duty as stored and the leader it replaced (if any).
std::pair<store::Duty, std::optional<std::string>> add_duty(store::Database& db, domain::Date day, const std::string& leader,
                                                            bool replace, const std::string& now);

// Appends a note to the duty of `day`. With `leader`, a day without a duty gets one (and a day
// with another leader is a conflict); without it, a day without a duty is not found.
store::Duty log_duty(store::Database& db, domain::Date day, const std::string& note, const std::string& leader,
                     const std::string& actor, const std::string& now);

struct DutyCheck {
  std::vector<domain::Date> days_off;   // every day off in the range
  std::vector<domain::Date> uncovered;  // days off with no leader on record
  std::vector<int> provisional_years;
};

DutyCheck check_duty(store::Database& db, domain::Date from, domain::Date to);

// The years of [from, to] that the calendar counts without an official notice.
std::vector<int> provisional_years_between(const domain::Calendar& calendar, domain::Date from, domain::Date to);

}  // namespace ankang::ops
