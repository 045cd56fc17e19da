#include "ops/rectify_ops.hpp"

#include "domain/codes.hpp"
#include "error.hpp"
#include "store/hazard_past.hpp"
#include "store/calendar_store.hpp"

#include <fmt/format.h>

#include <unordered_map>
#include <unordered_set>

namespace ankang::ops {

namespace {

using domain::Date;
using domain::HazardLevel;
using domain::HazardStatus;

std::optional<std::string> optional_text(const std::string& s)
{
  if (s.empty()) return std::nullopt;
  return s;
}

std::string text_or_empty(const std::optional<std::string>& s) { return s ? *s : std::string(); }

// The deadline of a plan (from the business date) or an extension (from the current deadline).
// The calendar is read only when the spec needs it: `plan 42 --deadline 2021-09-30` stays cheap.
// Remembers how the last deadline was counted, so that one counted through the provisional
// calendar is recorded as such.
class DeadlineResolver {
public:
  explicit DeadlineResolver(store::Database& db) : m_db(db) {}

  struct Counted {
    domain::DeadlineSpec spec;
    Date base;
    domain::CountedDate due;
  };

  Date resolve(const domain::DeadlineSpec& spec, Date base)
  {
    if (!spec.is_relative()) {
      m_last = Counted{spec, base, {spec.date, false}};
      return spec.date;
    }
    if (!m_calendar) m_calendar = store::load_calendar(m_db);
    m_last = Counted{spec, base, domain::resolve_counted(spec, base, *m_calendar)};
    return m_last->due.date;
  }

