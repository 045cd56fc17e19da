#!/usr/bin/env bash
# Crash safety of `ankang hazard import` (DESIGN §2: a command happens whole or not at all):
# imports a large generated findings sheet and kills it with SIGKILL at seeded random moments;
# after each kill `ankang db check` passes and hazard, hazard_event, inspection and import_batch
# counts are exactly those before the import or those after a complete one.
# Usage: crash_import.sh ANKANG_BIN. Env: ANKANG_KILL_TRIALS (default 5), CRASH_SEED (default 1),
# CRASH_FINDINGS (rows in the sheet, default 6000: long enough a run that most kills land inside it).
set -uo pipefail
ANKANG=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=${ANKANG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
crash_name=crash_import
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=crash_common.bash
source "$root/tests/scripts/crash_common.bash"
# shellcheck source=skip.bash
source "$root/tests/scripts/skip.bash"
skip_if_told crash_import
export ANKANG_USER=tester ANKANG_TODAY=2022-01-31 LC_ALL=C.UTF-8

python3 "$root/scripts/gen_data.py" bench --enterprises 300 --findings "${CRASH_FINDINGS:-6000}" --seed 11 \
  --out "$work/data" >/dev/null || crash_fail "gen_data.py bench failed"
python3 "$root/scripts/gen_data.py" bench --enterprises 300 --findings 40 --seed 11 --out "$work/data0" >/dev/null

base="$work/base.db"
"$ANKANG" --db "$base" init >/dev/null 2>&1 || crash_fail "init failed"
"$ANKANG" --db "$base" -q enterprise import "$work/data/enterprises.csv" >"$work/setup.out" 2>&1 ||
  crash_fail "enterprise import failed: $(tail -2 "$work/setup.out")"
# Something there before, so that "before" is not simply empty.
"$ANKANG" --db "$base" -q hazard import "$work/data0/findings.csv" >"$work/setup.out" 2>&1 ||
  crash_fail "the small hazard import failed: $(tail -2 "$work/setup.out")"

crash_command() { crash_cmd=("$ANKANG" --db "$1" -q hazard import "$work/data/findings.csv"); }
crash_counts() { crash_table_counts "$1" hazard hazard_event inspection import_batch; }

crash_prepare "$base"
crash_run_trials "$base"
