-- 1. The duplicate key of a hazard now carries the day it was found in its high 32 bits and the
-- high 32 bits of the old hash in its low ones, so that an import (sheets run by date) appends
-- to the hazard_dedupe index instead of writing to a random page of it. Recompute the keys that
-- earlier versions stored, exactly as hazard_dedupe_key() does now, so that a re-import still
-- recognises the hazards they imported.
UPDATE hazard
SET dedupe_key = (CAST(julianday(found_on) - 2440587.5 AS INTEGER) << 32) | ((dedupe_key >> 32) & 4294967295);

-- 2. The highest sequence number of YH-<year>-<seq> per year, so that the next number is one
-- lookup instead of a scan of the year's numbers (10^6 of them in a large database). The store
-- keeps it on every insert (lib/store/hazard_store.cpp: the only place that inserts hazards); it
-- checks the number after it is free before using it and rescans if it is not.
CREATE TABLE hazard_no_seq (
  year INTEGER PRIMARY KEY,
  last INTEGER NOT NULL
);
INSERT INTO hazard_no_seq (year, last)
SELECT CAST(substr(no, 4, 4) AS INTEGER), max(CAST(substr(no, 9) AS INTEGER)) FROM hazard
WHERE no GLOB 'YH-[0-9][0-9][0-9][0-9]-[0-9]*' AND NOT substr(no, 9) GLOB '*[^0-9]*'
GROUP BY 1;
