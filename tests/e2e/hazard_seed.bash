# Sourced by the hazard and inspection e2e cases: loads examples/enterprises.csv straight into a
# database with sqlite3 (primary sector only), so that these cases do not depend on the output of
# 'ankang enterprise import'. Usage: seed_enterprises DB
seed_enterprises() {
  sqlite3 "$1" <<SQL
CREATE TEMP TABLE e (uscc, reg_no, name, sectors, region_code, region, address, legal_rep, safety_contact, phone,
                     employees, risk_level, has_union);
.import --csv --skip 1 $EXAMPLES/enterprises.csv e
INSERT INTO enterprise (uuid, uscc, name, region_code, created_at, updated_at)
  SELECT 'seed-' || rowid, uscc, name, region_code, '2021-08-01T00:00:00Z', '2021-08-01T00:00:00Z' FROM e ORDER BY rowid;
INSERT INTO enterprise_sector (enterprise_id, sector, position)
  SELECT en.id, CASE WHEN instr(e.sectors, ';') > 0 THEN substr(e.sectors, 1, instr(e.sectors, ';') - 1) ELSE e.sectors END, 0
  FROM e JOIN enterprise en ON en.uscc = e.uscc;
SQL
}
