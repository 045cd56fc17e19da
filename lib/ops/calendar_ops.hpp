#pragma once
// The calendar commands' writes: importing a year's official notice, and counting again every
// deadline that was counted through the provisional calendar of a year it now covers.
#include "domain/calendar.hpp"
#include "domain/date.hpp"
#include "store/calendar_store.hpp"
#include "store/database.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ankang::ops {

// A provisional deadline counted again on the imported notice.
struct RecomputedDeadline {
  std::string no;
  std::string spec;  // how it was counted: +10wd …
  domain::Date base;
  domain::Date before;
  domain::Date after;     // equal to before when the notice did not change it
  bool still_provisional = false;  // the count still reaches a year without a notice
};

struct NoticeImport {
  store::CalendarImportResult days;
  // Every open, rectifying or submitted hazard whose provisional deadline the notice moved or
  // made official, by hazard id; moved ones got a 'deadline_recomputed' event.
  std::vector<RecomputedDeadline> deadlines;
  // The same for the reply deadlines of letters not answered yet (no: the letter's number); a
  // moved one got a letter_event 'reply_due_recomputed'.
  std::vector<RecomputedDeadline> letters;
};

// In one transaction: records the notice's days and years (store::import_calendar), then counts
// every provisional deadline of a hazard still in progress again on the new calendar. A changed
// deadline is written with an event 'deadline_recomputed' {"due_on": [before, after]} dated
// `on` by `actor`; a deadline whose count no longer reaches a provisional year loses its mark.
// Closed and void hazards keep their deadline and its mark (history). Likewise the reply
// deadlines of letters not answered yet (letter_event 'reply_due_recomputed'); an answered
// letter keeps its deadline and mark.
NoticeImport import_calendar_notice(store::Database& db, const std::vector<domain::CalendarDay>& days,
                                    const std::vector<int>& covered_years, std::string_view source,
                                    std::string_view actor, std::string_view now_utc, domain::Date on);

}  // namespace ankang::ops
