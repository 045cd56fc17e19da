#pragma once
// The hazard life cycle of DESIGN §4 (闭环) as a pure state machine: each transition takes the
// hazard's current state and the request, and returns the new state with the list of fields it
// changed, or throws Error(conflict / invalid_input) naming the status and the allowed next steps.
#include "domain/date.hpp"
#include "domain/hazard.hpp"
#include "domain/money.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ankang::domain {

// "已销号 (closed)": the form every life-cycle message uses.
std::string status_display(HazardStatus s);

// The fields of a hazard the life cycle reads and writes.
struct LifecycleState {
  std::string no;  // 隐患编号, for messages
  HazardLevel level = HazardLevel::general;
  HazardStatus status = HazardStatus::open;
  Date found_on;
  std::optional<std::string> basis;
  std::optional<Date> due_on;
  std::optional<std::string> owner;
  std::optional<std::string> owner_dept;
  std::optional<std::string> measures;
  std::optional<Money> funds;
  std::optional<std::string> emergency_plan;
  std::optional<Date> completed_on;
  std::optional<Date> verified_on;
  std::optional<std::string> verified_by;
  std::optional<Date> closed_on;
  std::optional<Date> voided_on;
  bool on_spot = false;
  int64_t extensions = 0;
  // The business date of the last life-cycle step still in force (not undone): a step may not be
  // dated before it.
  std::optional<Date> last_step_on;
};

// One changed column in its stored text form, as hazard events record them: dates ISO, funds
// "50000.00" (yuan), on_spot "0"/"1", extensions "2"; nullopt is NULL.
struct ChangedField {
  std::string field;  // the hazard column: due_on, owner, …
  std::optional<std::string> before;
  std::optional<std::string> after;
  bool operator==(const ChangedField&) const = default;
};

// What a transition does: the event to record and the new state.
struct Transition {
  std::string event_kind;  // planned, progress, extended, done, on_spot, verified, rejected, reopened, voided
  HazardStatus from = HazardStatus::open;
  HazardStatus to = HazardStatus::open;
  LifecycleState after;
  std::vector<ChangedField> changes;  // in column order; empty for progress
  std::string note;
};

// plan: open → rectifying. Values given replace the stored ones; the merged state must have
// owner, measures and deadline, and a major hazard also funds, emergency plan and basis (五落实).
struct PlanRequest {
  std::optional<std::string> owner;
  std::optional<std::string> owner_dept;
  std::optional<std::string> measures;
  std::optional<Money> funds;
  std::optional<std::string> emergency_plan;
  std::optional<Date> due_on;
  std::string note;
};

// The name of each allowed next step from a state, e.g. {"plan", "done --on-spot", "void"}.
std::vector<std::string> allowed_steps(const LifecycleState& s);

// The 五落实 items (and basis) a major hazard lacks, as "funds (资金)"; empty when complete.
std::vector<std::string> missing_rectification_plan(const LifecycleState& s);

// Every transition takes the business date `on` (the command's --on), which may not be before
// the hazard was found nor before the last step (last_step_on). That it is not after today is
// checked by the caller (the domain has no today).
Transition plan(const LifecycleState& s, const PlanRequest& request, Date on);
Transition progress(const LifecycleState& s, std::string_view note, Date on);
// Stays rectifying; the new deadline must be later than the current one; extensions + 1.
Transition extend(const LifecycleState& s, Date new_due_on, std::string_view reason, Date on);
// rectifying → submitted, completed on `on`.
Transition done(const LifecycleState& s, std::string_view note, Date on);
// 即查即改: open → closed for a general hazard, completed, verified (by `inspector`) and closed on `on`.
Transition done_on_spot(const LifecycleState& s, std::string_view inspector, std::string_view note, Date on);
// submitted → closed (pass: verified and closed on `on`) or → rectifying (fail). The verifier
// may not be the owner, nor any of the people an owner field lists (names compared as
// normalize_person_name does: "何文 " and "何　文" are 何文); the verifier is stored normalized.
Transition verify(const LifecycleState& s, std::string_view verifier, bool pass, std::string_view note, Date on);
// closed → rectifying, with a reason: a fresh start. The current state no longer shows the old
// completion and verification (completed_on, verified_on, verified_by, closed_on cleared; the
// history keeps them). `new_due_on`, when given, is the new deadline (counted from the reopen
// date by the caller; not an extension: the count of extensions stays).
Transition reopen(const LifecycleState& s, std::string_view reason, Date on,
                  std::optional<Date> new_due_on = std::nullopt);
// open or rectifying → void, with a reason; sets voided_on.
Transition void_hazard(const LifecycleState& s, std::string_view reason, Date on);

// A step recorded in the history, as undo needs it.
struct RecordedStep {
  std::string event_kind;  // planned, progress, extended, done, on_spot, verified, rejected, reopened, voided
  Date on;
  HazardStatus from = HazardStatus::open;
  HazardStatus to = HazardStatus::open;
  std::vector<ChangedField> changes;
};

// Whether an event kind is a life-cycle step that undo can take back.
bool is_undoable_step(std::string_view event_kind);

// Takes back `step`, the hazard's last step in force: back to its from-status, each field it
// changed back to its value before (event kind "undone"; the note names the step). Refused when
// the hazard is no longer where the step left it (its status differs), and when `on` is before
// the step. `last_step_on` of the result is left to the caller (the step before it).
Transition undo(const LifecycleState& s, const RecordedStep& step, std::string_view reason, Date on);

}  // namespace ankang::domain
