#!/usr/bin/env bash
# examples/weekly.sh, the cron job of a union office, run as cron would: it writes last week's
# report to a dated file, private to its owner, equal to `ankang report weekly` for that week.
set -euo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=${ANKANG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin" "$work/reports"
ln -s "$bin" "$work/bin/ankang"
cd "$work"
export PATH="$work/bin:$PATH" ANKANG_DB=$work/t.db ANKANG_TODAY=2021-09-27 ANKANG_USER=tester
ankang -q init
sqlite3 t.db < "$src/tests/e2e/cases/report_weekly/fixture.sql"

fail() { echo "FAIL: $*"; exit 1; }
out=$(bash "$src/examples/weekly.sh" "$work/reports")
[ "$out" = "$work/reports/weekly-2021-W38.md" ] || fail "printed '$out', expected the dated file name"
[ -f reports/weekly-2021-W38.md ] || fail "no reports/weekly-2021-W38.md"
[ "$(stat -c %a reports/weekly-2021-W38.md)" = 600 ] || fail "the report is not private (mode 0600)"
ankang report weekly --period 2021-W38 --charts >expected.md
cmp expected.md reports/weekly-2021-W38.md || fail "the file differs from 'ankang report weekly --period 2021-W38 --charts'"
grep -q '^# 安全生产事故隐患排查治理周报' reports/weekly-2021-W38.md || fail "no title"
grep -q '```mermaid' reports/weekly-2021-W38.md || fail "no charts"

# A week later it writes the next file; extra arguments reach the report.
ANKANG_TODAY=2021-10-04 bash "$src/examples/weekly.sh" reports --region 海北州 >/dev/null
grep -q '海北藏族自治州' reports/weekly-2021-W39.md || fail "--region did not reach the report"
# ANKANG (the binary) may be given instead of PATH.
ANKANG=$bin ANKANG_TODAY=2021-09-06 PATH=/usr/bin:/bin bash "$src/examples/weekly.sh" reports >/dev/null
[ -f reports/weekly-2021-W35.md ] || fail "ANKANG was not honoured"
echo "ok: examples/weekly.sh"
