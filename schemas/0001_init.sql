-- ankang schema, version 1. Released migrations are never edited: changes go in a new file.
-- Stored codes are stable English words; labels live in the binary.
-- Code checks are written `x = 'a' OR x = 'b' OR …`, never `x IN ('a', 'b', 'c')`: SQLite builds a
-- temporary b-tree for a constant IN list of three or more values each time a row is checked, so
-- every inserted row paid a page-cache allocation and free (measured: half of the import's time).

-- Regions: GB/T 2260 codes. Qinghai's divisions are seeded in 0002; other codes are accepted as given.
CREATE TABLE region (
  code        TEXT PRIMARY KEY CHECK (length(code) = 6 AND code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'),
  name        TEXT NOT NULL,             -- official name: 刚察县
  full_name   TEXT NOT NULL,             -- 海北藏族自治州/刚察县
  parent_code TEXT REFERENCES region(code),
  level       INTEGER NOT NULL CHECK (level = 1 OR level = 2 OR level = 3)  -- province, prefecture, county
) WITHOUT ROWID;

CREATE TABLE region_alias (
  alias TEXT PRIMARY KEY,                -- 海北州, 大通县, 海北州/刚察县
  code  TEXT NOT NULL REFERENCES region(code)
) WITHOUT ROWID;

CREATE TABLE import_batch (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind = 'enterprise' OR kind = 'hazard' OR kind = 'calendar'),
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
  finished_at   TEXT
);

CREATE TABLE enterprise (
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE,
  uscc           TEXT NOT NULL UNIQUE CHECK (length(uscc) = 18),
  reg_no         TEXT,
  name           TEXT NOT NULL CHECK (name <> ''),
  region_code    TEXT CHECK (region_code IS NULL OR (length(region_code) = 6 AND region_code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]')),
  address        TEXT,
  legal_rep      TEXT,
  safety_contact TEXT,
  phone          TEXT,
  employees      INTEGER CHECK (employees IS NULL OR employees >= 0),
  risk_level     TEXT CHECK (risk_level IS NULL OR risk_level = 'red' OR risk_level = 'orange' OR risk_level = 'yellow' OR
                  risk_level = 'blue'),
  has_union      INTEGER CHECK (has_union IS NULL OR has_union IN (0, 1)),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  archived_at    TEXT
);
CREATE INDEX enterprise_name ON enterprise(name);
CREATE INDEX enterprise_region ON enterprise(region_code);

-- An enterprise's sectors; position 0 is the primary one.
CREATE TABLE enterprise_sector (
  enterprise_id INTEGER NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
  sector        TEXT NOT NULL CHECK (sector = 'coal' OR sector = 'noncoal' OR sector = 'hazchem' OR sector = 'fireworks' OR
                  sector = 'explosives' OR sector = 'industry_trade' OR sector = 'construction' OR
                  sector = 'road' OR sector = 'waterway' OR sector = 'fire' OR sector = 'gas' OR
                  sector = 'special_equipment' OR sector = 'power' OR sector = 'energy' OR
                  sector = 'education' OR sector = 'other'),
  position      INTEGER NOT NULL,
  PRIMARY KEY (enterprise_id, sector)
) WITHOUT ROWID;
CREATE INDEX enterprise_sector_sector ON enterprise_sector(sector, enterprise_id);

CREATE TABLE inspection (
  id            INTEGER PRIMARY KEY,
  uuid          TEXT NOT NULL UNIQUE,
  enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
  date          TEXT NOT NULL,
  kind          TEXT NOT NULL DEFAULT 'routine' CHECK (kind = 'routine' OR kind = 'comprehensive' OR kind = 'special' OR kind = 'seasonal' OR
                  kind = 'holiday' OR kind = 'restart' OR kind = 'union' OR kind = 'government' OR
                  kind = 'expert' OR kind = 'other'),
  body          TEXT,
  inspectors    TEXT NOT NULL DEFAULT '',
  note          TEXT,
  batch_id      INTEGER REFERENCES import_batch(id),
  created_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX inspection_key ON inspection(enterprise_id, date, inspectors);

CREATE TABLE hazard (
  id              INTEGER PRIMARY KEY,
  uuid            TEXT NOT NULL UNIQUE,
  no              TEXT NOT NULL UNIQUE,
  enterprise_id   INTEGER NOT NULL REFERENCES enterprise(id),
  sector          TEXT NOT NULL,
  inspection_id   INTEGER REFERENCES inspection(id),
  found_on        TEXT NOT NULL,
  found_by        TEXT,
  location        TEXT NOT NULL DEFAULT '',
  description     TEXT NOT NULL CHECK (description <> ''),
  category        TEXT CHECK (category IS NULL OR category = 'equipment' OR category = 'behaviour' OR category = 'management' OR
                  category = 'environment'),
  level           TEXT NOT NULL CHECK (level IN ('general', 'major')),
  basis           TEXT,
  stop_production TEXT NOT NULL DEFAULT 'none' CHECK (stop_production = 'none' OR stop_production = 'partial' OR stop_production = 'full'),
  status          TEXT NOT NULL CHECK (status = 'open' OR status = 'rectifying' OR status = 'submitted' OR status = 'closed' OR
                  status = 'void'),
  due_on          TEXT,
  owner           TEXT,
  owner_dept      TEXT,
  measures        TEXT,
  funds           INTEGER CHECK (funds IS NULL OR funds >= 0),  -- fen
  emergency_plan  TEXT,
  completed_on    TEXT,
  verified_on     TEXT,
  verified_by     TEXT,
  closed_on       TEXT,
  voided_on       TEXT,
  on_spot         INTEGER NOT NULL DEFAULT 0 CHECK (on_spot IN (0, 1)),
  extensions      INTEGER NOT NULL DEFAULT 0,
  dedupe_key      INTEGER NOT NULL,  -- hash of enterprise + found_on + location + description
  batch_id        INTEGER REFERENCES import_batch(id),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX hazard_enterprise ON hazard(enterprise_id, status);
CREATE INDEX hazard_found ON hazard(found_on);
CREATE INDEX hazard_closed ON hazard(closed_on) WHERE closed_on IS NOT NULL;
CREATE INDEX hazard_due ON hazard(due_on) WHERE status IN ('open', 'rectifying');
-- Reports: every column the report figures read, so that they never touch the table rows, in
-- the order of their groups (status, enterprise, level, sector): the figures of 10^6 open
-- hazards are counted in one pass over this index, with no sorting.
CREATE INDEX hazard_report ON hazard(status, enterprise_id, level, sector, found_on, closed_on, completed_on, due_on, funds);
CREATE INDEX hazard_dedupe ON hazard(dedupe_key);
CREATE INDEX hazard_inspection ON hazard(inspection_id);

-- Append-only history: the record of how every hazard reached its current state.
CREATE TABLE hazard_event (
  id          INTEGER PRIMARY KEY,
  hazard_id   INTEGER NOT NULL REFERENCES hazard(id),
  kind        TEXT NOT NULL,      -- created, imported, updated, planned, progress, extended, done, on_spot, verified, rejected, reopened, voided
  actor       TEXT NOT NULL,
  on_date     TEXT NOT NULL,      -- business date
  at          TEXT NOT NULL,      -- wall-clock timestamp, UTC
  from_status TEXT,
  to_status   TEXT,
  fields      TEXT,               -- JSON object of changed fields: {"due_on": ["2021-09-01", "2021-09-15"]}
  note        TEXT,
  batch_id    INTEGER REFERENCES import_batch(id)
);
CREATE INDEX hazard_event_hazard ON hazard_event(hazard_id, id);

CREATE TRIGGER hazard_event_no_update BEFORE UPDATE ON hazard_event
BEGIN
  SELECT RAISE(ABORT, 'hazard_event is append-only');
END;
CREATE TRIGGER hazard_event_no_delete BEFORE DELETE ON hazard_event
BEGIN
  SELECT RAISE(ABORT, 'hazard_event is append-only');
END;

-- China's statutory days off and make-up working days; days not listed follow the week.
CREATE TABLE calendar_day (
  date   TEXT PRIMARY KEY,
  kind   TEXT NOT NULL CHECK (kind IN ('off', 'work')),
  name   TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL CHECK (source IN ('official', 'local'))
) WITHOUT ROWID;

-- The years whose official notice is loaded; working-day arithmetic refuses other years.
CREATE TABLE calendar_year (
  year   INTEGER PRIMARY KEY,
  source TEXT NOT NULL
);

-- Default rectification periods by level, optionally by sector ('' = any sector).
CREATE TABLE deadline_rule (
  level  TEXT NOT NULL CHECK (level IN ('general', 'major')),
  sector TEXT NOT NULL DEFAULT '',
  period TEXT NOT NULL,   -- +10wd, +30d, eom …
  PRIMARY KEY (level, sector)
) WITHOUT ROWID;
INSERT INTO deadline_rule (level, sector, period) VALUES ('general', '', '+10wd'), ('major', '', '+60d');
