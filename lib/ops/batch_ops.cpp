#include "ops/batch_ops.hpp"

#include "domain/codes.hpp"
#include "domain/lifecycle.hpp"
#include "error.hpp"
#include "ops/enterprise_ops.hpp"
#include "ops/record_ops.hpp"
#include "store/enterprise_store.hpp"
#include "store/region_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

namespace ankang::ops {

namespace {

using domain::HazardStatus;
using store::FieldChanges;
using store::Hazard;
using store::HazardEvent;

// The enterprise fields as the machine CSV writes them, keyed as its header (the region name is
// derived from the code and left out).
std::vector<std::pair<std::string_view, std::optional<std::string>>> enterprise_text(const store::Enterprise& e)
{
  const auto opt = [](const std::string& s) { return s.empty() ? std::nullopt : std::optional(s); };
  std::string sectors;
  for (const auto& s : e.sectors) sectors += (sectors.empty() ? "" : ";") + s;
  return {
      {"uscc", e.uscc},
      {"reg_no", opt(e.reg_no)},
      {"name", e.name},
      {"sectors", opt(sectors)},
      {"region_code", opt(e.region_code)},
      {"address", opt(e.address)},
      {"legal_rep", opt(e.legal_rep)},
      {"safety_contact", opt(e.safety_contact)},
      {"phone", opt(e.phone)},
      {"employees", e.employees ? std::optional(std::to_string(*e.employees)) : std::nullopt},
      {"risk_level", opt(e.risk_level)},
      {"has_union", e.has_union ? std::optional<std::string>(*e.has_union ? "yes" : "no") : std::nullopt},
  };
}

std::optional<std::string> enterprise_field(const store::Enterprise& e, std::string_view field)
{
  for (auto& [key, value] : enterprise_text(e))
    if (key == field) return value;
  return std::nullopt;
}

// "2021-09-28 done (张伟)", for the list of what came after the batch.
std::string describe_event(const HazardEvent& e)
{
  return fmt::format("{} {} ({})", e.on_date.iso(), e.kind, e.actor);
}

std::string list_names(const std::vector<std::string>& names)
{
  constexpr size_t k_listed = 10;
  std::string out;
  for (size_t i = 0; i < names.size() && i < k_listed; ++i) out += fmt::format("{}{}", i ? "; " : "", names[i]);
  if (names.size() > k_listed) out += fmt::format("; … {} more", names.size() - k_listed);
  return out;
}

}  // namespace

FieldChanges enterprise_changes(const store::Enterprise& before, const store::Enterprise& after)
{
  FieldChanges c;
  const auto a = enterprise_text(before);
  const auto b = enterprise_text(after);
  for (size_t i = 0; i < a.size(); ++i) c.add(a[i].first, a[i].second, b[i].second);
  return c;
}

BatchDetail show_batch(store::Database& db, store::BatchId id)
{
  BatchDetail d;
  auto batch = store::get_batch(db, id);
  if (!batch) throw Error(ErrorKind::not_found, fmt::format("import batch {} does not exist", id.value), "see 'ankang batch list'");
  d.batch = std::move(*batch);
  if (const auto* type = record_type_of_batch(d.batch.kind)) {
    d.records = store::count_batch_records(db, type->table(), id.value);
    return d;  // campaign records: nothing refers to them, so nothing moves on
  }

  // The hazards: the batch's events, grouped by hazard (the query orders them so).
  const auto events = store::list_batch_events(db, id);
  for (size_t i = 0; i < events.size();) {
    const auto hazard_id = events[i].hazard_id;
    size_t j = i;
    while (j < events.size() && events[j].hazard_id == hazard_id) ++j;
    const auto h = store::get_hazard(db, hazard_id);
    if (!h) throw Error(ErrorKind::database, fmt::format("an event of import {} names a missing hazard #{}", id.value, hazard_id.value),
                        "run 'ankang db check'");
    BatchHazard item;
    item.id = hazard_id;
    item.no = h->no;
    item.created = h->batch_id && *h->batch_id == id;
    item.status = h->status;
    item.events = static_cast<int64_t>(j - i);
    // Later steps that were each undone again leave the hazard as the batch left it: only what
    // is still in force (or any other kind of change) counts as moving on.
    const auto later = store::list_events_after(db, hazard_id, events[j - 1].id);
    size_t open_steps = 0;
    bool other_change = false;
    for (const auto& e : later) {
      if (e.kind == "undone" && open_steps > 0) --open_steps;
      else if (domain::is_undoable_step(e.kind)) ++open_steps;
      else other_change = true;
    }
    if (open_steps > 0 || other_change)
      for (const auto& e : later) item.later.push_back(describe_event(e));
    if (item.created) ++d.hazards_created;
    else ++d.hazards_updated;
    if (!item.later.empty()) ++d.moved_on;
    d.hazards.push_back(std::move(item));
    i = j;
  }

  // The enterprises it created or changed (recorded since schema 0061).
  store::EnterpriseStore es(db.sql());
  for (const auto& be : store::list_batch_enterprises(db, id)) {
    const auto e = es.by_id(be.enterprise_id);
    if (!e) continue;
    BatchEnterpriseItem item;
    item.id = e->id;
    item.uscc = e->uscc;
    item.name = e->name;
    item.action = be.action;
    item.archived = !e->archived_at.empty();
    if (be.action == "created") {
      for (const auto& no : store::hazards_of_enterprise_outside_batch(db, e->id, id))
        item.moved_on.push_back(no);
    } else {
      item.changes = FieldChanges::parse(be.fields_json.empty() ? "{}" : be.fields_json);
      for (const auto& c : item.changes.changes()) {
        const auto now = enterprise_field(*e, c.field);
        if (now != c.to)
          item.moved_on.push_back(fmt::format("{} {} ≠ {}", c.field, quote_value(now.value_or("")), quote_value(c.to.value_or(""))));
      }
    }
    if (!item.moved_on.empty()) ++d.moved_on;
    d.enterprises.push_back(std::move(item));
  }
  return d;
}

UndoResult undo_batch(store::Database& db, store::BatchId id, const std::string& reason, const Actor& actor, bool dry_run)
{
  store::WriteTransaction tx(db.sql());
  const BatchDetail d = show_batch(db, id);
  UndoResult r;
  r.id = id;
  r.reason = reason.empty() ? fmt::format("import {} undone", id.value) : fmt::format("import {} undone: {}", id.value, reason);
  const auto& b = d.batch;
  r.kind = b.kind;
  if (!b.undone_at.empty())
    throw Error(ErrorKind::conflict,
                fmt::format("import {} ({}) was undone already on {} by {}", id.value, b.file_name, b.undone_at, b.undone_by),
                "an import is taken back once; see 'ankang batch show " + std::to_string(id.value) + "'");
  if (b.kind == "calendar")
    throw Error(ErrorKind::conflict, fmt::format("import {} is a holiday calendar: it is not taken back by batch undo", id.value),
                "import the corrected notice with 'ankang calendar import FILE'");

  if (const auto* type = record_type_of_batch(b.kind)) {
    r.records_deleted = store::delete_batch_records(db, type->table(), id.value);
    store::mark_batch_undone(db, id, actor.now, actor.user, reason);
    if (dry_run) return r;
    tx.commit();
    r.committed = true;
    return r;
  }

  // Refused as a whole when anything has moved on since: nothing is half taken back.
  std::vector<std::string> moved;
  for (const auto& h : d.hazards)
    if (!h.later.empty()) moved.push_back(fmt::format("{}: {}", h.no, list_names(h.later)));
  for (const auto& e : d.enterprises)
    if (!e.moved_on.empty()) moved.push_back(fmt::format("{} {}: {}", e.uscc, e.name, list_names(e.moved_on)));
  if (!moved.empty())
    throw Error(ErrorKind::conflict,
                fmt::format("import {} cannot be undone: {} of its records have moved on since: {}", id.value, moved.size(),
                            list_names(moved)),
                "take the later steps back first (ankang rectify undo), or correct the records by hand");

  store::HazardWriter writer(db);
  HazardEvent ev;
  ev.actor = actor.user;
  ev.at = actor.now;
  ev.on_date = actor.on;
  const auto events = store::list_batch_events(db, id);
  for (const auto& item : d.hazards) {
    auto h = writer.find_by_id(item.id);
    if (!h) continue;
    ev.hazard_id = h->id;
    if (item.created) {
      if (h->status == HazardStatus::void_) {
        ++r.already_void;
        continue;
      }
      Hazard after = *h;
      after.status = HazardStatus::void_;
      after.voided_on = std::max(actor.on, h->found_on);
      Hazard fields_only = after;
      fields_only.status = h->status;
      ev.kind = "voided";
      ev.on_date = *after.voided_on;
      ev.from_status = h->status;
      ev.to_status = HazardStatus::void_;
      ev.fields_json = store::diff_hazards(*h, fields_only).json();
      ev.note = r.reason;
      writer.update(after, actor.now);
      writer.append(ev);
      ++r.events_written;
      r.voided.push_back(h->no);
      continue;
    }
    // Updated by the batch: its changed fields back to what they were, and each stage it moved
    // the hazard undone, newest first (as `rectify undo` records it, so the steps in force stay right).
    // The batch's events on this hazard: a run of `events`, which are ordered by hazard.
    std::vector<const HazardEvent*> mine;
    auto run = std::lower_bound(events.begin(), events.end(), item.id,
                                [](const HazardEvent& e, store::HazardId wanted) { return e.hazard_id < wanted; });
    for (; run != events.end() && run->hazard_id == item.id; ++run) mine.push_back(&*run);
    Hazard before = *h;
    std::vector<const HazardEvent*> stages;
    for (auto it = mine.rbegin(); it != mine.rend(); ++it) {
      const auto& e = **it;
      if (e.from_status && e.to_status && *e.from_status != *e.to_status) stages.push_back(&e);
      if (e.fields_json.empty()) continue;
      const auto changed = FieldChanges::parse(e.fields_json);
      for (const auto& c : changed.changes()) store::set_hazard_field(before, c.field, c.from);
    }
    if (!stages.empty()) before.status = *stages.back()->from_status;
    Hazard fields_only = before;
    fields_only.status = h->status;
    const auto changes = store::diff_hazards(*h, fields_only);
    ev.on_date = actor.on;
    if (!changes.empty()) {
      ev.kind = "updated";
      ev.from_status.reset();
      ev.to_status.reset();
      ev.fields_json = changes.json();
      ev.note = r.reason;
      writer.append(ev);
      ++r.events_written;
    }
    for (const auto* s : stages) {
      ev.kind = "undone";
      ev.from_status = s->to_status;
      ev.to_status = s->from_status;
      ev.fields_json.clear();
      ev.note = fmt::format("undoes {} of {}: {}", s->kind, s->on_date.iso(), r.reason);
      writer.append(ev);
      ++r.events_written;
    }
    if (!changes.empty() || !stages.empty()) {
      writer.update(before, actor.now);
      r.restored.push_back(h->no);
    }
  }

  store::EnterpriseStore es(db.sql());
  const store::RegionStore regions(db.sql());
  for (const auto& item : d.enterprises) {
    auto e = es.by_id(item.id);
    if (!e) continue;
    if (item.action == "created") {
      if (!e->archived_at.empty()) continue;
      es.set_archived(e->id, actor.now, actor.now);
      ++r.enterprises_archived;
      continue;
    }
    EnterpriseText text;
    const auto fields = enterprise_sheet_fields();
    for (const auto& c : item.changes.changes())
      for (size_t f = 0; f < fields.size(); ++f)
        if (fields[f].key == c.field) text[f] = c.from.value_or("");
    auto problems = apply_enterprise_text(regions, text, *e);
    if (!problems.empty())
      throw Error(ErrorKind::conflict, fmt::format("enterprise {}: the value before import {} cannot be put back: {}", e->uscc,
                                                   id.value, problems.front().why));
    es.update(*e, actor.now);
    ++r.enterprises_restored;
  }

  store::mark_batch_undone(db, id, actor.now, actor.user, reason);
  if (dry_run) return r;  // rolled back by tx's destructor
  tx.commit();
  r.committed = true;
  return r;
}

}  // namespace ankang::ops
