-- The campaign records' imports (三违, special training, and the 安康杯 that comes next) run on the
-- shared import driver: their batches are import_batch rows, so that `batch list|show|undo` see
-- them, and record_batch (0072) goes. import_batch's kind CHECK is widened by SQLite's rebuild of a
-- table (create, copy, drop, rename: the tables that refer to import_batch by name keep doing so);
-- migrations run with foreign keys off and are checked as a whole before they commit
-- (store::migrate). A record_batch row keeps its counts and becomes import_batch row
-- (the highest import_batch id before) + (its id), and its records follow it.
CREATE TEMP TABLE record_batch_offset AS SELECT coalesce(max(id), 0) AS n FROM import_batch;

CREATE TABLE import_batch_new (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind = 'enterprise' OR kind = 'hazard' OR kind = 'calendar' OR kind = 'violation' OR
                  kind = 'training' OR kind = 'cup'),
  file_name     TEXT NOT NULL,
  sha256        TEXT NOT NULL,
  encoding      TEXT NOT NULL,
  rows_read     INTEGER NOT NULL DEFAULT 0,
  rows_imported INTEGER NOT NULL DEFAULT 0,
  rows_updated  INTEGER NOT NULL DEFAULT 0,
  rows_skipped  INTEGER NOT NULL DEFAULT 0,
  rows_rejected INTEGER NOT NULL DEFAULT 0,
  actor         TEXT NOT NULL,
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  undone_at     TEXT,
  undone_by     TEXT,
  undo_reason   TEXT
);
INSERT INTO import_batch_new (id, kind, file_name, sha256, encoding, rows_read, rows_imported, rows_updated, rows_skipped,
                              rows_rejected, actor, started_at, finished_at, undone_at, undone_by, undo_reason)
  SELECT id, kind, file_name, sha256, encoding, rows_read, rows_imported, rows_updated, rows_skipped, rows_rejected, actor,
         started_at, finished_at, undone_at, undone_by, undo_reason FROM import_batch;
INSERT INTO import_batch_new (id, kind, file_name, sha256, encoding, rows_read, rows_imported, rows_skipped, rows_rejected,
                              actor, started_at, finished_at)
  SELECT (SELECT n FROM record_batch_offset) + id, kind, file_name, sha256, encoding, rows_read, rows_imported, rows_skipped,
         rows_rejected, actor, at, at FROM record_batch;
DROP TABLE import_batch;
ALTER TABLE import_batch_new RENAME TO import_batch;

-- The records: batch_id now refers to import_batch.
CREATE TABLE violation_new (
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
  batch_id      INTEGER REFERENCES import_batch(id),
  actor         TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  CHECK (anonymous = 0 OR person IS NULL)
);
INSERT INTO violation_new (id, uuid, enterprise_id, on_date, kind, description, location, person, anonymous, team, handling,
                           reported_by, batch_id, actor, created_at)
  SELECT id, uuid, enterprise_id, on_date, kind, description, location, person, anonymous, team, handling, reported_by,
         CASE WHEN batch_id IS NULL THEN NULL ELSE (SELECT n FROM record_batch_offset) + batch_id END, actor, created_at
  FROM violation;
DROP TABLE violation;
ALTER TABLE violation_new RENAME TO violation;
CREATE INDEX violation_on ON violation(on_date);
CREATE INDEX violation_enterprise ON violation(enterprise_id);
CREATE INDEX violation_batch ON violation(batch_id) WHERE batch_id IS NOT NULL;

CREATE TABLE training_new (
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
  batch_id      INTEGER REFERENCES import_batch(id),
  actor         TEXT NOT NULL,
  created_at    TEXT NOT NULL
);
INSERT INTO training_new (id, uuid, enterprise_id, on_date, topic, audience, attendees, hours, form, organiser, batch_id,
                          actor, created_at)
  SELECT id, uuid, enterprise_id, on_date, topic, audience, attendees, hours, form, organiser,
         CASE WHEN batch_id IS NULL THEN NULL ELSE (SELECT n FROM record_batch_offset) + batch_id END, actor, created_at
  FROM training;
DROP TABLE training;
ALTER TABLE training_new RENAME TO training;
CREATE INDEX training_on ON training(on_date);
CREATE INDEX training_enterprise ON training(enterprise_id);
CREATE INDEX training_batch ON training(batch_id) WHERE batch_id IS NOT NULL;

DROP TABLE record_batch;
DROP TABLE record_batch_offset;
