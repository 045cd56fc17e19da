#pragma once
// Pieces the builders share: labels, figure columns, hazard list columns.
#include "report/builders.hpp"

#include <string>
#include <string_view>

namespace ankang::report::detail {

inline std::string tr(domain::Lang lang, std::string_view zh, std::string_view en)
{
  return std::string(lang == domain::Lang::zh ? zh : en);
}

Value rate_value(int64_t part, int64_t base);
Value coded(const domain::CodeSet& set, const std::string& code, domain::Lang lang);
Value date_value(const std::string& iso);  // null when empty
Value text_or_null(const std::string& text);
Value yuan(int64_t fen);
Value mark(bool ok);  // ✓ / ✗ for people, true / false for machines
// A code's position in its set (the official order: 煤矿, 非煤矿山, 危险化学品 …), for sorting
// table rows; codes outside the set come last.
size_t code_rank(const domain::CodeSet& set, std::string_view code);

// Figure columns after the key columns: new, new_major, closed, closure_rate, open_at_end,
// overdue_at_end, major_open_at_end.
void add_figure_columns(std::vector<io::Column>& columns, domain::Lang lang);
void add_figure_values(std::vector<Value>& row, const store::PeriodFigures& f);

// "（海北藏族自治州 · 煤矿）" or "" when the scope is everything.
std::string scope_suffix(const Scope& scope, domain::Lang lang);
// JSON fields naming the scope: sector, region, enterprise, level (null when not given).
void add_scope_fields(std::vector<Field>& meta, const Scope& scope);

// What `as_of` is to a hazard list's day counts, named in the column header: the last day of a
// report's period (截至期末超期天数) or today, the as-of date of a list (截至今日超期天数).
enum class DayBasis { period_end, as_of };

// Hazard lists shared by the reports. `as_of` gives days overdue / days to deadline.
Table open_major_table(const std::vector<store::HazardRow>& rows, domain::Date as_of, DayBasis basis, domain::Lang lang);
Table overdue_table(const std::vector<store::HazardRow>& rows, domain::Date as_of, DayBasis basis, domain::Lang lang);
Table due_table(const std::vector<store::HazardRow>& rows, domain::Date as_of, DayBasis basis, domain::Lang lang);
Table hazard_table(const std::vector<store::HazardRow>& rows, domain::Lang lang);

std::string period_noun(PeriodKind kind, domain::Lang lang);       // 周 / week
std::string previous_period_name(PeriodKind kind, domain::Lang lang);  // 上周 / the week before
// 上周, or 上周同期 when the period is cut at the as-of date.
std::string previous_period_name(const PeriodSpec& p, domain::Lang lang);
// JSON "partial" and "period_end", and for a period not over the note that opens the report:
// 本期尚未结束，数据截至 2021-09-27。 — and, when the report compares with the period before,
// over which days.
void add_partial_note(Document& doc, const PeriodSpec& p, domain::Lang lang, bool compared);
std::string dates_text(store::DateRange r, domain::Lang lang);     // 2021-09-20至2021-09-26

}  // namespace ankang::report::detail
