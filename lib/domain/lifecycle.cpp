#include "domain/lifecycle.hpp"

#include "domain/codes.hpp"
#include "domain/person_name.hpp"
#include "error.hpp"

#include <fmt/format.h>

namespace ankang::domain {

namespace {

std::string join(const std::vector<std::string>& items, std::string_view separator = ", ")
{
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

bool present(const std::optional<std::string>& text) { return text && !text->empty(); }

std::string allowed_hint(const LifecycleState& s)
{
  if (s.status == HazardStatus::void_) return "allowed: nothing (a voided hazard is final)";
  return "allowed: " + join(allowed_steps(s));
}

// "cannot verify hazard YH-2021-000003: it is 已销号 (closed)" + "allowed: reopen". `action`
// has a {} where the hazard goes: "mark hazard {} done".
[[noreturn]] void refuse(const LifecycleState& s, std::string_view action)
{
  const std::string what = fmt::format(fmt::runtime(action), "hazard " + s.no);
  throw Error(ErrorKind::conflict, fmt::format("cannot {}: it is {}", what, status_display(s.status)), allowed_hint(s));
}

void require_status(const LifecycleState& s, std::initializer_list<HazardStatus> allowed, std::string_view action)
{
  for (HazardStatus a : allowed)
    if (s.status == a) return;
  refuse(s, action);
}

void require_not_before_found(const LifecycleState& s, Date on)
{
  if (on < s.found_on)
    throw Error(ErrorKind::invalid_input,
                fmt::format("business date {} is before hazard {} was found on {}", on.iso(), s.no, s.found_on.iso()));
  // Steps in order: a plan dated before the step it follows would make the history disagree
  // with itself (and overdue lists with reports of the same day).
  if (s.last_step_on && on < *s.last_step_on)
    throw Error(ErrorKind::invalid_input,
                fmt::format("business date {} is before the last step of hazard {} on {}", on.iso(), s.no,
                            s.last_step_on->iso()),
                "a step cannot be dated before the step it follows; check --on");
}

void require_text(std::string_view text, std::string_view what, std::string_view action, const LifecycleState& s)
{
  bool blank = true;
  for (char c : text)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') blank = false;
  if (blank) throw Error(ErrorKind::invalid_input, fmt::format("{} hazard {} needs a {}", action, s.no, what));
}

using Value = std::optional<std::string>;

Value value(const std::optional<std::string>& v) { return present(v) ? v : std::nullopt; }
Value value(const std::optional<Date>& v) { return v ? Value(v->iso()) : std::nullopt; }
Value value(const std::optional<Money>& v) { return v ? Value(format_yuan(*v)) : std::nullopt; }

void diff(std::vector<ChangedField>& out, std::string_view field, Value before, Value after)
{
  if (before != after) out.push_back({std::string(field), std::move(before), std::move(after)});
}

// The changed columns, in the order of the hazard table.
std::vector<ChangedField> changes_between(const LifecycleState& a, const LifecycleState& b)
{
  std::vector<ChangedField> out;
  diff(out, "due_on", value(a.due_on), value(b.due_on));
  diff(out, "owner", value(a.owner), value(b.owner));
  diff(out, "owner_dept", value(a.owner_dept), value(b.owner_dept));
  diff(out, "measures", value(a.measures), value(b.measures));
  diff(out, "funds", value(a.funds), value(b.funds));
  diff(out, "emergency_plan", value(a.emergency_plan), value(b.emergency_plan));
  diff(out, "completed_on", value(a.completed_on), value(b.completed_on));
  diff(out, "verified_on", value(a.verified_on), value(b.verified_on));
  diff(out, "verified_by", value(a.verified_by), value(b.verified_by));
  diff(out, "closed_on", value(a.closed_on), value(b.closed_on));
  diff(out, "voided_on", value(a.voided_on), value(b.voided_on));
  diff(out, "on_spot", a.on_spot ? "1" : "0", b.on_spot ? "1" : "0");
  diff(out, "extensions", std::to_string(a.extensions), std::to_string(b.extensions));
  return out;
}

Transition make(std::string kind, const LifecycleState& before, LifecycleState after, std::string_view note)
{
  Transition t;
  t.event_kind = std::move(kind);
  t.from = before.status;
  t.to = after.status;
  t.changes = changes_between(before, after);
  t.after = std::move(after);
  t.note = std::string(note);
  return t;
}

// Entering rectifying: owner, measures and deadline always; a major hazard its whole 五落实 and basis.
void require_rectification_plan(const LifecycleState& s)
{
  if (s.level == HazardLevel::major) {
    const auto missing = missing_rectification_plan(s);
    if (!missing.empty())
      throw Error(ErrorKind::invalid_input,
                  fmt::format("major hazard {} cannot start rectification without its 五落实: missing {}", s.no,
                              join(missing)));
    return;
  }
  std::vector<std::string> missing;
  if (!present(s.owner)) missing.push_back("owner (责任)");
  if (!present(s.measures)) missing.push_back("measures (措施)");
  if (!s.due_on) missing.push_back("deadline (时限)");
  if (!missing.empty())
    throw Error(ErrorKind::invalid_input,
                fmt::format("hazard {} cannot start rectification without owner, measures and deadline: missing {}",
                            s.no, join(missing)));
}

}  // namespace

std::string status_display(HazardStatus s)
{
  const auto stored = code(s);
  return fmt::format("{} ({})", hazard_statuses().label(stored, Lang::zh), stored);
}

std::vector<std::string> allowed_steps(const LifecycleState& s)
{
  switch (s.status) {
    case HazardStatus::open:
      if (s.level == HazardLevel::general) return {"plan", "done --on-spot", "void"};
      return {"plan", "void"};
    case HazardStatus::rectifying: return {"progress", "extend", "done", "void"};
    case HazardStatus::submitted: return {"verify --pass", "verify --fail"};
    case HazardStatus::closed: return {"reopen"};
    case HazardStatus::void_: return {};
  }
  return {};
}

std::vector<std::string> missing_rectification_plan(const LifecycleState& s)
{
  std::vector<std::string> missing;
  if (!present(s.owner)) missing.push_back("owner (责任)");
  if (!present(s.measures)) missing.push_back("measures (措施)");
  if (!s.funds) missing.push_back("funds (资金)");
  if (!s.due_on) missing.push_back("deadline (时限)");
  if (!present(s.emergency_plan)) missing.push_back("emergency plan (预案)");
  if (!present(s.basis)) missing.push_back("basis (判定依据)");
  return missing;
}

Transition plan(const LifecycleState& s, const PlanRequest& request, Date on)
{
  require_status(s, {HazardStatus::open}, "plan {}");
  require_not_before_found(s, on);
  LifecycleState next = s;
  if (present(request.owner)) next.owner = normalize_person_field(*request.owner);
  if (present(request.owner_dept)) next.owner_dept = request.owner_dept;
  if (present(request.measures)) next.measures = request.measures;
  if (request.funds) next.funds = request.funds;
  if (present(request.emergency_plan)) next.emergency_plan = request.emergency_plan;
  if (request.due_on) next.due_on = request.due_on;
  require_rectification_plan(next);
  if (*next.due_on < on)
    throw Error(ErrorKind::invalid_input, fmt::format("deadline {} of hazard {} is before the business date {}",
                                                      next.due_on->iso(), s.no, on.iso()));
  next.status = HazardStatus::rectifying;
  return make("planned", s, std::move(next), request.note);
}

Transition progress(const LifecycleState& s, std::string_view note, Date on)
{
  require_status(s, {HazardStatus::rectifying}, "record progress on {}");
  require_not_before_found(s, on);
  require_text(note, "note", "recording progress on", s);
  return make("progress", s, s, note);
}

Transition extend(const LifecycleState& s, Date new_due_on, std::string_view reason, Date on)
{
  require_status(s, {HazardStatus::rectifying}, "extend {}");
  require_not_before_found(s, on);
  require_text(reason, "reason", "extending", s);
  if (s.due_on && new_due_on <= *s.due_on)
    throw Error(ErrorKind::invalid_input, fmt::format("new deadline {} of hazard {} is not after its current deadline {}",
                                                      new_due_on.iso(), s.no, s.due_on->iso()));
  if (new_due_on < on)
    throw Error(ErrorKind::invalid_input, fmt::format("new deadline {} of hazard {} is before the business date {}",
                                                      new_due_on.iso(), s.no, on.iso()));
  LifecycleState next = s;
  next.due_on = new_due_on;
  next.extensions = s.extensions + 1;
  return make("extended", s, std::move(next), reason);
}

Transition done(const LifecycleState& s, std::string_view note, Date on)
{
  require_status(s, {HazardStatus::rectifying}, "mark {} done");
  require_not_before_found(s, on);
  LifecycleState next = s;
  next.status = HazardStatus::submitted;
  next.completed_on = on;
  return make("done", s, std::move(next), note);
}

Transition done_on_spot(const LifecycleState& s, std::string_view inspector, std::string_view note, Date on)
{
  if (s.status == HazardStatus::open && s.level == HazardLevel::major)
    throw Error(ErrorKind::conflict,
                fmt::format("cannot close major hazard {} on the spot: 即查即改 is for general hazards only", s.no),
                allowed_hint(s));
  require_status(s, {HazardStatus::open}, "close {} on the spot");
  require_not_before_found(s, on);
  LifecycleState next = s;
  next.status = HazardStatus::closed;
  next.completed_on = on;
  next.verified_on = on;
  next.verified_by = std::string(inspector);
  next.closed_on = on;
  next.on_spot = true;
  return make("on_spot", s, std::move(next), note);
}

Transition verify(const LifecycleState& s, std::string_view verifier, bool pass, std::string_view note, Date on)
{
  require_status(s, {HazardStatus::submitted}, "verify {}");
  require_not_before_found(s, on);
  require_text(verifier, "verifier", "verifying", s);
  const std::string by = normalize_person_name(verifier);
  if (s.owner && names_person(*s.owner, by))
    throw Error(ErrorKind::conflict,
                fmt::format("verifier {} is {} of hazard {}: verification must be by someone else", by,
                            person_names(*s.owner).size() > 1 ? "one of the owners" : "the owner", s.no));
  if (s.completed_on && on < *s.completed_on)
    throw Error(ErrorKind::invalid_input, fmt::format("business date {} is before hazard {} was completed on {}",
                                                      on.iso(), s.no, s.completed_on->iso()));
  LifecycleState next = s;
  if (pass) {
    next.status = HazardStatus::closed;
    next.verified_on = on;
    next.verified_by = by;
    next.closed_on = on;
    return make("verified", s, std::move(next), note);
  }
  // A failed verification: the work was not complete after all; the verifier is kept as the
  // last one who looked, without a verification date.
  next.status = HazardStatus::rectifying;
  next.completed_on.reset();
  next.verified_by = by;
  return make("rejected", s, std::move(next), note);
}

Transition reopen(const LifecycleState& s, std::string_view reason, Date on, std::optional<Date> new_due_on)
{
  require_status(s, {HazardStatus::closed}, "reopen {}");
  require_not_before_found(s, on);
  require_text(reason, "reason", "reopening", s);
  if (new_due_on && *new_due_on < on)
    throw Error(ErrorKind::invalid_input, fmt::format("new deadline {} of hazard {} is before the reopen date {}",
                                                      new_due_on->iso(), s.no, on.iso()));
  LifecycleState next = s;
  next.status = HazardStatus::rectifying;
  next.closed_on.reset();
  next.completed_on.reset();
  next.verified_on.reset();
  next.verified_by.reset();
  next.on_spot = false;
  if (new_due_on) next.due_on = new_due_on;
  if (s.level == HazardLevel::major) require_rectification_plan(next);
  return make("reopened", s, std::move(next), reason);
}

Transition void_hazard(const LifecycleState& s, std::string_view reason, Date on)
{
  require_status(s, {HazardStatus::open, HazardStatus::rectifying}, "void {}");
  require_not_before_found(s, on);
  require_text(reason, "reason", "voiding", s);
  LifecycleState next = s;
  next.status = HazardStatus::void_;
  next.voided_on = on;
  return make("voided", s, std::move(next), reason);
}

bool is_undoable_step(std::string_view kind)
{
  static constexpr std::string_view k_steps[] = {"planned", "progress", "extended", "done",  "on_spot",
                                                 "verified", "rejected", "reopened", "voided"};
  for (auto k : k_steps)
    if (k == kind) return true;
  return false;
}

namespace {

// Sets one field of the state from its stored text form (as ChangedField holds it).
void restore_field(LifecycleState& s, const ChangedField& c)
{
  const auto& v = c.before;
  const auto date = [&]() -> std::optional<Date> { return v ? std::optional(parse_date(*v)) : std::nullopt; };
  if (c.field == "due_on") s.due_on = date();
  else if (c.field == "completed_on") s.completed_on = date();
  else if (c.field == "verified_on") s.verified_on = date();
  else if (c.field == "closed_on") s.closed_on = date();
  else if (c.field == "voided_on") s.voided_on = date();
  else if (c.field == "owner") s.owner = v;
  else if (c.field == "owner_dept") s.owner_dept = v;
  else if (c.field == "measures") s.measures = v;
  else if (c.field == "emergency_plan") s.emergency_plan = v;
  else if (c.field == "verified_by") s.verified_by = v;
  else if (c.field == "on_spot") s.on_spot = v && *v == "1";
  else if (c.field == "extensions") s.extensions = v ? std::stoll(*v) : 0;
  else if (c.field == "funds") {
    if (!v) {
      s.funds.reset();
    } else {
      std::string why;
      s.funds = try_parse_money(*v, MoneyUnit::yuan, why);
    }
  }
}

}  // namespace

Transition undo(const LifecycleState& s, const RecordedStep& step, std::string_view reason, Date on)
{
  require_text(reason, "reason", "undoing a step of", s);
  if (on < step.on)
    throw Error(ErrorKind::invalid_input, fmt::format("business date {} is before the step it undoes ({} on {}) of hazard {}",
                                                      on.iso(), step.event_kind, step.on.iso(), s.no));
  if (s.status != step.to)
    throw Error(ErrorKind::conflict,
                fmt::format("cannot undo {} of {} on hazard {}: it is {} now, not {} as the step left it",
                            step.event_kind, step.on.iso(), s.no, status_display(s.status), status_display(step.to)));
  LifecycleState next = s;
  next.status = step.from;
  for (const auto& c : step.changes) restore_field(next, c);
  return make("undone", s, std::move(next),
              fmt::format("undoes {} of {}: {}", step.event_kind, step.on.iso(), reason));
}

}  // namespace ankang::domain
