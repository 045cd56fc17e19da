#pragma once
// Every query behind `ankang report`: aggregate counts computed in SQLite over the hazard
// indexes, never row by row in C++. The figures follow DESIGN §7:
//   new            found_on in [start, end]
//   closed         closed_on in [start, end]
//   open at start  found before start and not closed before start
//   open at end    found by end and not closed by end
//   overdue at end open or rectifying at end (not yet completed nor closed by end) with due_on
//                  before end
// Voided hazards count nowhere. Statuses "at end" are reconstructed from completed_on and
// closed_on, so a past period reads the same whatever happened after it.
#include "domain/date.hpp"
#include "store/database.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace ankang::store {

// Restricts every report query. Empty strings and nullopt mean "all".
struct ReportFilter {
  std::string sector;         // stored sector code: hazard.sector
  std::string region_prefix;  // GB/T 2260 code prefix: "63" province, "6322" prefecture, "632224" county
  std::optional<int64_t> enterprise_id;
  std::string level;          // general | major
};

// "632200" → "6322", "630000" → "63", "632224" → "632224": a region and its subtree.
std::string region_prefix_of(std::string_view code);

struct DateRange {
  domain::Date start;
  domain::Date end;  // inclusive
};

struct PeriodFigures {
  int64_t new_count = 0;
  int64_t new_major = 0;
  int64_t closed = 0;
  int64_t open_at_start = 0;
  int64_t open_at_end = 0;
  int64_t overdue_at_end = 0;
  int64_t major_open_at_end = 0;
  int64_t funds_new = 0;     // fen: funds of the hazards found in the period
  int64_t funds_closed = 0;  // fen: funds of the hazards closed in the period
  auto operator<=>(const PeriodFigures&) const = default;
};

// The figures of each range, all computed by one aggregate query.
std::vector<PeriodFigures> period_figures(Database& db, const ReportFilter& filter, std::span<const DateRange> ranges);

// Adds b's counts to a's.
void add_figures(PeriodFigures& a, const PeriodFigures& b);

// The figures of every range per enterprise, sector and level, in one pass over hazard_report:
// the weekly report folds them into its headline and its tables by sector, region, level and
// enterprise. The funds are not counted (funds_new and funds_closed stay 0: the weekly shows none).
struct FigureCell {
  int64_t enterprise_id = 0;
  std::string sector;
  std::string level;
  std::vector<PeriodFigures> figures;  // one per range
};
std::vector<FigureCell> figures_by_enterprise(Database& db, const ReportFilter& filter, std::span<const DateRange> ranges);

struct EnterpriseLabel {
  std::string uscc;
  std::string name;
  std::string region_code;
};
// Every enterprise's code, name and region, by id.
std::map<int64_t, EnterpriseLabel> enterprise_labels(Database& db);
// Every region's short name, by code.
std::map<std::string, std::string> region_names(Database& db);

enum class Grouping { sector, level, prefecture, county, enterprise };

struct GroupFigures {
  std::string key;   // the stored code: sector, level, region code ('' when unknown), enterprise id
  std::string name;  // region name or enterprise name; empty otherwise
  std::string uscc;  // enterprise grouping only
  PeriodFigures figures;
};

// The figures of one range per group, ordered by key (regions and enterprises with no hazard
// in the range's scope are absent).
std::vector<GroupFigures> figures_by(Database& db, const ReportFilter& filter, DateRange range, Grouping grouping);

// The enterprises with the most hazards open at `end`, most first (then by USCC), at most `limit`.
std::vector<GroupFigures> top_open_enterprises(Database& db, const ReportFilter& filter, domain::Date end, int limit);

struct HazardRow {
  int64_t id = 0;
  std::string no;
  std::string enterprise;
  std::string uscc;
  std::string region_code;
  std::string region;  // full name of the region, when known
  std::string sector;
  std::string level;
  std::string status;
  std::string category;
  std::string found_on;
  std::string location;
  std::string description;
  std::string basis;
  std::string owner;
  std::string measures;
  std::optional<int64_t> funds;  // fen
  std::string due_on;
  std::string emergency_plan;
  std::string completed_on;
  std::string closed_on;
  int64_t extensions = 0;
};

