#!/usr/bin/env bash
# The weekly report's headline figures, computed again with plain SQL in the sqlite3 shell over
# the same database (the examples' 2021 campaign), must equal the report's JSON. The SQL below is
# written from DESIGN §7 on its own: full scans, no shared code with lib/store/report_queries;
# the status at the period end is read from each hazard's history (hazard_event), not from its
# completion dates as the report does.
set -euo pipefail
bin=$1
src=${ANKANG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export ANKANG_DB=$work/t.db ANKANG_TODAY=2021-09-27 ANKANG_USER=tester
"$bin" -q init
"$bin" -q enterprise import "$src/examples/enterprises.csv"
"$bin" -q hazard import "$src/examples/findings-2021.csv"

# The figures of [s, e] for the hazards in scope, as "figure current previous" lines.
expected() {
  local s=$1 e=$2 ps=$3 pe=$4 scope=$5
  sqlite3 t.db <<SQL
.mode list
.separator ' '
WITH h AS (SELECT * FROM hazard WHERE status <> 'void' AND ($scope)),
-- status on a day: the to_status of the hazard's last event dated on or before it
status_on(id, day, status) AS (
  SELECT h.id, d.day, (SELECT ev.to_status FROM hazard_event ev WHERE ev.hazard_id = h.id AND ev.on_date <= d.day
                       AND ev.to_status IS NOT NULL ORDER BY ev.on_date DESC, ev.id DESC LIMIT 1)
  FROM h, (SELECT '$e' AS day UNION ALL SELECT '$pe') d),
f(p, s, e, new, new_major, closed, open_start, open_end, overdue, major_open) AS (
  SELECT p, s, e,
    (SELECT count(*) FROM h WHERE found_on BETWEEN s AND e),
    (SELECT count(*) FROM h WHERE found_on BETWEEN s AND e AND level = 'major'),
    (SELECT count(*) FROM h WHERE closed_on BETWEEN s AND e),
    (SELECT count(*) FROM h WHERE found_on < s AND (closed_on IS NULL OR closed_on >= s)),
    (SELECT count(*) FROM h WHERE found_on <= e AND (closed_on IS NULL OR closed_on > e)),
    (SELECT count(*) FROM h JOIN status_on so ON so.id = h.id AND so.day = e
      WHERE so.status IN ('open', 'rectifying') AND h.due_on < e),
    (SELECT count(*) FROM h WHERE found_on <= e AND (closed_on IS NULL OR closed_on > e) AND level = 'major')
  FROM (SELECT 0 AS p, '$s' AS s, '$e' AS e UNION ALL SELECT 1, '$ps', '$pe'))
SELECT 'new', c.new, p.new FROM f c, f p WHERE c.p = 0 AND p.p = 1
UNION ALL SELECT 'new_major', c.new_major, p.new_major FROM f c, f p WHERE c.p = 0 AND p.p = 1
UNION ALL SELECT 'closed', c.closed, p.closed FROM f c, f p WHERE c.p = 0 AND p.p = 1
UNION ALL SELECT 'closure_rate',
  CASE WHEN c.open_start + c.new = 0 THEN 'null' ELSE printf('%.1f', round(100.0 * c.closed / (c.open_start + c.new), 1)) END,
  CASE WHEN p.open_start + p.new = 0 THEN 'null' ELSE printf('%.1f', round(100.0 * p.closed / (p.open_start + p.new), 1)) END
  FROM f c, f p WHERE c.p = 0 AND p.p = 1
UNION ALL SELECT 'open_at_start', c.open_start, p.open_start FROM f c, f p WHERE c.p = 0 AND p.p = 1
UNION ALL SELECT 'open_at_end', c.open_end, p.open_end FROM f c, f p WHERE c.p = 0 AND p.p = 1
UNION ALL SELECT 'overdue_at_end', c.overdue, p.overdue FROM f c, f p WHERE c.p = 0 AND p.p = 1
UNION ALL SELECT 'major_open_at_end', c.major_open, p.major_open FROM f c, f p WHERE c.p = 0 AND p.p = 1;
SQL
}

# The report's headline as the same lines, read from its JSON with SQLite's JSON functions.
reported() {
  sqlite3 t.db <<'SQL'
.mode list
.separator ' '
SELECT json_extract(value, '$.figure'),
  CASE WHEN json_type(value, '$.current') = 'real' THEN printf('%.1f', json_extract(value, '$.current')) ELSE coalesce(json_extract(value, '$.current'), 'null') END,
  CASE WHEN json_type(value, '$.previous') = 'real' THEN printf('%.1f', json_extract(value, '$.previous')) ELSE coalesce(json_extract(value, '$.previous'), 'null') END
FROM json_each(readfile('r.json'), '$.headline');
SQL
}

field() { sqlite3 t.db "SELECT json_extract(readfile('r.json'), '\$.$1')"; }

failures=0
check() {
  local period=$1 scope=$2
  shift 2
  "$bin" report weekly --period "$period" --format json -o r.json "$@"
  local s e ps pe
  s=$(field start) e=$(field end) ps=$(field previous_start) pe=$(field previous_end)
  expected "$s" "$e" "$ps" "$pe" "$scope" >want.txt
  reported >got.txt
  if ! diff -u want.txt got.txt >diff.txt; then
    echo "FAIL: report weekly --period $period $* ($s..$e, previous $ps..$pe): headline differs from plain SQL"
    cat diff.txt
    failures=$((failures + 1))
  else
    echo "ok: --period $period $* ($(tr '\n' ';' <got.txt))"
  fi
  # A week with nothing in it proves nothing: the campaign's weeks must have hazards.
  [ "$(grep -c . got.txt)" = 8 ] || { echo "FAIL: expected 8 headline figures"; failures=$((failures + 1)); }
}

check last-week "1"
check 2021-W35 "1"
check 2021-W36 "1"
check 2021-09 "1"
check 2021-08-16..2021-09-12 "1"
check 2021-W37 "enterprise_id IN (SELECT id FROM enterprise WHERE region_code LIKE '6322%')" --region 海北州
check 2021-W37 "sector = 'coal'" --sector 煤矿
check 2021-09 "level = 'major'" --level major

# The examples must exercise every figure somewhere, or the comparison above is too weak.
for figure in new new_major closed overdue_at_end major_open_at_end; do
  "$bin" report weekly --period 2021-09 --format json -o r.json
  n=$(sqlite3 t.db "SELECT json_extract(value, '\$.current') FROM json_each(readfile('r.json'), '\$.headline') WHERE json_extract(value, '\$.figure') = '$figure'")
  [ "$n" -gt 0 ] || { echo "FAIL: the examples have no '$figure' in 2021-09"; failures=$((failures + 1)); }
done
exit $failures
