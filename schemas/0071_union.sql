-- The union layer (DESIGN §9): the database's own organisation, the letters it sends with their
-- reply clocks, and 挂牌督办 of major hazards. These records point at the hazard ledger and never
-- copy it. Every record that can travel to another database carries a UUID from its creation.

-- The one organisation this database belongs to (at most one row).
CREATE TABLE org (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  uuid          TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL CHECK (name <> ''),
  short_name    TEXT NOT NULL CHECK (short_name <> ''),
  level         TEXT NOT NULL CHECK (level = 'province' OR level = 'prefecture' OR level = 'county' OR
                  level = 'industry' OR level = 'enterprise'),
  region_code   TEXT REFERENCES region(code),
  letter_prefix TEXT NOT NULL CHECK (letter_prefix <> ''),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

-- A letter the organisation sent: 意见书 to an enterprise, 建议书 to a department, or a report
-- (上报) of a major problem to the authorities. The row is the current state; letter_event is the
-- record of how it got there. Status (pending, overdue, answered …) is derived, never stored.
CREATE TABLE letter (
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE,
  kind           TEXT NOT NULL CHECK (kind = 'opinion' OR kind = 'proposal' OR kind = 'report'),
  no             TEXT NOT NULL CHECK (no <> ''),
  year           INTEGER NOT NULL,           -- of issued_on: numbers are unique per kind and year
  seq            INTEGER,                    -- the N of 〔YEAR〕N号, NULL for a number of another form
  issued_on      TEXT NOT NULL,
  issuer         TEXT NOT NULL,              -- the organisation's name when issued
  enterprise_id  INTEGER REFERENCES enterprise(id),  -- the enterprise concerned (the addressee of an opinion)
  addressee      TEXT NOT NULL CHECK (addressee <> ''),
  text           TEXT,
  reply_within   TEXT NOT NULL,              -- 15wd, 5wd, 60d
  reply_due      TEXT NOT NULL,
  reply_due_provisional INTEGER NOT NULL DEFAULT 0 CHECK (reply_due_provisional IN (0, 1)),
                                             -- counted through a year without the State Council's
                                             -- notice (the provisional calendar); counted again by
                                             -- 'calendar import' of the notice
  reply_on       TEXT,
  reply_outcome  TEXT CHECK (reply_outcome IS NULL OR reply_outcome = 'accepted' OR reply_outcome = 'partial' OR
                   reply_outcome = 'rejected' OR reply_outcome = 'case-opened' OR reply_outcome = 'declined'),
  reply_text     TEXT,
  result_on      TEXT,
  result_text    TEXT,
  escalated_from INTEGER REFERENCES letter(id),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX letter_number ON letter(kind, year, no);
CREATE INDEX letter_issued ON letter(issued_on);
CREATE INDEX letter_escalated_from ON letter(escalated_from) WHERE escalated_from IS NOT NULL;
CREATE INDEX letter_enterprise ON letter(enterprise_id);

-- The hazards a letter covers, in the order given.
CREATE TABLE letter_hazard (
  letter_id INTEGER NOT NULL REFERENCES letter(id),
  hazard_id INTEGER NOT NULL REFERENCES hazard(id),
  position  INTEGER NOT NULL,
  PRIMARY KEY (letter_id, hazard_id)
) WITHOUT ROWID;
CREATE INDEX letter_hazard_hazard ON letter_hazard(hazard_id);

-- Append-only history of every letter: issued, replied, result, escalated, and a reply deadline
-- counted again when the notice of a provisional year is imported.
CREATE TABLE letter_event (
  id        INTEGER PRIMARY KEY,
  uuid      TEXT NOT NULL UNIQUE,
  letter_id INTEGER NOT NULL REFERENCES letter(id),
  kind      TEXT NOT NULL CHECK (kind = 'issued' OR kind = 'replied' OR kind = 'result' OR kind = 'escalated' OR
                   kind = 'reply_due_recomputed'),
  actor     TEXT NOT NULL,
  on_date   TEXT NOT NULL,
  at        TEXT NOT NULL,
  fields    TEXT,           -- JSON object of what the step set
  note      TEXT
);
CREATE INDEX letter_event_letter ON letter_event(letter_id, id);

CREATE TRIGGER letter_event_no_update BEFORE UPDATE ON letter_event
BEGIN
  SELECT RAISE(ABORT, 'letter_event is append-only');
END;
CREATE TRIGGER letter_event_no_delete BEFORE DELETE ON letter_event
BEGIN
  SELECT RAISE(ABORT, 'letter_event is append-only');
END;

-- 挂牌督办: a major hazard put under supervision by a body, until it is removed (摘牌) once the
-- hazard is closed. The steps are also events 'supervised' / 'unsupervised' in hazard_event.
CREATE TABLE supervision (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  hazard_id  INTEGER NOT NULL REFERENCES hazard(id),
  body       TEXT NOT NULL CHECK (body <> ''),
  level      TEXT NOT NULL CHECK (level = 'province' OR level = 'prefecture' OR level = 'county'),
  on_date    TEXT NOT NULL,
  deadline   TEXT,
  removed_on TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX supervision_hazard ON supervision(hazard_id);
-- At most one supervision in force per hazard.
CREATE UNIQUE INDEX supervision_active ON supervision(hazard_id) WHERE removed_on IS NULL;

-- Union inspections are listed by kind.
CREATE INDEX inspection_kind ON inspection(kind, date);