// Major hazards open at `end`, by deadline (none last), then number.
std::vector<HazardRow> open_major_hazards(Database& db, const ReportFilter& filter, domain::Date end);
// Major hazards of a range: found by its end and not closed before its start.
std::vector<HazardRow> major_hazards_in(Database& db, const ReportFilter& filter, DateRange range);
// Hazards overdue at `end`, most days overdue first; at most `limit` when given.
std::vector<HazardRow> overdue_hazards(Database& db, const ReportFilter& filter, domain::Date end,
                                       std::optional<int64_t> limit = std::nullopt);
// Open or rectifying hazards whose deadline falls in the range, soonest first; at most `limit`
// when given.
std::vector<HazardRow> hazards_due(Database& db, const ReportFilter& filter, DateRange range,
                                   std::optional<int64_t> limit = std::nullopt);
// How many hazards hazards_due would list without a limit.
int64_t count_hazards_due(Database& db, const ReportFilter& filter, DateRange range);
// Hazards not closed (open, rectifying, submitted), by found date then number.
std::vector<HazardRow> unclosed_hazards(Database& db, const ReportFilter& filter);

struct WeekCounts {
  domain::Date monday;
  int64_t new_count = 0;
  int64_t closed = 0;
};

// New and closed hazards in each of `weeks` ISO weeks, the last one containing `last_day`.
std::vector<WeekCounts> weekly_trend(Database& db, const ReportFilter& filter, domain::Date last_day, int weeks);

// Dimensions of `report summary`.
enum class Dimension { sector, region, county, level, status, category, kind, enterprise, day, month };

struct PivotCell {
  std::string key1;
  std::string key2;   // empty with one dimension
  std::string label1; // region or enterprise name; empty otherwise
  std::string label2;
  int64_t count = 0;
};

// Counts of the hazards found in the range (voided ones excepted) by one or two dimensions.
// `day` groups by found_on, for the caller to fold into ISO weeks.
std::vector<PivotCell> pivot_counts(Database& db, const ReportFilter& filter, DateRange range, Dimension first,
                                    std::optional<Dimension> second);

struct EnterpriseFile {
  int64_t id = 0;
  std::string uscc;
  std::string name;
  std::string region_code;
  std::string region;
  std::vector<std::string> sectors;  // primary first
  std::string address;
  std::string legal_rep;
  std::string safety_contact;
  std::string phone;
  std::optional<int64_t> employees;
  std::string risk_level;
  std::optional<bool> has_union;
  std::string archived_at;
};

// The enterprise with this (normalized) USCC, or nullopt.
std::optional<EnterpriseFile> find_enterprise(Database& db, const std::string& uscc);

struct StatusCount {
  std::string status;
  int64_t general = 0;
  int64_t major = 0;
};

// Hazards per status and level (voided ones included: it is the enterprise's whole file).
std::vector<StatusCount> status_counts(Database& db, const ReportFilter& filter);

struct InspectionRow {
  int64_t id = 0;
  std::string date;
  std::string kind;
  std::string body;
  std::string inspectors;
  int64_t hazards = 0;
  int64_t major = 0;
};

std::vector<InspectionRow> enterprise_inspections(Database& db, int64_t enterprise_id);

// The number of enterprises that have a hazard found in the range.
int64_t enterprises_with_hazards(Database& db, const ReportFilter& filter, DateRange range);

// Names of the regions whose codes are given, for labels; unknown codes are absent.
std::string region_full_name(Database& db, const std::string& code);

// The EXPLAIN QUERY PLAN lines of the main weekly queries, for tests and `--explain`-style checks.
std::vector<std::string> explain_report_queries(Database& db, const ReportFilter& filter, DateRange range);

}  // namespace ankang::store
