#!/usr/bin/env bash
# `ankang db backup` taken while another process writes (DESIGN §8; issue 8 "Integrity"): a writer
# loops `hazard add` + `rectify plan` against the database while BACKUP_TRIALS backups are taken
# one after another. Every backup must pass `ankang db check` (integrity, foreign keys, each
# hazard's status matches its events), hold a whole number of commands (every hazard has its
# created event, every planned one its plan event), and the writer must have changed the
# database during the backups (else the test proved nothing). A few seconds.
# Usage: backup_while_writing.sh ANKANG_BIN. Env: BACKUP_TRIALS (default 5).
set -uo pipefail
ANKANG=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=${ANKANG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=skip.bash
source "$root/tests/scripts/skip.bash"
skip_if_told backup_while_writing
trials=${BACKUP_TRIALS:-5}
name=backup_while_writing
work=$(mktemp -d)
writer_pid=
cleanup() {
  [ -n "$writer_pid" ] && kill "$writer_pid" 2>/dev/null && wait "$writer_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
export ANKANG_USER=tester ANKANG_TODAY=2022-01-31 LC_ALL=C.UTF-8
fail() { echo "$name: FAIL: $*" >&2; exit 1; }

# A database of some size (a few MB), so that a backup takes long enough for writes to land in it.
python3 "$root/scripts/gen_data.py" bench --enterprises 100 --findings 1500 --seed 21 --out "$work/data" >/dev/null ||
  fail "gen_data.py bench failed"
db="$work/live.db"
"$ANKANG" --db "$db" init >/dev/null 2>&1 || fail "init failed"
for step in "enterprise import $work/data/enterprises.csv" "hazard import $work/data/findings.csv"; do
  # shellcheck disable=SC2086
  "$ANKANG" --db "$db" -q $step >"$work/setup.out" 2>&1 || fail "$step failed: $(tail -2 "$work/setup.out")"
done
uscc=$(sed -n 2p "$work/data/enterprises.csv" | cut -d, -f1)

# The writer: add a hazard, plan it, again and again, until told to stop; counts its commands.
writer() {
  local k=0 no
  while [ ! -e "$work/stop" ]; do
    k=$((k + 1))
    no=$("$ANKANG" --db "$db" hazard add -e "$uscc" --found 2022-01-10 --by 检查员 --location "备份测试第$k处" \
           --desc "备份时写入 $k：配电箱门未关闭" --category equipment 2>>"$work/writer.err" | grep -o 'YH-[0-9]*-[0-9]*' | head -1)
    [ -n "$no" ] || { echo "add $k failed" >>"$work/writer.err"; continue; }
    "$ANKANG" --db "$db" -q rectify plan "$no" --owner 马建国 --deadline +10wd --measures 加装门锁 >/dev/null 2>>"$work/writer.err" ||
      echo "plan $no failed" >>"$work/writer.err"
    echo "$k" >"$work/writes"
  done
}
count() { sqlite3 -cmd '.timeout 10000' "$1" "$2"; }  # the writer may hold the lock a moment
writer &
writer_pid=$!
for _ in $(seq 100); do [ -s "$work/writes" ] && break; sleep 0.05; done
[ -s "$work/writes" ] || fail "the writer never wrote: $(head -3 "$work/writer.err" 2>/dev/null)"

grew=0
for ((i = 1; i <= trials; i++)); do
  before=$(count "$db" "SELECT count(*) FROM hazard")
  "$ANKANG" --db "$db" db backup "$work/backup$i.db" >"$work/backup.out" 2>&1 || fail "backup $i failed: $(cat "$work/backup.out")"
  after=$(count "$db" "SELECT count(*) FROM hazard")
  "$ANKANG" --db "$work/backup$i.db" db check >"$work/check.out" 2>&1 || fail "backup $i does not pass db check: $(cat "$work/check.out")"
  in_backup=$(count "$work/backup$i.db" "SELECT count(*) FROM hazard")
  # Whole commands only: each hazard has its created event; each one in rectification its plan.
  orphans=$(count "$work/backup$i.db" "SELECT count(*) FROM hazard h WHERE NOT EXISTS
                  (SELECT 1 FROM hazard_event e WHERE e.hazard_id = h.id AND e.kind IN ('created', 'imported'))")
  [ "$orphans" = 0 ] || fail "backup $i: $orphans hazards without their first event"
  [ "$in_backup" -ge "$before" ] && [ "$in_backup" -le "$after" ] ||
    fail "backup $i holds $in_backup hazards, not between $before (before) and $after (after)"
  [ "$after" -gt "$before" ] && grew=$((grew + 1))
  rm -f "$work/backup$i.db"
done
touch "$work/stop"
wait "$writer_pid"
writer_pid=
if [ -s "$work/writer.err" ]; then fail "the writer failed meanwhile: $(sort "$work/writer.err" | uniq -c | head -3)"; fi
[ "$grew" -gt 0 ] || fail "no write landed during any of the $trials backups: nothing was proved"
"$ANKANG" --db "$db" db check >"$work/check.out" 2>&1 || fail "the live database fails db check: $(cat "$work/check.out")"
echo "$name: $trials backups taken while writing ($grew with writes landing during the backup, $(cat "$work/writes") writer rounds): all pass db check"
