#pragma once
// The union's work in reports (DESIGN §9): the sections the weekly, quarterly and annual reports
// gain — visits and the hazards they found, letters by kind, escalations, supervised major
// hazards, and every step of the union's cases in the period — and `report letters`.
#include "report/builders.hpp"

#include <string>
#include <vector>

namespace ankang::report {

// The union sections of a report over `range`, as of `as_of` (the period's end, or the as-of
// day when the period is not over). `first_number` is the number of the first section (10 gives
// 十、 / 10.).
std::vector<Section> union_sections(store::Database& db, store::DateRange range, domain::Date as_of, int first_number,
                                    domain::Lang lang);

// Every letter issued in the period, or issued before it and still awaiting a reply at its
// start, with its clock as of the period's end (or the as-of day).
Document build_letters(store::Database& db, const PeriodSpec& period, const Context& ctx);

// 十、 / 10. — the heading number of a section.
std::string section_number(int n, domain::Lang lang);

}  // namespace ankang::report
