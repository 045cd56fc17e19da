-- Records that travel between databases (DESIGN §10): every hazard_event carries a UUID from its
-- creation, like every other record that can travel, and the database has a source id of its own.
-- Rows written before this migration get a random (version 4) UUID each; new rows get a
-- time-ordered one from the program (store::new_uuid).

ALTER TABLE hazard_event ADD COLUMN uuid TEXT;

-- The history is append-only; the trigger is lifted for this one fill and put back as it was.
DROP TRIGGER hazard_event_no_update;
UPDATE hazard_event SET uuid =
  lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' ||
  substr('89ab', 1 + abs(random() % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
CREATE TRIGGER hazard_event_no_update BEFORE UPDATE ON hazard_event
BEGIN
  SELECT RAISE(ABORT, 'hazard_event is append-only');
END;
CREATE UNIQUE INDEX hazard_event_uuid ON hazard_event(uuid);

-- This database as a source of records (one row): its id is made once, when the database is
-- created (or upgraded to this version), and never changes. The organisation that speaks for it
-- is the row of table org ('ankang org set').
CREATE TABLE exchange_source (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  uuid TEXT NOT NULL UNIQUE
);
INSERT INTO exchange_source (id, uuid) VALUES (1,
  lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' ||
  substr('89ab', 1 + abs(random() % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))));
