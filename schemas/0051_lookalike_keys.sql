-- Hazard numbers compare case-insensitively (GC-2021-0002 and gc-2021-0002 are one hazard):
-- imports look them up through this index.
CREATE INDEX hazard_no_nocase ON hazard(no COLLATE NOCASE);
-- The duplicate key now hashes the texts as a person reads them (NFKC, Latin case, blanks and
-- trailing punctuation ignored: domain::comparable_text). ankang_dedupe_key() is the C++
-- function, registered on the connection while migrating.
UPDATE hazard SET dedupe_key = ankang_dedupe_key(enterprise_id, found_on, location, description);
