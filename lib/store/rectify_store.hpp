#pragma once
// The queries of the rectification commands: choosing hazards by filter for bulk forms,
// hazards without a deadline for `rectify deadline`, and what is due or overdue.
#include "domain/date.hpp"
#include "domain/hazard.hpp"
#include "store/database.hpp"
#include "store/ids.hpp"
#include "store/statement.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ankang::store {

// Which hazards a bulk command or a list works on; every part is optional.
struct RectifyFilter {
  std::optional<EnterpriseId> enterprise;
  std::vector<domain::HazardStatus> statuses;  // any of them; empty = any
  std::optional<domain::HazardLevel> level;
  std::string sector;  // a code of domain::sectors(), or empty
};

// An enterprise named on the command line: row id (all digits), USCC, or exact name.
// Throws Error(not_found) when none matches, Error(invalid_input) when a name is ambiguous.
EnterpriseId find_enterprise_id(Database& db, std::string_view id_uscc_or_name);

// The hazards matching a filter, by id.
std::vector<HazardId> select_hazard_ids(Database& db, const RectifyFilter& filter);

// A hazard without a deadline, open or rectifying (the candidates of `rectify deadline`).
struct UndatedHazard {
  HazardId id;
  std::string no;
  std::string enterprise;  // name
  domain::HazardLevel level = domain::HazardLevel::general;
  std::string sector;
  domain::HazardStatus status = domain::HazardStatus::open;
  domain::Date found_on;
};

// Calls `visit` for every open or rectifying hazard with due_on NULL matching `filter` (its
// statuses narrow open/rectifying further), in id order. Streams: nothing is kept.
void for_each_undated_hazard(Database& db, const RectifyFilter& filter,
                             const std::function<void(const UndatedHazard&)>& visit);

// The same hazards as for_each_undated_hazard, read a chunk at a time so that the caller can
// update them between chunks: updating rows under a running SELECT (which walks hazard_due, the
// index the UPDATE changes) made SQLite re-seek its cursor after every row.
class UndatedHazardReader {
public:
  UndatedHazardReader(Database& db, const RectifyFilter& filter);
  // The next (up to `limit`) hazards after those read before, in id order; empty at the end.
  // Valid until the next call.
  const std::vector<UndatedHazard>& next(int64_t limit);

private:
  Stmt m_select;
  RectifyFilter m_filter;
  std::vector<UndatedHazard> m_chunk;
  int64_t m_after = 0;
};

// One prepared UPDATE for setting many deadlines in one transaction.
class DeadlineWriter {
public:
  explicit DeadlineWriter(Database& db);
  // Sets due_on where it is still NULL; false when the hazard has a deadline by now.
  bool set_missing_due_on(HazardId id, domain::Date due_on, std::string_view now);
  // The same with the date already written as text (YYYY-MM-DD).
  bool set_missing_due_on(HazardId id, std::string_view due_on, std::string_view now);

private:
  Stmt m_update;
  int m_due_on, m_now, m_id;
};

// An open or rectifying hazard with a deadline, for `rectify due` and `rectify overdue`.
struct PendingHazard {
  HazardId id;
  std::string no;
  std::string enterprise;
  std::string sector;
  domain::HazardLevel level = domain::HazardLevel::general;
  domain::HazardStatus status = domain::HazardStatus::open;
  std::string owner;
  domain::Date due_on;
  int64_t extensions = 0;
};

// Overdue per DESIGN §4: open or rectifying with due_on before `as_of`; the longest overdue
// first, then by number.
std::vector<PendingHazard> list_overdue(Database& db, domain::Date as_of, const RectifyFilter& filter);
// Open or rectifying with from <= due_on <= to; the earliest deadline first, then by number.
std::vector<PendingHazard> list_due_between(Database& db, domain::Date from, domain::Date to,
                                            const RectifyFilter& filter);

}  // namespace ankang::store
