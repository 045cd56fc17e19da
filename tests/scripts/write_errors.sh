#!/usr/bin/env bash
# Write errors from the file system, made real rather than simulated (the suite runs as root in
# CI, which file permissions do not stop, so mounts do it): in a private mount namespace
# (unshare -rm, as root or not) a small tmpfs is filled up (init must remove the database it
# began) or remounted read-only (a write fails, the database unchanged), and a file's pages are
# overwritten (damaged). Each failing command must exit 1 with one line naming the cause.
# tests/scripts/database_faults.sh has the locked, read-only-file, backup and restore cases.
# Usage: write_errors.sh ANKANG_BIN
set -uo pipefail
ANKANG=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=${ANKANG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=skip.bash
source "$root/tests/scripts/skip.bash"
skip_if_told write_errors
name=write_errors

if [ -z "${WRITE_ERRORS_INSIDE:-}" ]; then
  WRITE_ERRORS_INSIDE=1 exec unshare -rm --propagation private bash "$0" "$@" ||
    { echo "$name: FAIL: cannot make a private mount namespace (unshare -rm)" >&2; exit 1; }
fi

work=$(mktemp -d)
mnt="$work/mnt"
mkdir "$mnt"
trap 'umount "$mnt" 2>/dev/null; rm -rf "$work"' EXIT
export ANKANG_USER=tester ANKANG_TODAY=2022-01-31 LC_ALL=C.UTF-8 ANKANG_LANG=en
fails=0
checks=0
fail() { echo "$name: FAIL: $*" >&2; fails=$((fails + 1)); }
# expect WHAT RC PATTERN: the last command's exit code and its one-line error ($work/err).
expect() {
  checks=$((checks + 1))
  local what=$1 want_rc=$2 pattern=$3
  [ "$rc" = "$want_rc" ] || fail "$what: exit $rc, expected $want_rc: $(head -3 "$work/err")"
  grep -q -- "$pattern" "$work/err" || fail "$what: the error does not say '$pattern': $(head -3 "$work/err")"
  [ "$(grep -c '^ankang: error:' "$work/err")" = 1 ] || fail "$what: not one error line: $(head -5 "$work/err")"
  grep -qi 'sqlite code\|SQLITE_' "$work/err" && fail "$what: a raw SQLite code reached the user: $(head -3 "$work/err")"
  return 0
}
fill() {  # fills the tmpfs to the last block
  dd if=/dev/zero of="$mnt/fill" bs=4k >/dev/null 2>&1
  return 0
}
counts() { sqlite3 "$1" "SELECT (SELECT count(*) FROM hazard) || ' hazards, ' || (SELECT count(*) FROM hazard_event) || ' events'"; }

python3 "$root/scripts/gen_data.py" bench --enterprises 30 --findings 3000 --seed 3 --out "$work/data" >/dev/null ||
  { echo "$name: FAIL: gen_data.py failed" >&2; exit 1; }
big="$work/big.db"
"$ANKANG" --db "$big" -q init && "$ANKANG" --db "$big" -q enterprise import "$work/data/enterprises.csv" &&
  "$ANKANG" --db "$big" -q hazard import "$work/data/findings.csv" >"$work/setup" 2>&1 || { echo "$name: FAIL: setup: $(tail -3 "$work/setup")" >&2; exit 1; }

mount -t tmpfs -o size=4m,mode=0700 tmpfs "$mnt" || { echo "$name: FAIL: cannot mount a tmpfs" >&2; exit 1; }

# 1. init on a full disk: fails, and removes the file it began (and any -wal/-shm).
fill
"$ANKANG" --db "$mnt/new.db" init >/dev/null 2>"$work/err"; rc=$?
expect "init on a full disk" 1 "disk is full"
[ -z "$(ls "$mnt" | grep -v '^fill$')" ] || fail "init on a full disk left files behind: $(ls "$mnt")"
rm -f "$mnt/fill"

# 2. a database on the tmpfs for the next case.
db="$mnt/t.db"
"$ANKANG" --db "$db" -q init && "$ANKANG" --db "$db" -q enterprise import "$work/data/enterprises.csv" ||
  fail "setup on the tmpfs"
before=$(counts "$db")

# 3. a read-only file system: a write command fails naming it; nothing changes.
uscc=$(sed -n 2p "$work/data/enterprises.csv" | cut -d, -f1)
mount -o remount,ro "$mnt" || fail "cannot remount read-only"
"$ANKANG" --db "$db" hazard add -e "$uscc" --desc 配电箱未接地 >/dev/null 2>"$work/err"; rc=$?
expect "hazard add on a read-only file system" 1 "read-only\|cannot be opened for writing"
mount -o remount,rw "$mnt"
[ "$(counts "$db")" = "$before" ] || fail "hazard add on a read-only file system changed the database"

# 4. a damaged file: pages overwritten in the middle; reading them fails as damaged.
bad="$work/bad.db"
cp "$big" "$bad"
size=$(stat -c %s "$bad")
dd if=/dev/urandom of="$bad" bs=16384 seek=3 count=$((size / 16384 - 4)) conv=notrunc 2>/dev/null
"$ANKANG" --db "$bad" hazard list --all --format csv >/dev/null 2>"$work/err"; rc=$?
expect "hazard list on a damaged file" 1 "damaged"

echo "$name: $checks failures checked, $fails wrong"
[ $fails = 0 ]
