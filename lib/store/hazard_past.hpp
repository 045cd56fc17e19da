#pragma once
// The life-cycle fields of a hazard as earlier days saw them (schemas/0070_hazard_past.sql):
// written by a step that changes them for the days before it, read by the report queries, so
// that a later step never changes a past period.
#include "store/database.hpp"
#include "store/hazard_store.hpp"

namespace ankang::store {

// Whether a step from `before` to `after` changes what a report of a day before the step reads:
// a new deadline or extension count, a status moved back (reopen, failed verification), a
// completion or closure taken away, the owner, measures, funds or emergency plan. Steps that only
// move a hazard forward (done, a passed verification, progress) do not: the reports date them by
// completed_on and closed_on.
bool changes_the_past(const Hazard& before, const Hazard& after);

// Records `before`'s life-cycle fields, in force for the days before `until` (the step's
// business date), for the step recorded as `event`.
void record_past(Database& db, const Hazard& before, HazardEventId event, domain::Date until);

// Removes what the step recorded as `event` wrote, when undo takes that step back.
void forget_past(Database& db, HazardEventId event);

}  // namespace ankang::store
