-- Campaign records (DESIGN §9): the 三违 log and special training, each tied to an enterprise.
-- Stored codes are English words; labels come from the program. Every record carries a UUID from
-- its creation and, when it came from a sheet, the import that brought it.

-- One import of campaign records from a sheet. import_batch's kind is checked against the
-- hazard ledger's three kinds; widening that check means rebuilding a table the ledger refers
-- to, so these imports keep their own rows.
CREATE TABLE record_batch (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind = 'violation' OR kind = 'training'),
  file_name     TEXT NOT NULL,
  sha256        TEXT NOT NULL,
  encoding      TEXT NOT NULL,
  rows_read     INTEGER NOT NULL DEFAULT 0,
  rows_imported INTEGER NOT NULL DEFAULT 0,
  rows_skipped  INTEGER NOT NULL DEFAULT 0,
  rows_rejected INTEGER NOT NULL DEFAULT 0,
  actor         TEXT NOT NULL,
  at            TEXT NOT NULL
);

-- 三违: 违章指挥 (command), 违章作业 (operation), 违反劳动纪律 (discipline).
CREATE TABLE violation (
  id            INTEGER PRIMARY KEY,
  uuid          TEXT NOT NULL UNIQUE,
  enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
  on_date       TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind = 'command' OR kind = 'operation' OR kind = 'discipline'),
  description   TEXT NOT NULL CHECK (description <> ''),
  location      TEXT,
  person        TEXT,
  anonymous     INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
  team          TEXT,
  handling      TEXT,
  reported_by   TEXT,
  batch_id      INTEGER REFERENCES record_batch(id),
  actor         TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  CHECK (anonymous = 0 OR person IS NULL)
);
CREATE INDEX violation_on ON violation(on_date);
CREATE INDEX violation_enterprise ON violation(enterprise_id);

-- Special training (专项培训) given at an enterprise.
CREATE TABLE training (
  id            INTEGER PRIMARY KEY,
  uuid          TEXT NOT NULL UNIQUE,
  enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
  on_date       TEXT NOT NULL,
  topic         TEXT NOT NULL CHECK (topic <> ''),
  audience      TEXT NOT NULL CHECK (audience = 'new_hire' OR audience = 'special_operation' OR
                  audience = 'outsourced' OR audience = 'high_risk' OR audience = 'non_routine' OR audience = 'all'),
  attendees     INTEGER NOT NULL CHECK (attendees >= 1),
  hours         TEXT,           -- as a decimal: 2, 1.5
  form          TEXT CHECK (form IS NULL OR form = 'onsite' OR form = 'online'),
  organiser     TEXT,
  batch_id      INTEGER REFERENCES record_batch(id),
  actor         TEXT NOT NULL,
  created_at    TEXT NOT NULL
);
CREATE INDEX training_on ON training(on_date);
CREATE INDEX training_enterprise ON training(enterprise_id);
