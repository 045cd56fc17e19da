#pragma once
// The official calendar in the database: calendar_day (listed days off and make-up working days)
// and calendar_year (the years whose State Council notice is loaded).
#include "domain/calendar.hpp"
#include "domain/hazard.hpp"
#include "store/database.hpp"
#include "store/ids.hpp"

#include <SQLiteCpp/Database.h>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace ankang::store {

// The whole calendar (two small queries; cheap enough to call once per command). With
// CalendarMode::provisional, years without a notice on record are counted on the statutory
// provisional calendar (domain/calendar_provisional.hpp).
domain::Calendar load_calendar(SQLite::Database& db, domain::CalendarMode mode);
// As above, provisional unless the database was opened with set_strict_calendar(true).
domain::Calendar load_calendar(Database& db);

// Records one local day (source 'local', e.g. a prefecture's festival), replacing whatever the
// day had. Returns the entry it replaced, if any. A local day does not make its year covered.
// Call inside a WriteTransaction.
std::optional<domain::CalendarDay> add_calendar_day(SQLite::Database& db, domain::Date date, domain::DayKind kind,
                                                     std::string_view name);

struct CalendarImportResult {
  size_t added = 0;     // days that were not on record
  size_t replaced = 0;  // days on record whose entry the file replaced
  size_t unchanged = 0; // days already on record with the same kind and name
  std::vector<int> newly_covered;  // years that were not covered before
};

// Records a notice's days as source 'official' (replacing what those days had) and marks
// `covered_years` covered with `source` as the notice. Call inside a WriteTransaction.
CalendarImportResult import_calendar(SQLite::Database& db, const std::vector<domain::CalendarDay>& days,
                                     const std::vector<int>& covered_years, std::string_view source);

// ---- deadlines counted through the provisional calendar (table hazard_due_provisional) ----

struct ProvisionalDue {
  HazardId hazard_id;
  std::string no;
  domain::HazardStatus status = domain::HazardStatus::open;
  std::string spec;  // +10wd …
  domain::Date base;
  domain::Date due_on;
};

// Records that the hazard's deadline `due_on` was counted with `spec` from `base` through a
// provisional day (replacing an earlier record of the hazard).
void record_provisional_due(Database& db, HazardId id, std::string_view spec, domain::Date base, domain::Date due_on);
// Forgets it (the deadline was counted again on official days only, or set otherwise).
void forget_provisional_due(Database& db, HazardId id);
// Whether the hazard's deadline `due_on` is the provisional one on record.
bool is_provisional_due(Database& db, HazardId id, std::optional<domain::Date> due_on);
// The hazards whose current deadline is provisional (for lists).
std::unordered_set<int64_t> provisional_due_ids(Database& db);
// Every record whose deadline is still the hazard's current one, by hazard id.
std::vector<ProvisionalDue> list_provisional_dues(Database& db);

}  // namespace ankang::store
