#pragma once
// The hazard commands' work (add, update, void, show), each in one transaction. Inputs are the
// user's text; every value is checked here and a bad one is an Error(invalid_input) naming the
// option and the value.
#include "domain/date.hpp"
#include "store/database.hpp"
#include "store/hazard_store.hpp"
#include "store/inspection_store.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ankang::ops {

// Who acts, on which business date, at which wall-clock time (UTC): written into every event.
struct Actor {
  std::string user;
  domain::Date on;
  std::string now;
};

// The one lookup of an enterprise as people name it: its credit code (USCC), its row id
// (`id:12`, `#12`, or bare digits shorter than a credit code), its full name, or a part of its
// name that only it has (青海雪莲煤业 → 青海雪莲煤业有限公司). Several matches → Error(usage)
// listing them; none → Error(not_found) with the closest names.
store::EnterpriseRef resolve_enterprise(store::Database& db, std::string_view key);

struct NewHazard {
  std::string enterprise;            // USCC or exact name
  std::optional<domain::Date> found_on;  // default: the business date
  std::string found_by;
  std::string location;
  std::string description;
  std::string category;  // code, label or alias; may be empty
  std::string level;     // default general
  std::string basis;
  std::string stop_production;  // default none
  std::string inspection;       // inspection id, may be empty
  std::string deadline;         // DATE, +10wd, +30d, eom…, counted from found_on; may be empty
  std::string owner;
  std::string owner_dept;
  std::string measures;
  std::string funds;  // 50000, 5万, 12.5万元 …
  std::string emergency_plan;
  std::string no;      // default: the next YH-<year>-NNNNNN
  std::string sector;  // default: the enterprise's primary sector
};

// Records a new hazard (status open) and its 'created' event. Returns it as stored.
store::Hazard add_hazard(store::Database& db, const NewHazard& input, const Actor& actor);

// Descriptive fields to change; unset ones stay. Status and deadline are never changed here
// (that is the rectify commands' work).
struct HazardEdit {
  std::optional<domain::Date> found_on;
  std::optional<std::string> found_by, location, description, category, level, basis, stop_production, sector, owner,
      owner_dept, measures, funds, emergency_plan;
  std::string note;
};

struct UpdateResult {
  store::Hazard hazard;
  store::FieldChanges changes;  // empty: nothing differed, nothing written
};
UpdateResult update_hazard(store::Database& db, std::string_view id_or_no, const HazardEdit& edit, const Actor& actor);

// Voiding (作废) is a life-cycle step: `hazard void` and `rectify void` both run
// ops::rectify_one with RectifyStep::void_hazard (ops/rectify_ops.hpp).

struct HazardDetails {
  store::Hazard hazard;
  store::EnterpriseRef enterprise;
  std::optional<store::Inspection> inspection;
  std::vector<store::HazardEvent> events;
};
HazardDetails show_hazard(store::Database& db, std::string_view id_or_no);

// Checks shared by add, update and import: a major hazard needs its basis. Returns the reason
// when the rule is broken, else empty.
std::string missing_basis_reason(const store::Hazard& h);

}  // namespace ankang::ops
