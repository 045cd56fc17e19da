-- `ankang batch undo N` (issue 13 point 9) takes an import back without deleting anything: the
-- hazards it created are voided and the fields it changed restored, each by a compensating event
-- (hazard_event already carries the batch of every event it wrote); the enterprises it created
-- are archived and those it changed restored. Enterprises have no history of their own, so an
-- import records here which ones it created or changed, with the fields it changed.
CREATE TABLE import_batch_enterprise (
  batch_id      INTEGER NOT NULL REFERENCES import_batch(id),
  enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
  action        TEXT NOT NULL CHECK (action = 'created' OR action = 'updated'),
  fields        TEXT,  -- updated: JSON {"phone": ["before", "after"], …} of the import's fields
  PRIMARY KEY (batch_id, enterprise_id)
) WITHOUT ROWID;
CREATE INDEX import_batch_enterprise_enterprise ON import_batch_enterprise(enterprise_id);

-- An undone batch: when, by whom and why. Undoing it again is refused.
ALTER TABLE import_batch ADD COLUMN undone_at TEXT;
ALTER TABLE import_batch ADD COLUMN undone_by TEXT;
ALTER TABLE import_batch ADD COLUMN undo_reason TEXT;

