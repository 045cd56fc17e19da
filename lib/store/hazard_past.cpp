#include "store/hazard_past.hpp"

#include "domain/hazard.hpp"

#include <SQLiteCpp/Statement.h>

namespace ankang::store {

namespace {

bool is_unfinished(domain::HazardStatus s) { return s == domain::HazardStatus::open || s == domain::HazardStatus::rectifying; }

void bind_date(SQLite::Statement& q, int i, const std::optional<domain::Date>& d)
{
  if (d) q.bind(i, d->iso());
  else q.bind(i);
}

void bind_text(SQLite::Statement& q, int i, const std::string& text)
{
  if (text.empty()) q.bind(i);
  else q.bind(i, text);
}

}  // namespace

bool changes_the_past(const Hazard& before, const Hazard& after)
{
  if (before.status == domain::HazardStatus::void_ || after.status == domain::HazardStatus::void_) return false;
  if (before.due_on != after.due_on || before.extensions != after.extensions) return true;
  if (before.owner != after.owner || before.measures != after.measures || before.funds != after.funds ||
      before.emergency_plan != after.emergency_plan)
    return true;
  if (before.completed_on && after.completed_on != before.completed_on) return true;
  if (before.closed_on && after.closed_on != before.closed_on) return true;
  return !is_unfinished(before.status) && is_unfinished(after.status);
}

void record_past(Database& db, const Hazard& before, HazardEventId event, domain::Date until)
{
  try {
    SQLite::Statement q(db.sql(),
                        "INSERT INTO hazard_past (hazard_id, event_id, until_on, status, completed_on, closed_on, due_on, extensions,"
                        " owner, measures, funds, emergency_plan) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, before.id.value);
    q.bind(2, event.value);
    q.bind(3, until.iso());
    q.bind(4, std::string(domain::code(before.status)));
    bind_date(q, 5, before.completed_on);
    bind_date(q, 6, before.closed_on);
    bind_date(q, 7, before.due_on);
    q.bind(8, before.extensions);
    bind_text(q, 9, before.owner);
    bind_text(q, 10, before.measures);
    if (before.funds) q.bind(11, before.funds->fen);
    else q.bind(11);
    bind_text(q, 12, before.emergency_plan);
    q.exec();
  } catch (const std::exception& e) {
    rethrow_sqlite(e, "recording a hazard's past state");
  }
}

void forget_past(Database& db, HazardEventId event)
{
  try {
    SQLite::Statement q(db.sql(), "DELETE FROM hazard_past WHERE event_id = ?");
    q.bind(1, event.value);
    q.exec();
  } catch (const std::exception& e) {
    rethrow_sqlite(e, "forgetting a hazard's past state");
  }
}

}  // namespace ankang::store
