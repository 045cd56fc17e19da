#include "ops/calendar_ops.hpp"

#include "domain/deadline.hpp"
#include "store/hazard_store.hpp"
#include "store/letter_store.hpp"

#include <fmt/format.h>

namespace ankang::ops {

using domain::Date;

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
  for (auto& l : store::list_provisional_letters(db)) {
    if (l.reply_on) continue;  // answered: the clock ran its course and stays as it was counted
    const auto spec = domain::parse_deadline(l.reply_within);
    const auto counted = domain::resolve_counted(spec, l.issued_on, calendar);
    if (counted.date == l.reply_due && counted.provisional) continue;
    RecomputedDeadline r{l.no, l.reply_within, l.issued_on, l.reply_due, counted.date, counted.provisional};
    const Date before = l.reply_due;
    l.reply_due = counted.date;
    l.reply_due_provisional = counted.provisional;
    store::update_letter_due(db, l, now_utc);
    if (counted.date != before) {
      store::LetterEvent e;
      e.letter_id = l.id;
      e.kind = "reply_due_recomputed";
      e.actor = std::string(actor);
      e.on_date = on;
      e.at = std::string(now_utc);
      e.fields_json = fmt::format(R"({{"reply_due":["{}","{}"]}})", before.iso(), counted.date.iso());
      e.note = fmt::format("{} from {} counted again on the official calendar ({})", l.reply_within, l.issued_on.iso(),
                           source);
      store::append_letter_event(db, e, now_utc);
    }
    out.letters.push_back(std::move(r));
  }
  tx.commit();
  return out;
}

}  // namespace ankang::ops
