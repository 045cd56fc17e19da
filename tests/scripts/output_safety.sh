#!/usr/bin/env bash
# Output files and standard output that can be trusted:
# - an output path (-o, --rejects, the FILE of db backup) that is the database, its -wal or -shm,
#   or an input of the command, however spelt (./, ../, an absolute path, a symbolic or a hard
#   link) is refused with exit 2, and the database and the input stay as they were;
# - a failed write to standard output (/dev/full, and a full file system: a 64 KiB tmpfs when run
#   as root) exits 1 with "writing standard output: No space left on device"; a closed pipe
#   (SIGPIPE ignored by the parent, or not) ends quietly, without a message;
# - SIGINT, SIGTERM or SIGHUP during an -o write or an import with --rejects leave no *.tmp.*
#   file behind.
# Usage: output_safety.sh ANKANG_BIN
set -uo pipefail
ANKANG=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=${ANKANG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
name=output_safety
work=$(mktemp -d)
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

"$ANKANG" --db union.db init >/dev/null 2>&1 || { fail "init"; exit 1; }
"$ANKANG" --db union.db -q enterprise import "$root/examples/enterprises.csv" >/dev/null 2>&1 || { fail "enterprise import"; exit 1; }
"$ANKANG" --db union.db -q hazard import "$root/examples/findings-2021.csv" >/dev/null 2>&1 || { fail "hazard import"; exit 1; }
db_sum=$(sha256sum union.db | cut -d' ' -f1)
hazards() { sqlite3 union.db "SELECT count(*) FROM hazard"; }
before=$(hazards)

# ---- outputs that would destroy an input --------------------------------------------------------
mkdir -p sub
ln -s union.db link.db
ln union.db hard.db
refused() {  # LABEL EXPECTED-TEXT ARGS…
  local label=$1 expected=$2; shift 2
  "$ANKANG" --db union.db --lang en "$@" >out.txt 2>err.txt
  local rc=$?
  [ "$rc" = 2 ] || fail "$label: exit $rc, expected 2 ($(cat err.txt))"
  grep -qF -- "$expected" err.txt || fail "$label: stderr lacks '$expected': $(cat err.txt)"
}
refused "report -o the database" "is the database 'union.db'" report weekly -o union.db
refused "-o ./union.db" "is the database" report weekly -o ./union.db
refused "-o sub/../union.db" "is the database" hazard list -o sub/../union.db
refused "-o absolute path" "is the database" hazard export --format csv -o "$work/union.db"
refused "-o a symbolic link to it" "is the database" report weekly -o link.db
refused "-o a hard link to it" "is the database" report weekly -o hard.db
refused "-o the -wal" "is the database's 'union.db-wal'" report weekly -o union.db-wal
refused "-o the -shm" "is the database's 'union.db-shm'" report weekly -o ./union.db-shm
refused "backup onto the database" "is the database" db backup ./union.db
refused "backup onto a link to it" "is the database" db backup link.db
cp "$root/examples/findings-2021.csv" findings.csv
sheet_sum=$(sha256sum findings.csv | cut -d' ' -f1)
refused "--rejects the database" "is the database" hazard import findings.csv --skip-invalid --rejects union.db
refused "--rejects the input sheet" "is the input file 'findings.csv'" hazard import findings.csv --skip-invalid --rejects ./findings.csv
refused "enterprise --rejects the input" "is the input file" enterprise import findings.csv --skip-invalid --rejects sub/../findings.csv
"$ANKANG" --db union.db report weekly -o union.db >/dev/null 2>err.txt
grep -qF -- "-o 'union.db' 就是数据库 'union.db'" err.txt || fail "the refusal is not in Chinese by default: $(cat err.txt)"
[ "$(sha256sum findings.csv | cut -d' ' -f1)" = "$sheet_sum" ] || fail "the input sheet changed"
[ "$(hazards)" = "$before" ] || fail "the database lost hazards: $(hazards), was $before"
"$ANKANG" --db union.db db check >/dev/null 2>&1 || fail "db check fails after the refusals"
# A different file of the same name elsewhere is fine.
"$ANKANG" --db union.db report weekly -o sub/union.db >/dev/null 2>err.txt || fail "-o sub/union.db: $(cat err.txt)"

# ---- standard output ----------------------------------------------------------------------------
full() {  # LABEL ARGS…: stdout on /dev/full
  local label=$1; shift
  "$ANKANG" --db union.db --lang en "$@" >/dev/full 2>err.txt
  local rc=$?
  [ "$rc" = 1 ] || fail "$label > /dev/full: exit $rc, expected 1"
  grep -qxF "ankang: error: writing standard output: No space left on device" err.txt ||
    fail "$label > /dev/full: stderr is '$(cat err.txt)'"
}
full "report weekly" report weekly
full "hazard show" hazard show 1
full "calendar add-days" calendar add-days 2025-09-30 +5wd
full "hazard export" hazard export --format csv
full "hazard list" hazard list
full "help" --help
full "version" --version
"$ANKANG" --db union.db report weekly >/dev/full 2>err.txt
grep -qxF "ankang: error: 写入标准输出失败: 磁盘空间不足" err.txt || fail "the stdout error is not in Chinese by default: $(cat err.txt)"
"$ANKANG" --db union.db --lang en report weekly -o /dev/full 2>err.txt
rc=$?
[ "$rc" = 1 ] && grep -qF "cannot write /dev/full: No space left on device" err.txt || fail "-o /dev/full: exit $rc, $(cat err.txt)"

# A closed pipe: quiet, whether the parent ignores SIGPIPE or not.
python3 "$root/scripts/gen_data.py" bench --enterprises 40 --findings 3000 --seed 14 --out data >/dev/null || fail "gen_data"
"$ANKANG" --db big.db init >/dev/null 2>&1
"$ANKANG" --db big.db -q enterprise import data/enterprises.csv >/dev/null 2>&1
"$ANKANG" --db big.db -q hazard import data/findings.csv >/dev/null 2>&1 || fail "big import"
"$ANKANG" --db big.db hazard list 2>err.txt | head -1 >/dev/null
[ -s err.txt ] && fail "hazard list | head printed: $(cat err.txt)"
python3 - "$ANKANG" <<'EOF' || fail "with SIGPIPE ignored, a closed pipe is not quiet"
import signal, subprocess, sys
# The child inherits SIG_IGN for SIGPIPE: its writes fail with EPIPE instead of killing it.
p = subprocess.Popen([sys.argv[1], "--db", "big.db", "hazard", "export", "--format", "csv"],
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                     preexec_fn=lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN))
p.stdout.read(100)
p.stdout.close()
err = p.stderr.read()
rc = p.wait()
if err:
    print("stderr:", err.decode(), file=sys.stderr)
    sys.exit(1)
