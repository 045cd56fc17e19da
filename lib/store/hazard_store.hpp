#pragma once
// The hazard aggregate: one row of table `hazard` and its append-only `hazard_event` history.
// Optional text columns are empty strings in the struct and NULL in the database.
#include "domain/date.hpp"
#include "domain/hazard.hpp"
#include "domain/money.hpp"
#include "store/database.hpp"
#include "store/ids.hpp"
#include "store/statement.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ankang::store {

struct Hazard {
  HazardId id;
  std::string uuid;  // generated on insert when empty
  std::string no;    // 隐患编号: YH-2021-000001 or as given
  EnterpriseId enterprise_id;
  std::string sector;  // a code of domain::sectors()
  std::optional<InspectionId> inspection_id;
  domain::Date found_on;
  std::string found_by;
  std::string location;
  std::string description;
  std::string category;  // '' or a code of domain::hazard_categories()
  // With category 'other': the category as the sheet wrote it (消防安全), when it was none of the
  // codes and synonyms; ignored (stored as NULL) for any other category.
  std::string category_text;
  domain::HazardLevel level = domain::HazardLevel::general;
  std::string basis;                   // 判定依据
  std::string stop_production = "none";  // a code of domain::stop_production_kinds()
  domain::HazardStatus status = domain::HazardStatus::open;
  std::optional<domain::Date> due_on;
  std::string owner;
  std::string owner_dept;
  std::string measures;
  std::optional<domain::Money> funds;
  std::string emergency_plan;
  std::optional<domain::Date> completed_on;
  std::optional<domain::Date> verified_on;
  std::string verified_by;
  std::optional<domain::Date> closed_on;
  std::optional<domain::Date> voided_on;
  bool on_spot = false;  // closed at once, fixed in the inspector's presence (即查即改)
  int64_t extensions = 0;
  int64_t dedupe_key = 0;  // computed by insert/update from enterprise + found_on + location + description
  std::optional<BatchId> batch_id;
  std::string created_at;  // UTC timestamps, set by insert/update
  std::string updated_at;
};

// One changed field, in its stored text form ("2021-09-15", "major", "12500.00" for funds);
// nullopt is NULL / empty.
struct FieldChange {
  std::string field;
  std::optional<std::string> from;
  std::optional<std::string> to;
};

// The changed fields of an event, rendered as the JSON object of column `fields`:
// {"due_on":["2021-09-01","2021-09-15"],"owner":[null,"张伟"]}.
class FieldChanges {
public:
  // Records a change when `from` and `to` differ; equal values are ignored.
  void add(std::string_view field, std::optional<std::string> from, std::optional<std::string> to);
  bool empty() const { return m_changes.empty(); }
  const std::vector<FieldChange>& changes() const { return m_changes; }
  std::string json() const;
  // Reads what json() wrote; throws Error(database) on anything else.
  static FieldChanges parse(std::string_view json);

private:
  std::vector<FieldChange> m_changes;
};

// Every field that differs between two versions of a hazard (not ids, timestamps or keys).
FieldChanges diff_hazards(const Hazard& before, const Hazard& after);

struct HazardEvent {
  HazardEventId id;
  HazardId hazard_id;
  std::string kind;  // created, imported, updated, planned, progress, extended, done, on_spot, verified, rejected, reopened, voided
  std::string actor;
  domain::Date on_date;  // business date
  std::string at;        // wall-clock UTC timestamp
  std::optional<domain::HazardStatus> from_status;
  std::optional<domain::HazardStatus> to_status;
  std::string fields_json;  // FieldChanges::json(), or empty
  std::string note;
  std::optional<BatchId> batch_id;
  std::string uuid;  // generated on insert when empty (store::new_uuid of `at`); travels with the event
};

// A hazard named on the command line — the one resolver every command uses:
//   id:42, #42      the row id (shown in the # column of every list)
//   no:X            the hazard number X (case-insensitive)
//   all digits      the row id, unless a hazard is numbered exactly those digits: then
//                   Error(usage) naming both hazards and the forms id:N and no:N
//   anything else   the hazard number (case-insensitive)
// Throws Error(not_found) "hazard X does not exist".
Hazard find_hazard(Database& db, std::string_view id_or_no);
std::optional<Hazard> get_hazard(Database& db, HazardId id);
std::optional<Hazard> find_hazard_by_no(Database& db, std::string_view no);

// Inserts `h` (uuid generated when empty, dedupe_key computed, created_at = updated_at = now)
// and sets h.id. A taken number throws Error(conflict) naming it.
HazardId insert_hazard(Database& db, Hazard& h, std::string_view now);
// Writes every column of `h` except id, uuid and created_at; updated_at = now.
void update_hazard(Database& db, Hazard& h, std::string_view now);
HazardEventId append_event(Database& db, const HazardEvent& e);
std::vector<HazardEvent> list_events(Database& db, HazardId hazard);
// The events an import wrote, by hazard and then in order (`batch show`, `batch undo`).
std::vector<HazardEvent> list_batch_events(Database& db, BatchId batch);
// A hazard's events after `after`, in order.
std::vector<HazardEvent> list_events_after(Database& db, HazardId hazard, HazardEventId after);
// The numbers of an enterprise's hazards, not voided, that `batch` did not create.
std::vector<std::string> hazards_of_enterprise_outside_batch(Database& db, EnterpriseId enterprise, BatchId batch);
// Sets one field from its text in an event's changed fields (diff_hazards' form; nullopt is
// empty / NULL): what a compensating event puts back.
void set_hazard_field(Hazard& h, std::string_view field, const std::optional<std::string>& value);

