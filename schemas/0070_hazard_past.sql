-- What a report of an earlier day saw of a hazard, before a step that changed it for the days
-- before the step: a reopen (the closure and completion gone), a failed verification (back to
-- rectifying), a new deadline (an extension, a plan that sets one), a plan (owner, measures,
-- funds, emergency plan: the 五落实 the reports list). Each row holds those fields as they stood
-- before the step, in force for the days before until_on, the step's business date. Steps that
-- only move a hazard forward (done, a passed verification) need no row: the reports date them by
-- completed_on and closed_on. Reports of a period that ended before until_on read these values, so a later
-- step never changes a past period's figures. Corrections are not recorded here: undo removes the
-- row of the step it takes back, and a void counts nowhere in any period.
CREATE TABLE hazard_past (
  id           INTEGER PRIMARY KEY,
  hazard_id    INTEGER NOT NULL REFERENCES hazard(id),
  event_id     INTEGER NOT NULL REFERENCES hazard_event(id),
  until_on     TEXT NOT NULL,  -- the step's business date: these values hold for the days before it
  status       TEXT NOT NULL,
  completed_on TEXT,
  closed_on    TEXT,
  due_on       TEXT,
  extensions   INTEGER NOT NULL,
  owner        TEXT,
  measures     TEXT,
  funds        INTEGER,
  emergency_plan TEXT
);
CREATE INDEX hazard_past_hazard ON hazard_past(hazard_id, until_on);
CREATE INDEX hazard_past_until ON hazard_past(until_on, hazard_id);
CREATE INDEX hazard_past_event ON hazard_past(event_id);
