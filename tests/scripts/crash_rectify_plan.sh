#!/usr/bin/env bash
# Crash safety of a bulk `ankang rectify plan` (every open hazard at once, one transaction):
# killed with SIGKILL at seeded random moments; after each kill `ankang db check` passes (every
# hazard's status matches its events) and the events and the hazards in rectification are exactly
# those before or those after a complete run.
# Usage: crash_rectify_plan.sh ANKANG_BIN. Env: ANKANG_KILL_TRIALS (default 5), CRASH_SEED (default 1),
# CRASH_FINDINGS (hazards loaded, default 6000).
set -uo pipefail
ANKANG=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=${ANKANG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
crash_name=crash_rectify_plan
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=crash_common.bash
source "$root/tests/scripts/crash_common.bash"
# shellcheck source=skip.bash
source "$root/tests/scripts/skip.bash"
skip_if_told crash_rectify_plan
export ANKANG_USER=tester ANKANG_TODAY=2022-01-31 LC_ALL=C.UTF-8

python3 "$root/scripts/gen_data.py" bench --enterprises 300 --findings "${CRASH_FINDINGS:-6000}" --seed 13 \
  --out "$work/data" >/dev/null || crash_fail "gen_data.py bench failed"
base="$work/base.db"
"$ANKANG" --db "$base" init >/dev/null 2>&1 || crash_fail "init failed"
for step in "enterprise import $work/data/enterprises.csv" "hazard import $work/data/findings.csv"; do
  # shellcheck disable=SC2086  # the step is words
  "$ANKANG" --db "$base" -q $step >"$work/setup.out" 2>&1 || crash_fail "$step failed: $(tail -2 "$work/setup.out")"
done

crash_command() {
  crash_cmd=("$ANKANG" --db "$1" -q rectify plan --status open --owner 马建国 --dept 安全环保部 --deadline +10wd
             --measures "停用整改，更换损坏部件并复查" --funds 5000 --emergency-plan "停产撤人，设置警戒区")
}
crash_counts() {
  echo "$(crash_table_counts "$1" hazard hazard_event)" \
       "rectifying=$(sqlite3 "$1" "SELECT count(*) FROM hazard WHERE status = 'rectifying'")"
}

crash_prepare "$base"
crash_run_trials "$base"