if rc == 0:
    print("exit 0 after a closed pipe", file=sys.stderr)
    sys.exit(1)
EOF

# A full file system (root only: a 64 KiB tmpfs).
if [ "$(id -u)" = 0 ] && mkdir -p small && mount -t tmpfs -o size=64k tmpfs small 2>/dev/null; then
  mounted=$work/small
  "$ANKANG" --db big.db --lang en hazard export --format csv >small/export.csv 2>err.txt
  rc=$?
  [ "$rc" = 1 ] || fail "export > full tmpfs: exit $rc, expected 1"
  grep -qxF "ankang: error: writing standard output: No space left on device" err.txt ||
    fail "export > full tmpfs: stderr is '$(cat err.txt)'"
  rm -f small/export.csv
  "$ANKANG" --db big.db --lang en hazard export --format csv -o small/export.csv 2>err.txt
  rc=$?
  [ "$rc" = 1 ] && grep -qF "cannot write small/export.csv: No space left on device" err.txt ||
    fail "export -o full tmpfs: exit $rc, $(cat err.txt)"
  left=$(ls -A small)
  [ -z "$left" ] || fail "export -o a full tmpfs left: $left"
  umount small && mounted=
else
  echo "$name: disk-full cases skipped: they need root to mount a small tmpfs"
fi

# ---- signals: no temporary file left behind -----------------------------------------------------
python3 "$root/scripts/gen_data.py" bench --enterprises 40 --findings 30000 --bad-fraction 0.2 --seed 15 --out bad >/dev/null ||
  fail "gen_data (bad rows)"
caught=0
interrupt() {  # SIGNAL PATTERN ARGS…: start ARGS, signal it once PATTERN exists, check nothing is left
  local sig=$1 pattern=$2; shift 2
  rm -f $pattern
  # Through exec from python: a background job of a script starts with SIGINT ignored, and an
  # ignored signal stays ignored (as under nohup).
  python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])' \
    "$ANKANG" "$@" >/dev/null 2>&1 &
  local pid=$! k
  for k in $(seq 400); do
    compgen -G "$pattern" >/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  if compgen -G "$pattern" >/dev/null; then
    kill -s "$sig" "$pid"
    caught=$((caught + 1))
    wait "$pid" 2>/dev/null
    local rc=$?
    [ "$rc" -gt 128 ] || echo "$name: SIG$sig during '$*' arrived late (exit $rc)"
  fi
  wait "$pid" 2>/dev/null
  local left
  left=$(compgen -G "$pattern")
  [ -z "$left" ] || fail "SIG$sig during '$*' left $left"
}
for sig in INT TERM HUP; do
  cp big.db "sig-$sig.db"
  interrupt "$sig" "export-$sig.csv.tmp.*" --db "sig-$sig.db" hazard export --format csv -o "export-$sig.csv"
  interrupt "$sig" "rejects-$sig.csv.tmp.*" --db "sig-$sig.db" hazard import bad/findings.csv --skip-invalid \
    --rejects "rejects-$sig.csv"
done
[ "$caught" -gt 0 ] || echo "$name: no signal arrived while a temporary file existed (the machine was too fast): nothing proved"

# Every -o file is complete: fsync is not observable here, the rename is.
"$ANKANG" --db big.db hazard export --format csv -o whole.csv 2>/dev/null
[ "$(wc -l <whole.csv)" = "$("$ANKANG" --db big.db hazard export --format csv | wc -l)" ] || fail "-o whole.csv differs from stdout"

[ "$(sha256sum union.db | cut -d' ' -f1)" = "$db_sum" ] || sqlite3 union.db "PRAGMA integrity_check" | grep -qx ok ||
  fail "union.db damaged"
[ "$failures" = 0 ] || exit 1
echo "$name: ok ($caught signals caught during a write)"