// YH-2021-000042. Sequences past 999999 get more digits.
std::string format_hazard_no(int year, int64_t seq);
// The largest sequence among the numbers YH-<year>-<digits>, 0 when none.
int64_t max_hazard_seq(Database& db, int year);
// Raises the recorded highest sequence number of `year` to at least `seq`.
void note_hazard_seq(Database& db, int year, int64_t seq);
// The year and sequence number of a YH-<year>-<digits> number; nullopt for any other form.
std::optional<std::pair<int, int64_t>> parse_hazard_no(std::string_view no);
// The next free number of `found_on`'s year.
std::string next_hazard_no(Database& db, domain::Date found_on);

// A stable 64-bit FNV-1a hash of enterprise id + found_on + location + description (trimmed),
// the same on every platform and release: imports use it to recognise a finding seen before.
int64_t hazard_dedupe_key(EnterpriseId enterprise, domain::Date found_on, std::string_view location,
                          std::string_view description);
// A hazard with exactly this enterprise, date, location and description, if any.
std::optional<HazardId> find_duplicate_hazard(Database& db, EnterpriseId enterprise, domain::Date found_on,
                                              std::string_view location, std::string_view description);

// Which hazards `hazard list` / `hazard export` show. Every set filter must hold.
struct HazardFilter {
  std::optional<EnterpriseId> enterprise;
  std::optional<InspectionId> inspection;
  std::vector<std::string> sectors;  // sector codes, any of
  // Enterprise region codes low..high inclusive (a region and everything under it).
  std::optional<std::pair<std::string, std::string>> region_range;
  std::vector<domain::HazardLevel> levels;
  std::vector<domain::HazardStatus> statuses;  // empty: every status but void, unless include_void
  bool include_void = false;
  std::optional<domain::Date> found_from, found_to;  // inclusive
  // Open or rectifying with due_on before this date (DESIGN §4 "overdue").
  std::optional<domain::Date> overdue_as_of;
  // Open or rectifying with due_on in [due_from, due_to].
  std::optional<domain::Date> due_from, due_to;
  std::string owner;  // substring of owner
  std::string text;   // substring of description or location
  bool supervised = false;  // only hazards under 挂牌督办 now (a supervision not removed)
  enum class Sort { found, due, overdue, id };
  Sort sort = Sort::found;
  std::optional<int64_t> limit;
};

struct HazardListRow {
  Hazard hazard;
  std::string uscc;
  std::string enterprise_name;
  std::string region_code;
  std::string inspection_kind;  // '' without an inspection; the sheet's words for a kind kept as written
  std::string inspection_body;
};

// Streams the matching hazards, with their enterprise, in the filter's order.
void list_hazards(Database& db, const HazardFilter& filter, const std::function<void(const HazardListRow&)>& row);

// What a hazard needs to know of its enterprise.
struct EnterpriseRef {
  EnterpriseId id;
  std::string uscc;
  std::string name;
  std::string region_code;
  std::string primary_sector;  // '' when the enterprise has no sector
};
std::optional<EnterpriseRef> get_enterprise_ref(Database& db, EnterpriseId id);
// The enterprises whose USCC is `uscc` or whose name is exactly `name` (at most a few).
std::vector<EnterpriseRef> find_enterprise_refs(Database& db, std::string_view uscc, std::string_view name);
// The enterprises whose name contains `part`, at most `limit`, by row id.
std::vector<EnterpriseRef> find_enterprise_refs_containing(Database& db, std::string_view part, int limit);
// Every enterprise, for an import's in-memory lookup (one query, 10^4 rows).
void load_enterprise_refs(Database& db, const std::function<void(EnterpriseRef&&)>& each);

// Prepared statements kept for a whole import: one prepare, then reset and reuse per row.
class HazardWriter {
public:
  explicit HazardWriter(Database& db);
  HazardId insert(Hazard& h, std::string_view now);
  void update(Hazard& h, std::string_view now);
  HazardEventId append(const HazardEvent& e);
  std::optional<Hazard> find_by_no(std::string_view no);
  std::optional<Hazard> find_by_id(HazardId id);
  std::optional<HazardId> find_duplicate(EnterpriseId enterprise, domain::Date found_on, std::string_view location,
                                         std::string_view description);
  // Records the highest YH number of each year inserted (hazard_no_seq): call before commit.
  void finish();

private:
  Database& m_db;
  std::optional<Stmt> m_insert, m_update, m_event, m_by_no, m_by_id, m_duplicate;
  std::map<int, int64_t> m_seq;  // year → highest sequence number inserted
};

}  // namespace ankang::store
