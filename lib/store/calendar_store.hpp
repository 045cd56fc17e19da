#pragma once
// The official calendar in the database: calendar_day (listed days off and make-up working days)
// and calendar_year (the years whose State Council notice is loaded).
#include "domain/calendar.hpp"

#include <SQLiteCpp/Database.h>
#include <optional>
#include <string_view>
#include <vector>

namespace ankang::store {

// The whole calendar (two small queries; cheap enough to call once per command).
domain::Calendar load_calendar(SQLite::Database& db);

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

}  // namespace ankang::store
