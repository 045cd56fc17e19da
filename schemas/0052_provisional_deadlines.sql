-- Deadlines counted through a day of the provisional calendar: a year without the State
-- Council's notice on record, counted on the statutory days of 《全国年节及纪念日放假办法》
-- (lib/domain/calendar_provisional.hpp). Each row says how the deadline was counted, so that
-- `calendar import` of the notice counts it again. The hazard's deadline is provisional while
-- hazard.due_on still equals due_on here: a deadline set later by other means is not.
CREATE TABLE hazard_due_provisional (
  hazard_id INTEGER PRIMARY KEY REFERENCES hazard(id),
  spec      TEXT NOT NULL,  -- the deadline as given: +10wd, +30d, eom …
  base      TEXT NOT NULL,  -- the day it was counted from (not counted itself)
  due_on    TEXT NOT NULL   -- the deadline it gave
);
