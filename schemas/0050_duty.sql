-- 到岗带班: one leader on duty for each day off (节假日), and what was reported on duty.
-- Days off come from the calendar; a day that is not a day off may still carry a duty (a local
-- arrangement), so nothing here refers to calendar_day.
CREATE TABLE duty (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  day        TEXT NOT NULL UNIQUE,
  leader     TEXT NOT NULL CHECK (leader <> ''),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Notes reported on duty (duty log), in the order written.
CREATE TABLE duty_log (
  id      INTEGER PRIMARY KEY,
  uuid    TEXT NOT NULL UNIQUE,
  duty_id INTEGER NOT NULL REFERENCES duty(id),
  note    TEXT NOT NULL CHECK (note <> ''),
  actor   TEXT NOT NULL,
  at      TEXT NOT NULL
);
CREATE INDEX duty_log_duty ON duty_log(duty_id, id);