  void forget() { m_last.reset(); }
  const std::optional<Counted>& last() const { return m_last; }

private:
  store::Database& m_db;
  std::optional<domain::Calendar> m_calendar;
  std::optional<Counted> m_last;
};

// The life-cycle steps still in force, oldest first: each 'undone' event takes back the one on top.
// `ids` gets their events' ids, in the same order.
std::vector<domain::RecordedStep> steps_in_force(const std::vector<store::HazardEvent>& events,
                                                 std::vector<store::HazardEventId>& ids)
{
  std::vector<domain::RecordedStep> steps;
  ids.clear();
  for (const auto& e : events) {
    if (e.kind == "undone") {
      if (!steps.empty()) {
        steps.pop_back();
        ids.pop_back();
      }
      continue;
    }
    if (!domain::is_undoable_step(e.kind)) continue;
    domain::RecordedStep step;
    step.event_kind = e.kind;
    step.on = e.on_date;
    step.from = e.from_status.value_or(domain::HazardStatus::open);
    step.to = e.to_status.value_or(step.from);
    if (!e.fields_json.empty()) {
      const auto changes = store::FieldChanges::parse(e.fields_json);
      for (const auto& c : changes.changes()) step.changes.push_back({c.field, c.from, c.to});
    }
    steps.push_back(std::move(step));
    ids.push_back(e.id);
  }
  return steps;
}

domain::Transition transition_for(const domain::LifecycleState& s, const RectifyRequest& r, const Business& b,
                                  DeadlineResolver& deadlines, const std::vector<domain::RecordedStep>& steps)
{
  switch (r.step) {
    case RectifyStep::plan: {
      domain::PlanRequest p;
      p.owner = r.owner;
      p.owner_dept = r.owner_dept;
      p.measures = r.measures;
      p.funds = r.funds;
      p.emergency_plan = r.emergency_plan;
      // Check the status first, so that planning a closed hazard says so rather than
      // failing on a deadline computation.
      if (s.status == HazardStatus::open && r.deadline) p.due_on = deadlines.resolve(*r.deadline, b.on);
      p.note = r.text;
      return domain::plan(s, p, b.on);
    }
    case RectifyStep::progress: return domain::progress(s, r.text, b.on);
    case RectifyStep::extend: {
      if (!r.deadline) throw Error(ErrorKind::invalid_input, fmt::format("extending hazard {} needs a new deadline", s.no));
      if (s.status != HazardStatus::rectifying) return domain::extend(s, s.due_on.value_or(b.on), r.text, b.on);
      if (r.deadline->is_relative() && !s.due_on)
        throw Error(ErrorKind::invalid_input,
                    fmt::format("hazard {} has no deadline to count {} from", s.no, quote_value(r.deadline->text())),
                    "give the new deadline as a date");
      return domain::extend(s, deadlines.resolve(*r.deadline, s.due_on.value_or(b.on)), r.text, b.on);
    }
    case RectifyStep::done: return domain::done(s, r.text, b.on);
    case RectifyStep::on_spot: return domain::done_on_spot(s, b.actor, r.text, b.on);
    case RectifyStep::verify_pass: return domain::verify(s, r.verifier, true, r.text, b.on);
    case RectifyStep::verify_fail: return domain::verify(s, r.verifier, false, r.text, b.on);
    case RectifyStep::reopen: {
      // Check the status first: reopening an open hazard says so rather than counting a deadline.
      std::optional<Date> due;
      if (s.status == HazardStatus::closed && r.deadline) due = deadlines.resolve(*r.deadline, b.on);
      return domain::reopen(s, r.text, b.on, due);
    }
    case RectifyStep::undo: {
      if (steps.empty())
        throw Error(ErrorKind::conflict, fmt::format("hazard {} has no step to undo", s.no),
                    "undo takes back the last life-cycle step (plan, done, verify, reopen, void …)");
      return domain::undo(s, steps.back(), r.text, b.on);
    }
    case RectifyStep::void_hazard: return domain::void_hazard(s, r.text, b.on);
  }
  throw Error(ErrorKind::invalid_input, "unknown rectification step");
}

std::string fields_json(const std::vector<domain::ChangedField>& changes)
{
  if (changes.empty()) return {};
  store::FieldChanges out;
  for (const auto& c : changes) out.add(c.field, c.before, c.after);
  return out.json();
}

}  // namespace

domain::LifecycleState lifecycle_state(const store::Hazard& h)
{
  domain::LifecycleState s;
  s.no = h.no;
  s.level = h.level;
  s.status = h.status;
  s.found_on = h.found_on;
  s.basis = optional_text(h.basis);
  s.due_on = h.due_on;
  s.owner = optional_text(h.owner);
  s.owner_dept = optional_text(h.owner_dept);
  s.measures = optional_text(h.measures);
  s.funds = h.funds;
  s.emergency_plan = optional_text(h.emergency_plan);
  s.completed_on = h.completed_on;
  s.verified_on = h.verified_on;
  s.verified_by = optional_text(h.verified_by);
  s.closed_on = h.closed_on;
  s.voided_on = h.voided_on;
  s.on_spot = h.on_spot;
  s.extensions = h.extensions;
  return s;
}

void apply_lifecycle_state(const domain::LifecycleState& s, store::Hazard& h)
{
  h.status = s.status;
  h.due_on = s.due_on;
  h.owner = text_or_empty(s.owner);
  h.owner_dept = text_or_empty(s.owner_dept);
  h.measures = text_or_empty(s.measures);
  h.funds = s.funds;
  h.emergency_plan = text_or_empty(s.emergency_plan);
  h.completed_on = s.completed_on;
  h.verified_on = s.verified_on;
  h.verified_by = text_or_empty(s.verified_by);
  h.closed_on = s.closed_on;
  h.voided_on = s.voided_on;
  h.on_spot = s.on_spot;
  h.extensions = s.extensions;
}

std::vector<RectifyResult> rectify(store::Database& db, const HazardSelection& selection,
                                   const RectifyRequest& request, const Business& business, bool dry_run)
{
  store::WriteTransaction tx(db.sql());
  store::HazardWriter writer(db);
  DeadlineResolver deadlines(db);

  // Resolve the selection first: an unknown hazard fails the command before anything changes.
  std::vector<store::Hazard> hazards;
  std::unordered_set<int64_t> seen;
  for (const auto& key : selection.keys) {
    auto h = store::find_hazard(db, key);
    if (seen.insert(h.id.value).second) hazards.push_back(std::move(h));
  }
  if (selection.filter)
    for (const auto id : store::select_hazard_ids(db, *selection.filter))
      if (seen.insert(id.value).second)
        if (auto h = writer.find_by_id(id)) hazards.push_back(std::move(*h));

  if (business.today && business.on > *business.today)
    throw Error(ErrorKind::invalid_input,
                fmt::format("business date {} is after today ({})", business.on.iso(), business.today->iso()),
                "a step cannot be dated in the future; check --on (or --today)");

  std::vector<RectifyResult> results;
  results.reserve(hazards.size());
  for (auto& h : hazards) {
    deadlines.forget();
    std::vector<store::HazardEventId> step_ids;
    const auto steps = steps_in_force(store::list_events(db, h.id), step_ids);
    auto state = lifecycle_state(h);
    if (!steps.empty()) state.last_step_on = steps.back().on;
    auto t = transition_for(state, request, business, deadlines, steps);
    const auto& counted = deadlines.last();
    const bool provisional = counted && counted->due.provisional && t.after.due_on == counted->due.date;
    const bool due_changed = t.after.due_on != h.due_on;
    if (!dry_run) {
      if (provisional)
        store::record_provisional_due(db, h.id, counted->spec.text(), counted->base, counted->due.date);
      else if (due_changed)
        store::forget_provisional_due(db, h.id);
      const store::Hazard before = h;
      apply_lifecycle_state(t.after, h);
      writer.update(h, business.now_utc);
      store::HazardEvent e;
      e.hazard_id = h.id;
      e.kind = t.event_kind;
      e.actor = business.actor;
      e.on_date = business.on;
      e.at = business.now_utc;
      e.from_status = t.from;
      e.to_status = t.to;
      e.fields_json = fields_json(t.changes);
      e.note = t.note;
      const auto event_id = writer.append(e);
      // What reports of earlier days read: an undo is a correction and takes back what its step
      // recorded; a step that changes the past for the days before it records them as they were.
      if (request.step == RectifyStep::undo) store::forget_past(db, step_ids.back());
      else if (store::changes_the_past(before, h)) store::record_past(db, before, event_id, business.on);
    }
    const bool due_provisional = provisional || (!due_changed && store::is_provisional_due(db, h.id, h.due_on));
    results.push_back({h.no, std::move(t), due_provisional});
  }
  if (!dry_run) tx.commit();
  return results;
}

RectifyResult rectify_one(store::Database& db, std::string_view id_or_no, const RectifyRequest& request,
                          const Business& business)
{
  HazardSelection one;
  one.keys.emplace_back(id_or_no);
  return std::move(rectify(db, one, request, business).front());
}

std::optional<std::string> set_deadline_rule(store::Database& db, HazardLevel level, std::string_view sector,
                                             std::string_view period)
{
  const auto spec = domain::parse_deadline(period);
  if (!spec.is_relative())
    throw Error(ErrorKind::invalid_input,
                fmt::format("{} is a date, not a period: a rule counts from each hazard's found_on", quote_value(period)),
                "give +Nwd, +Nd, eow, eom or eoq");
  std::string sector_code;
  if (!sector.empty()) sector_code = std::string(domain::sectors().parse_or_throw(sector));
  store::WriteTransaction tx(db.sql());
  auto previous = store::set_deadline_rule(db, {level, sector_code, spec.text()});
  tx.commit();
  return previous;
}

const store::DeadlineRule* rule_for(const std::vector<store::DeadlineRule>& rules, HazardLevel level,
                                    std::string_view sector)
{
  const store::DeadlineRule* any_sector = nullptr;
  for (const auto& r : rules) {
    if (r.level != level) continue;
    if (r.sector == sector) return &r;
    if (r.sector.empty()) any_sector = &r;
  }
  return any_sector;
}

DeadlineFillSummary fill_deadlines(store::Database& db, const store::RectifyFilter& filter, const Business& business,
                                   bool apply, const std::function<void(const DeadlineFill&)>& emit)
{
  try {
    store::WriteTransaction tx(db.sql());
    const auto rules = store::list_deadline_rules(db);
    std::vector<domain::DeadlineSpec> specs;
    specs.reserve(rules.size());
    for (const auto& r : rules) {
      try {
        specs.push_back(domain::parse_deadline(r.period));
      } catch (const Error& e) {
        throw Error(ErrorKind::invalid_input,
                    fmt::format("the deadline rule for {} hazards{} has a bad period: {}", domain::code(r.level),
                                r.sector.empty() ? "" : " in " + r.sector, e.what()),
                    "fix it with 'ankang rectify rule set'");
      }
    }
    const domain::Calendar calendar = store::load_calendar(db);
    // Many hazards share a finding date and a rule: compute each (date, rule) once, with the
    // texts its events carry.
    struct Resolved {
      Date due_on;
      bool provisional = false;
      std::string due_text;
      std::string fields_json;
    };
    std::unordered_map<uint64_t, Resolved> resolved;
    std::vector<std::string> notes(rules.size());  // each rule's event note, when first used
    std::optional<store::DeadlineWriter> deadlines;
    std::optional<store::HazardWriter> events;
    if (apply) {
      deadlines.emplace(db);
      events.emplace(db);
    }
    store::HazardEvent e;
    e.kind = "updated";
    e.actor = business.actor;
    e.on_date = business.on;
    e.at = business.now_utc;

    DeadlineFillSummary summary;
    DeadlineFill fill;
    // A chunk is read, then written: no read cursor is open on the rows being updated.
    constexpr int64_t k_chunk = 2048;
    store::UndatedHazardReader reader(db, filter);
    for (auto* chunk = &reader.next(k_chunk); !chunk->empty(); chunk = &reader.next(k_chunk)) {
      for (const store::UndatedHazard& u : *chunk) {
        const store::DeadlineRule* rule = rule_for(rules, u.level, u.sector);
        if (!rule) {
          ++summary.without_rule;
          continue;
        }
        const auto index = static_cast<size_t>(rule - rules.data());
        const uint64_t key = (static_cast<uint64_t>(index) << 32) | static_cast<uint32_t>(u.found_on.days());
        auto it = resolved.find(key);
        if (it == resolved.end()) {
          Resolved r;
          const auto counted = domain::resolve_counted(specs[index], u.found_on, calendar);
          r.due_on = counted.date;
          r.provisional = counted.provisional;
          r.due_text = r.due_on.iso();
          store::FieldChanges changes;
          changes.add("due_on", std::nullopt, r.due_text);
          r.fields_json = changes.json();
          it = resolved.emplace(key, std::move(r)).first;
        }
        fill.id = u.id;
        fill.no = u.no;
        fill.enterprise = u.enterprise;
        fill.level = u.level;
        fill.sector = u.sector;
        fill.status = u.status;
        fill.found_on = u.found_on;
        fill.period = rule->period;
        fill.due_on = it->second.due_on;
        fill.due_provisional = it->second.provisional;
        if (apply) {
          deadlines->set_missing_due_on(u.id, it->second.due_text, business.now_utc);
          if (it->second.provisional)
            store::record_provisional_due(db, u.id, specs[index].text(), u.found_on, it->second.due_on);
          // The rule matched the hazard's level, so the note names the rule alone.
          if (notes[index].empty())
            notes[index] = fmt::format("deadline rule {}{}: {}", domain::code(rule->level),
                                       rule->sector.empty() ? "" : "/" + rule->sector, rule->period);
          e.hazard_id = u.id;
          e.fields_json = it->second.fields_json;
          e.note = notes[index];
          events->append(e);
        }
        ++summary.filled;
        emit(fill);
      }
    }
    if (apply) tx.commit();
    return summary;
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    store::rethrow_sqlite(e, "filling deadlines");
  }
}

std::vector<store::PendingHazard> list_due(store::Database& db, std::string_view window, Date today,
                                           const store::RectifyFilter& filter)
{
  const auto calendar = store::load_calendar(db);
  const Date last = domain::parse_window(window, today, calendar);
  return store::list_due_between(db, today, last, filter);
}

}  // namespace ankang::ops
