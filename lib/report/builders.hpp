#pragma once
// The report builders: each reads the store through report_queries and returns a Document.
// Periods are resolved by the caller (domain/period) and passed in as dates with their labels.
#include "domain/codes.hpp"
#include "domain/date.hpp"
#include "report/document.hpp"
#include "store/report_queries.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ankang::report {

enum class PeriodKind { week, month, quarter, year, range };

struct PeriodSpec {
  store::DateRange range;     // the days the figures cover: the period, cut at the as-of date when not over
  store::DateRange previous;  // the period before, cut to as many days when this one is cut
  bool partial = false;       // the period ends after the as-of date
  domain::Date scheduled_end; // the period's own last day (range.end unless partial)
  PeriodKind kind = PeriodKind::week;
  std::string code;   // "2021-W38", "2021-09", "2021Q3", "2021", "2021-09-01..2021-09-15"
  std::string label;  // "2021年第38周" in the report's language
};

// What a report covers, as resolved from --sector/--region/--enterprise/--level.
struct Scope {
  store::ReportFilter filter;
  std::string sector;      // stored code or empty
  std::string region_code; // 6-digit code or empty
  std::string region_name; // full name
  std::string enterprise_uscc;
  std::string enterprise_name;
  std::string level;  // stored code or empty
};

// A period that has not ended by `as_of` is reported as of that day: its range and the previous
// period's are cut to the days up to it, and the report says so. A period that starts after
// `as_of` has nothing to report: Error(invalid_input).
void limit_to_as_of(PeriodSpec& period, domain::Date as_of);

struct Context {
  domain::Lang lang = domain::Lang::zh;
  domain::Date today;
};

Document build_weekly(store::Database& db, const Scope& scope, const PeriodSpec& period, const Context& ctx);

// Dimensions as given to --by: sector, region, level, status, category, kind, enterprise, week, month.
store::Dimension parse_dimension(std::string_view text);  // throws Error(usage)
std::string_view dimension_name(store::Dimension d);

Document build_summary(store::Database& db, const Scope& scope, const PeriodSpec& period, const Context& ctx,
                       store::Dimension first, std::optional<store::Dimension> second);

Document build_overdue(store::Database& db, const Scope& scope, const Context& ctx);

// Throws Error(not_found) naming the USCC when no enterprise has it.
Document build_enterprise(store::Database& db, const std::string& uscc, const Context& ctx);

// The 统计分析表 of 16号令 Art. 14 for a quarter or a year.
Document build_statistics(store::Database& db, const Scope& scope, const PeriodSpec& period, const Context& ctx);

// Helpers shared by the builders, exposed for unit tests.
// closed ÷ base as a percentage with one decimal ("33.3"), or nullopt when base is 0.
std::optional<std::string> percent(int64_t part, int64_t base);
// "+3", "-2", "0".
std::string signed_number(int64_t n);
// ISO week code of a date: "2021-W38".
std::string iso_week_code(domain::Date d);
// The day by which the 统计分析表 of a quarter or year must be filed: before the 15th of the
// next quarter (so the 15th is the last day shown), or 31 January for a year.
domain::Date filing_deadline(const PeriodSpec& period);

}  // namespace ankang::report
