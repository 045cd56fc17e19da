#!/usr/bin/env bash
# Privacy (DESIGN §8, README "Privacy"): every file ankang creates — the database and its -wal/-shm
# files, backups, rejects files, -o output — is readable and writable by its owner only (0600),
# whatever the umask, and an -o that replaces an existing readable file leaves it 0600 too.
# Usage: privacy_modes.sh ANKANG_BIN
set -uo pipefail
ANKANG=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=${ANKANG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=skip.bash
source "$root/tests/scripts/skip.bash"
skip_if_told privacy_modes
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ANKANG_USER=tester ANKANG_TODAY=2021-09-10 LC_ALL=C.UTF-8
name=privacy_modes
fail=0
checked=0
expect_private() {  # FILE WHAT
  checked=$((checked + 1))
  if [ ! -f "$1" ]; then echo "$name: FAIL: $2: $1 was not created" >&2; fail=1; return; fi
  local mode
  mode=$(stat -c %a "$1")
  [ "$mode" = 600 ] || { echo "$name: FAIL: $2: $1 has mode $mode, expected 600" >&2; fail=1; }
}

for mask in 000 022; do
  umask $mask
  d="$work/umask$mask"
  mkdir -p "$d"
  db="$d/ankang.db"
  "$ANKANG" --db "$db" init >/dev/null 2>&1 || { echo "$name: FAIL: init" >&2; exit 1; }
  expect_private "$db" "umask $mask: init"
  "$ANKANG" --db "$db" -q db backup "$d/backup.db" >/dev/null 2>&1
  expect_private "$d/backup.db" "umask $mask: db backup"
  "$ANKANG" --db "$db" calendar list --year 2021 --format csv -o "$d/days.csv" >/dev/null 2>&1
  expect_private "$d/days.csv" "umask $mask: calendar list -o"
  # -o over an existing world-readable file: replaced, and private.
  echo old >"$d/old.md"
  chmod 644 "$d/old.md"
  "$ANKANG" --db "$db" calendar list --year 2021 --format md -o "$d/old.md" >/dev/null 2>&1
  expect_private "$d/old.md" "umask $mask: -o over an existing 0644 file"
  grep -q old "$d/old.md" && { echo "$name: FAIL: -o did not replace the old file" >&2; fail=1; }
  "$ANKANG" --db "$db" report weekly --period 2021-W36 -o "$d/weekly.md" >/dev/null 2>&1
  expect_private "$d/weekly.md" "umask $mask: report weekly -o"
  # A rejects file from --skip-invalid: one good row and one with a broken credit code.
  { head -2 "$root/examples/enterprises.csv"; tail -n +3 "$root/examples/enterprises.csv" | head -1 | sed 's/^9/X/'; } >"$d/ent.csv"
  "$ANKANG" --db "$db" -q enterprise import "$d/ent.csv" --skip-invalid --rejects "$d/rejects.csv" >/dev/null 2>&1
  expect_private "$d/rejects.csv" "umask $mask: enterprise import --rejects"
  # Killed mid-import, the database leaves its -wal and -shm behind: private as well. The kill
  # must land while the import runs (exit 137), else there is nothing to check: that fails.
  python3 "$root/scripts/gen_data.py" bench --enterprises 50 --findings 20000 --seed 5 --out "$d/bench" >/dev/null
  "$ANKANG" --db "$db" -q enterprise import "$d/bench/enterprises.csv" >/dev/null 2>&1
  "$ANKANG" --db "$db" -q hazard import "$d/bench/findings.csv" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 200); do [ -f "$db-wal" ] && [ -f "$db-shm" ] && break; sleep 0.02; done
  sleep 0.1
  kill -KILL $pid 2>/dev/null
  wait $pid 2>/dev/null
  rc=$?
  [ $rc = 137 ] || { echo "$name: FAIL: umask $mask: the import was not killed mid-run (exit $rc): no -wal/-shm to check" >&2; fail=1; }
  expect_private "$db-wal" "umask $mask: the database's -wal"
  expect_private "$db-shm" "umask $mask: the database's -shm"
  # Nothing else in the folder is readable by others.
  others=$(find "$d" -maxdepth 1 -type f -perm /077 ! -name ent.csv ! -name '*.tmp' | grep -v '/bench' || true)
  [ -z "$others" ] || { echo "$name: FAIL: umask $mask: readable by others: $others" >&2; fail=1; }
done
# Eight files per umask: database, backup, two -o lists, a report, a rejects file, -wal and -shm.
[ $checked = 16 ] || { echo "$name: FAIL: $checked files checked, expected 16" >&2; fail=1; }
[ $fail = 0 ] && echo "$name: ok: $checked files checked, all 0600"
exit $fail
