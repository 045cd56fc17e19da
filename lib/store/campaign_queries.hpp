#pragma once
// The figures of the campaign report (report campaign), grouped by prefecture in SQL.
#include "store/database.hpp"
#include "store/report_queries.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ankang::store {

// Hazards found in a range (void ones left out), as they stand on `as_of`, by the enterprise's
// prefecture (632200, '' without a region), the hazard's sector and level.
struct CampaignHazards {
  std::string prefecture, sector, level;
  int64_t found = 0;
  int64_t closed = 0;      // closed on or before as_of
  int64_t open = 0;        // not closed by as_of
  int64_t overdue = 0;     // open or rectifying with its deadline before as_of
  int64_t supervised = 0;  // under 挂牌督办 on as_of
};
std::vector<CampaignHazards> campaign_hazards(Database& db, DateRange range, domain::Date as_of,
                                              const std::string& region_prefix);

// Inspections and letters of a range by prefecture.
struct CampaignUnion {
  std::string prefecture;
  int64_t enterprises_inspected = 0;  // distinct enterprises with an inspection of any kind
  int64_t union_visits = 0;           // inspections of kind union
  int64_t letters = 0;                // letters issued about an enterprise of the prefecture
};
std::vector<CampaignUnion> campaign_union(Database& db, DateRange range, const std::string& region_prefix);
// Letters issued in the range to a department (no enterprise): counted in the total only.
int64_t campaign_letters_without_enterprise(Database& db, DateRange range);

// The prefectures (level 2 regions) by code, with their names; those under `region_prefix`
// (all when it is empty; a county's prefecture when it names a county).
std::vector<std::pair<std::string, std::string>> prefectures(Database& db, const std::string& region_prefix);

}  // namespace ankang::store
