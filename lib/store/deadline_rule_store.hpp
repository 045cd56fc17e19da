#pragma once
// Table deadline_rule: the default rectification period of a hazard by level, optionally by
// sector ('' = any sector), e.g. general → +10wd, major in coal → +30d.
#include "domain/hazard.hpp"
#include "store/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ankang::store {

struct DeadlineRule {
  domain::HazardLevel level = domain::HazardLevel::general;
  std::string sector;  // a code of domain::sectors(), or empty for any sector
  std::string period;  // a deadline spec as text: +10wd, +30d, eom …
  bool operator==(const DeadlineRule&) const = default;
};

// Every rule: general before major, the any-sector rule first, then by sector code.
std::vector<DeadlineRule> list_deadline_rules(Database& db);

// Adds or replaces the rule of (level, sector); returns the period it replaced, if any.
// Call inside a WriteTransaction.
std::optional<std::string> set_deadline_rule(Database& db, const DeadlineRule& rule);

}  // namespace ankang::store
