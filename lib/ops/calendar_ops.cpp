#include "ops/calendar_ops.hpp"

#include "domain/deadline.hpp"
#include "store/hazard_store.hpp"

#include <fmt/format.h>

namespace ankang::ops {

NoticeImport import_calendar_notice(store::Database& db, const std::vector<domain::CalendarDay>& days,
                                    const std::vector<int>& covered_years, std::string_view source,
                                    std::string_view actor, std::string_view now_utc, domain::Date on)
{
  store::WriteTransaction tx(db.sql());
  NoticeImport out;
  out.days = store::import_calendar(db.sql(), days, covered_years, source);
  // Counted again on the calendar as it now is; a year still without a notice stays provisional
  // (even under --strict-calendar: the deadline was counted that way and stays marked).
  const auto calendar = store::load_calendar(db.sql(), domain::CalendarMode::provisional);
  for (const auto& p : store::list_provisional_dues(db)) {
    if (!domain::counts_as_pending(p.status) && p.status != domain::HazardStatus::submitted) continue;
    const auto spec = domain::parse_deadline(p.spec);
    const auto counted = domain::resolve_counted(spec, p.base, calendar);
    if (counted.date == p.due_on && counted.provisional) continue;  // the notice changed nothing it needs
    RecomputedDeadline r{p.no, p.spec, p.base, p.due_on, counted.date, counted.provisional};
    if (counted.date != p.due_on) {
      auto h = store::get_hazard(db, p.hazard_id);
      if (!h) continue;
      h->due_on = counted.date;
      store::update_hazard(db, *h, now_utc);
      store::FieldChanges changes;
      changes.add("due_on", p.due_on.iso(), counted.date.iso());
      store::HazardEvent e;
      e.hazard_id = p.hazard_id;
      e.kind = "deadline_recomputed";
      e.actor = std::string(actor);
      e.on_date = on;
      e.at = std::string(now_utc);
      e.from_status = h->status;
      e.to_status = h->status;
      e.fields_json = changes.json();
      e.note = fmt::format("{} from {} counted again on the official calendar ({})", p.spec, p.base.iso(), source);
      store::append_event(db, e);
    }
    if (counted.provisional)
      store::record_provisional_due(db, p.hazard_id, p.spec, p.base, counted.date);
    else
      store::forget_provisional_due(db, p.hazard_id);
    out.deadlines.push_back(std::move(r));
  }
  tx.commit();
  return out;
}

}  // namespace ankang::ops
