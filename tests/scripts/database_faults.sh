#!/usr/bin/env bash
# Faults of the database and what each gives: one clear message naming the file and what to do,
# from the one translation of SQLite's errors (lib/store/sqlite_error.cpp), never "SQLite code N":
# - a read-only database, and a read-only -shm left beside a writable database by another user
#   (run as 'nobody' when the suite runs as root, so that file modes bind);
# - a database locked by another process past the 10 s busy timeout;
# - a full disk under the database (root only: a small tmpfs);
# - damaged data: a hazard whose enterprise row is gone makes every list and report name the
#   hazard and suggest 'db check', and 'db check' reports the dangling reference;
# - db backup and db restore: the restore checks the backup, keeps the current file (with its
#   -wal) as NAME.before-restore-<UTC time>, removes a stale -wal; a backup on a full disk or
#   stopped by SIGTERM leaves nothing behind; a damaged or foreign backup changes nothing.
# Usage: database_faults.sh ANKANG_BIN. About 15 s (the lock case waits out the busy timeout).
set -uo pipefail
src_bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=${ANKANG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
name=database_faults
work=$(mktemp -d)
chmod 755 "$work"
mounted=
cleanup() {
  [ -n "$mounted" ] && umount "$mounted" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
export ANKANG_USER=tester ANKANG_TODAY=2021-12-31 LC_ALL=C.UTF-8
failures=0
fail() { echo "$name: FAIL: $*" >&2; failures=$((failures + 1)); }
cd "$work" || exit 1
# A copy of the binary that another user can run too.
cp "$src_bin" ./ankang && chmod 755 ./ankang
ANKANG=$work/ankang

# As root, file modes do not bind: the faults of modes are tried as 'nobody'.
if [ "$(id -u)" = 0 ]; then
  as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; }
  own() { chown -R 65534:65534 "$@"; }
else
  as_user() { "$@"; }
  own() { :; }
fi
expect() {  # LABEL RC TEXT: the last command's exit code and stderr (err.txt)
  [ "$last_rc" = "$2" ] || fail "$1: exit $last_rc, expected $2 ($(cat err.txt))"
  grep -qF -- "$3" err.txt || fail "$1: stderr lacks '$3': $(cat err.txt)"
  grep -q "SQLite code" err.txt && fail "$1: a raw SQLite code: $(cat err.txt)"
}
run() { "$@" >out.txt 2>err.txt; last_rc=$?; }

mkdir -p modes
"$ANKANG" --db modes/union.db init >/dev/null 2>&1
"$ANKANG" --db modes/union.db -q enterprise import "$root/examples/enterprises.csv" >/dev/null 2>&1
own modes
uscc=916322245160049509
add() { as_user "$ANKANG" --db "$1" --lang en hazard add -e $uscc --found 2021-12-01 --location 副井口 --desc "$2" --level general; }

# ---- read-only database -------------------------------------------------------------------------
chmod 0400 modes/union.db
run add modes/union.db "井口防护栏缺失"
expect "read-only database" 1 "cannot write modes/union.db: modes/union.db is read-only"
chmod 0600 modes/union.db
# The failed write left a -shm with the database's 0400 mode (SQLite gives it the database's):
# that is the next case. Gone, the database is writable again.
rm -f modes/union.db-shm modes/union.db-wal

# ---- a read-only -shm beside a writable database ------------------------------------------------
run add modes/union.db "井口防护栏缺失"
[ "$last_rc" = 0 ] || fail "hazard add on the writable database: $(cat err.txt)"
touch modes/union.db-shm && chmod 0400 modes/union.db-shm
[ "$(id -u)" = 0 ] && chown 0:0 modes/union.db-shm  # left by another user
run add modes/union.db "副井口积水"
expect "read-only -shm" 1 "cannot write modes/union.db: modes/union.db-shm is read-only"
grep -qF "remove modes/union.db-shm" err.txt || fail "read-only -shm: the hint does not say to remove it: $(cat err.txt)"
rm -f modes/union.db-shm
run as_user "$ANKANG" --db modes/union.db db check
[ "$last_rc" = 0 ] || fail "db check after the read-only -shm: $(cat out.txt err.txt)"

# ---- locked past the busy timeout ---------------------------------------------------------------
"$ANKANG" --db locked.db init >/dev/null 2>&1
python3 - locked.db <<'EOF' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
open("locked.ready", "w").close()
time.sleep(14)
c.execute("ROLLBACK")
EOF
locker=$!
for _ in $(seq 200); do [ -e locked.ready ] && break; sleep 0.05; done
run "$ANKANG" --db locked.db --lang en calendar add 2021-07-01 --off --name 测试
expect "locked database" 1 "locked.db stayed locked by another process for 10 s"
grep -qF "try again when the other ankang command has finished" err.txt || fail "locked: no hint: $(cat err.txt)"
wait "$locker"

# ---- damaged data: a hazard whose enterprise is gone --------------------------------------------
"$ANKANG" --db damaged.db init >/dev/null 2>&1
"$ANKANG" --db damaged.db -q enterprise import "$root/examples/enterprises.csv" >/dev/null 2>&1
"$ANKANG" --db damaged.db -q hazard import "$root/examples/findings-2021.csv" >/dev/null 2>&1
gone=$(sqlite3 damaged.db "SELECT enterprise_id FROM hazard ORDER BY id LIMIT 1")
first=$(sqlite3 damaged.db "SELECT no FROM hazard WHERE enterprise_id = $gone ORDER BY id LIMIT 1")
sqlite3 damaged.db "PRAGMA foreign_keys = OFF; DELETE FROM enterprise WHERE id = $gone"
for cmd in "report weekly" "report summary --by sector" "report overdue" "report quarterly --quarter 2021Q3" \
  "hazard list" "hazard export --format csv" "rectify overdue" "rectify due"; do
  # shellcheck disable=SC2086
  run "$ANKANG" --db damaged.db --lang en $cmd
  expect "damaged: $cmd" 1 "damaged data: hazard $first refers to enterprise #$gone, which is not in the database"
  grep -qF "run 'ankang db check'" err.txt || fail "damaged: $cmd: no db check hint"
  grep -q "map::at" err.txt && fail "damaged: $cmd: map::at"
done
run "$ANKANG" --db damaged.db report weekly
expect "damaged, in Chinese" 1 "数据已损坏：隐患 $first 引用的企业 #$gone 不在数据库中"
run "$ANKANG" --db damaged.db --lang en db check
[ "$last_rc" = 1 ] || fail "db check on damaged data: exit $last_rc"
grep -qF "foreign keys: FAILED" out.txt && grep -qF "hazard row" out.txt && grep -qF "refers to a missing enterprise" out.txt ||
  fail "db check does not report the dangling reference: $(cat out.txt)"

# An inspection whose enterprise is gone (an enterprise with inspections but no hazards): the
# inspection list names it instead of leaving it out.
"$ANKANG" --db damaged2.db init >/dev/null 2>&1
"$ANKANG" --db damaged2.db -q enterprise import "$root/examples/enterprises.csv" >/dev/null 2>&1
"$ANKANG" --db damaged2.db -q --today 2021-09-06 inspection add --enterprise 2 --on 2021-09-06 --kind special \
  --inspectors 张建国 >/dev/null 2>&1 || fail "damaged2: inspection add failed"
inspection=$(sqlite3 damaged2.db "SELECT id FROM inspection WHERE enterprise_id = 2")
[ -n "$inspection" ] || fail "damaged2: no inspection recorded"
sqlite3 damaged2.db "PRAGMA foreign_keys = OFF; DELETE FROM enterprise WHERE id = 2"
run "$ANKANG" --db damaged2.db --lang en inspection list
expect "damaged: inspection list" 1 "damaged data: inspection #$inspection (2021-09-06) refers to enterprise #2, which is not in the database"
grep -qF "run 'ankang db check'" err.txt || fail "damaged: inspection list: no db check hint"

# ---- backup and restore -------------------------------------------------------------------------
"$ANKANG" --db live.db init >/dev/null 2>&1
"$ANKANG" --db live.db -q enterprise import "$root/examples/enterprises.csv" >/dev/null 2>&1
"$ANKANG" --db live.db -q hazard import "$root/examples/findings-2021.csv" >/dev/null 2>&1
count() { sqlite3 "$1" "SELECT count(*) FROM hazard"; }
in_backup=$(count live.db)
run "$ANKANG" --db live.db db backup backup.db
[ "$last_rc" = 0 ] || fail "backup: $(cat err.txt)"
[ "$(stat -c %a backup.db)" = 600 ] || fail "backup mode $(stat -c %a backup.db)"
compgen -G "backup.db.tmp.*" >/dev/null && fail "backup left a temporary file"
# More hazards land after the backup, and stay in a -wal that a hand copy would replay.
python3 - live.db <<'EOF'
import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("PRAGMA wal_autocheckpoint = 0")
c.execute("BEGIN")
for k in range(50):
    c.execute("""INSERT INTO hazard (uuid, no, enterprise_id, sector, found_on, location, description, category, level,
                 status, dedupe_key, created_at, updated_at)
                 SELECT 'uuid-wal-' || ?1, 'WAL-' || ?1, enterprise_id, sector, found_on, location, description || ?1,
                        category, level, status, dedupe_key + 1000003 * (?1 + 1), created_at, updated_at FROM hazard LIMIT 1""", (k,))
c.execute("COMMIT")
os._exit(0)  # no close: the -wal stays, as after a crash
EOF
[ -s live.db-wal ] || fail "the test could not leave a -wal beside live.db"
after=$(sqlite3 live.db "SELECT count(*) FROM hazard")
run "$ANKANG" --db live.db --lang en db restore backup.db
[ "$last_rc" = 0 ] || fail "restore: exit $last_rc: $(cat err.txt)"
kept=$(compgen -G "live.db.before-restore-*T*Z" | grep -v -- '-wal$' | head -1)
[ -n "$kept" ] || fail "restore kept no live.db.before-restore-<UTC time>: $(ls)"
grep -qF "the database as it was is kept as $kept" err.txt || fail "restore does not name the kept file: $(cat err.txt)"
[ "$(count live.db)" = "$in_backup" ] || fail "restored database holds $(count live.db) hazards, the backup $in_backup"
[ -n "$kept" ] && { [ "$(count "$kept")" = "$after" ] || fail "the kept database holds $(count "$kept"), was $after"; }
"$ANKANG" --db live.db db check >/dev/null 2>&1 || fail "db check after restore"
[ "$(count live.db)" = "$in_backup" ] || fail "a stale -wal came back after restore: $(count live.db)"
compgen -G "live.db.tmp.*" >/dev/null && fail "restore left a temporary file"

# A restore that must not happen: the database stays as it is.
live_sum=$(sha256sum live.db | cut -d' ' -f1)
head -c 40000 backup.db >truncated.db
printf 'not a database at all, just text\n%.0s' $(seq 200) >text.db
cp backup.db broken.db
sqlite3 broken.db "PRAGMA foreign_keys = OFF; DELETE FROM enterprise WHERE id = (SELECT enterprise_id FROM hazard LIMIT 1)"
run "$ANKANG" --db live.db --lang en db restore missing.db
expect "restore a missing file" 4 "no backup at missing.db"
run "$ANKANG" --db live.db --lang en db restore ./live.db
expect "restore the database itself" 2 "is the database itself"
run "$ANKANG" --db live.db --lang en db restore text.db
expect "restore a text file" 5 "text.db is not a SQLite database"
run "$ANKANG" --db live.db --lang en db restore truncated.db
[ "$last_rc" != 0 ] || fail "restore of a truncated backup succeeded"
run "$ANKANG" --db live.db --lang en db restore broken.db
expect "restore a backup failing db check" 5 "the backup broken.db fails the check: rows refer to missing records"
[ "$(sha256sum live.db | cut -d' ' -f1)" = "$live_sum" ] || fail "a refused restore changed live.db"
compgen -G "live.db.tmp.*" >/dev/null && fail "a refused restore left a temporary file"

# A backup stopped by SIGTERM: no file under the final name, no temporary file.
python3 "$root/scripts/gen_data.py" bench --enterprises 40 --findings 20000 --seed 16 --out data >/dev/null
"$ANKANG" --db big.db init >/dev/null 2>&1
"$ANKANG" --db big.db -q enterprise import data/enterprises.csv >/dev/null 2>&1
"$ANKANG" --db big.db -q hazard import data/findings.csv >/dev/null 2>&1
"$ANKANG" --db big.db db backup stopped.db >/dev/null 2>&1 &
pid=$!
for _ in $(seq 400); do compgen -G "stopped.db.tmp.*" >/dev/null && break; kill -0 $pid 2>/dev/null || break; sleep 0.005; done
kill -TERM $pid 2>/dev/null
wait $pid
stopped_rc=$?
if [ "$stopped_rc" = 0 ]; then
  echo "$name: the backup ended before SIGTERM arrived: the signal case proved nothing"
  "$ANKANG" --db stopped.db db check >/dev/null 2>&1 || fail "the finished backup fails db check"
else
  [ -e stopped.db ] && fail "SIGTERM during backup left stopped.db"
fi
compgen -G "stopped.db.tmp.*" >/dev/null && fail "SIGTERM during backup left $(compgen -G 'stopped.db.tmp.*')"

# ---- a full disk (root only) --------------------------------------------------------------------
# (3 MB: room for a new database with its -wal and the enterprises, not for 20000 findings)
if [ "$(id -u)" = 0 ] && mkdir -p small && mount -t tmpfs -o size=3072k tmpfs small 2>/dev/null; then
  mounted=$work/small
  run "$ANKANG" --db big.db --lang en db backup small/b.db
  expect "backup on a full disk" 1 "cannot write small/b.db: the disk is full"
  [ -z "$(ls -A small)" ] || fail "a backup on a full disk left: $(ls -A small)"
  run "$ANKANG" --db small/union.db init
  if [ "$last_rc" = 0 ]; then
    run "$ANKANG" --db small/union.db -q enterprise import data/enterprises.csv
    run "$ANKANG" --db small/union.db --lang en -q hazard import data/findings.csv
    expect "import on a full disk" 1 "cannot write small/union.db: the disk is full"
    grep -qF "free space on its disk" err.txt || fail "full disk: no hint: $(cat err.txt)"
    [ "$(count small/union.db)" = 0 ] || fail "a failed import wrote hazards"
  else
    fail "init on the small tmpfs: $(cat err.txt)"
  fi
  umount small && mounted=
else
  echo "$name: disk-full cases skipped: they need root to mount a small tmpfs"
fi

[ "$failures" = 0 ] || exit 1
echo "$name: ok"
