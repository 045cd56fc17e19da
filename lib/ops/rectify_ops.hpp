#pragma once
// The rectification commands' work (DESIGN §4, §5): life-cycle steps on one hazard or many (one
// transaction for all), deadline rules, filling missing deadlines, and what is due or overdue.
#include "domain/deadline.hpp"
#include "domain/lifecycle.hpp"
#include "store/database.hpp"
#include "store/deadline_rule_store.hpp"
#include "store/hazard_store.hpp"
#include "store/rectify_store.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ankang::ops {

// Who acts, on which business date (--on), and the wall-clock time of the event.
struct Business {
  std::string actor;
  std::string now_utc;
  domain::Date on;
  // Today, when known: a step may not be dated after it (--on in the future).
  std::optional<domain::Date> today = std::nullopt;
};

enum class RectifyStep { plan, progress, extend, done, on_spot, verify_pass, verify_fail, reopen, void_hazard, undo };

struct RectifyRequest {
  RectifyStep step = RectifyStep::progress;
  // plan: values to set (absent = keep what is stored).
  std::optional<std::string> owner;
  std::optional<std::string> owner_dept;
  std::optional<std::string> measures;
  std::optional<domain::Money> funds;
  std::optional<std::string> emergency_plan;
  // plan and reopen: counted from the business date; extend: from the hazard's current deadline.
  std::optional<domain::DeadlineSpec> deadline;
  std::string text;      // the note (progress, done, verify) or the reason (extend, reopen, void, undo)
  std::string verifier;  // verify --by
};

// The hazards a command works on: named by id or number, or chosen by a filter.
struct HazardSelection {
  std::vector<std::string> keys;
  std::optional<store::RectifyFilter> filter;
};

struct RectifyResult {
  std::string no;
  domain::Transition transition;
  // The hazard's deadline (after the step) was counted through the provisional calendar.
  bool due_provisional = false;
};

// Applies one step to every selected hazard in ONE transaction: the first failure (an illegal
// transition, a missing 五落实 item, an unknown hazard) throws, naming the hazard, and nothing
// is written. `dry_run` checks and reports everything and writes nothing.
std::vector<RectifyResult> rectify(store::Database& db, const HazardSelection& selection,
                                   const RectifyRequest& request, const Business& business, bool dry_run = false);

// The same step on a single hazard (`hazard void` shares it).
RectifyResult rectify_one(store::Database& db, std::string_view id_or_no, const RectifyRequest& request,
                          const Business& business);

// Between the store's row and the life cycle's view of it (empty text = absent).
domain::LifecycleState lifecycle_state(const store::Hazard& h);
void apply_lifecycle_state(const domain::LifecycleState& s, store::Hazard& h);

// ---- deadline rules -------------------------------------------------------------------

// Validates and stores a rule: a relative period (+Nwd, +Nd, eow, eom, eoq), a known sector.
// Returns the period it replaced, if any.
std::optional<std::string> set_deadline_rule(store::Database& db, domain::HazardLevel level, std::string_view sector,
                                             std::string_view period);

// The rule that applies to a hazard: its level and sector, else its level and any sector.
const store::DeadlineRule* rule_for(const std::vector<store::DeadlineRule>& rules, domain::HazardLevel level,
                                    std::string_view sector);

struct DeadlineFill {
  store::HazardId id;
  std::string no;
  std::string enterprise;
  domain::HazardLevel level = domain::HazardLevel::general;
  std::string sector;
  domain::HazardStatus status = domain::HazardStatus::open;
  domain::Date found_on;
  std::string period;  // the rule's period
  domain::Date due_on;
  bool due_provisional = false;  // counted through the provisional calendar
};

struct DeadlineFillSummary {
  size_t filled = 0;        // hazards given (or, in a dry run, that would get) a deadline
  size_t without_rule = 0;  // hazards no rule applies to
};

// Fills missing deadlines (due_on NULL, open or rectifying, matching `filter`) from the rules,
// counted from found_on. Each fill is reported to `emit` as it is computed. `apply` writes them
// in one transaction with one event per hazard; otherwise nothing is written.
DeadlineFillSummary fill_deadlines(store::Database& db, const store::RectifyFilter& filter, const Business& business,
                                   bool apply, const std::function<void(const DeadlineFill&)>& emit);

// ---- due and overdue ------------------------------------------------------------------

// Open or rectifying hazards due from `today` to the end of `window` ("5wd", "7d").
std::vector<store::PendingHazard> list_due(store::Database& db, std::string_view window, domain::Date today,
                                           const store::RectifyFilter& filter);

}  // namespace ankang::ops
