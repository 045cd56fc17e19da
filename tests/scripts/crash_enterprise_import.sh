#!/usr/bin/env bash
# Crash safety of `ankang enterprise import`: a large generated enterprises sheet, killed with
# SIGKILL at seeded random moments; after each kill `ankang db check` passes and the enterprise,
# enterprise_sector and import_batch counts are exactly those before or after a complete import.
# Usage: crash_enterprise_import.sh ANKANG_BIN. Env: ANKANG_KILL_TRIALS (default 5), CRASH_SEED (default 1),
# CRASH_ENTERPRISES (rows in the sheet, default 3000).
set -uo pipefail
ANKANG=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=${ANKANG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
crash_name=crash_enterprise_import
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=crash_common.bash
source "$root/tests/scripts/crash_common.bash"
# shellcheck source=skip.bash
source "$root/tests/scripts/skip.bash"
skip_if_told crash_enterprise_import
export ANKANG_USER=tester ANKANG_TODAY=2022-01-31 LC_ALL=C.UTF-8

python3 "$root/scripts/gen_data.py" bench --enterprises "${CRASH_ENTERPRISES:-3000}" --findings 1 --seed 12 \
  --out "$work/data" >/dev/null || crash_fail "gen_data.py bench failed"
base="$work/base.db"
"$ANKANG" --db "$base" init >/dev/null 2>&1 || crash_fail "init failed"
# Something there before: the example enterprises.
"$ANKANG" --db "$base" -q enterprise import "$root/examples/enterprises.csv" >"$work/setup.out" 2>&1 ||
  crash_fail "importing examples/enterprises.csv failed: $(tail -2 "$work/setup.out")"

crash_command() { crash_cmd=("$ANKANG" --db "$1" -q enterprise import "$work/data/enterprises.csv"); }
crash_counts() { crash_table_counts "$1" enterprise enterprise_sector import_batch; }

crash_prepare "$base"
crash_run_trials "$base"
