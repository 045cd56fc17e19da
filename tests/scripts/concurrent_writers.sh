#!/usr/bin/env bash
# Concurrent writers (DESIGN §8: a busy timeout so two processes can write at once): 2, then 4
# processes each run CONCURRENT_COMMANDS one-shot commands (hazard add → rectify plan → rectify
# progress on the hazard just added, over and over) against one database at once, while a reader
# runs `report weekly --format json` in a loop. Every command must succeed (no "database is
# locked" reaches anyone), every row must be there, `ankang db check` must pass (each hazard's
# status matches its events), and every report must exit 0 with whole JSON whose count of new
# hazards never goes down.
# Usage: concurrent_writers.sh ANKANG_BIN. Env: CONCURRENT_COMMANDS (per process, default 30;
# the issue's full run is 200), CONCURRENT_PROCESSES (default "2 4").
set -uo pipefail
ANKANG=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=${ANKANG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=skip.bash
source "$root/tests/scripts/skip.bash"
skip_if_told concurrent_writers
per_process=${CONCURRENT_COMMANDS:-30}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ANKANG_USER=tester ANKANG_TODAY=2021-09-10 LC_ALL=C.UTF-8
name=concurrent_writers
fail() { echo "$name: FAIL: $*" >&2; exit 1; }

db="$work/shared.db"
"$ANKANG" --db "$db" init >/dev/null 2>&1 || fail "init failed"
"$ANKANG" --db "$db" -q enterprise import "$root/examples/enterprises.csv" >"$work/setup.out" 2>&1 ||
  fail "enterprise import failed: $(tail -2 "$work/setup.out")"
mapfile -t usccs < <(tail -n +2 "$root/examples/enterprises.csv" | cut -d, -f1)
[ ${#usccs[@]} -gt 10 ] || fail "no enterprises in examples/enterprises.csv"

count() { sqlite3 "$db" "$1"; }

# One writer: COUNT commands, cycling add → plan → progress. Logs "kind rc" per command.
writer() {  # ID COUNT
  local id=$1 n=$2 k no="" rc out
  for ((k = 0; k < n; k++)); do
    case $((k % 3)) in
      0)
        out=$("$ANKANG" --db "$db" hazard add -e "${usccs[$(((id * 7 + k) % ${#usccs[@]}))]}" --found 2021-09-0$((1 + k % 9)) \
                --by "检查员$id" --location "$id号车间第$k处" --desc "并发测试 $id-$k：配电箱门未关闭，线路裸露" \
                --category equipment 2>>"$work/writer$id.err")
        rc=$?
        no=$(grep -o 'YH-[0-9]*-[0-9]*' <<<"$out" | head -1)
        [ $rc != 0 ] || [ -n "$no" ] || { echo "hazard add printed no number: $out" >>"$work/writer$id.err"; rc=99; }
        echo "add $rc" ;;
      1)
        "$ANKANG" --db "$db" -q rectify plan "$no" --owner "责任人$id" --dept 设备部 --deadline +10wd \
          --measures "更换配电箱门锁，线路穿管" --funds 2000 >/dev/null 2>>"$work/writer$id.err"
        echo "plan $?" ;;
      2)
        "$ANKANG" --db "$db" -q rectify progress "$no" --note "已完成线路穿管 $id-$k" >/dev/null 2>>"$work/writer$id.err"
        echo "progress $?" ;;
    esac
  done >"$work/writer$id.log"
}

# The reader: weekly reports until told to stop; each one's exit code and "new" figure.
reader() {
  local i=0
  while [ ! -e "$work/stop" ]; do
    i=$((i + 1))
    "$ANKANG" --db "$db" report weekly --period 2021-W35 --format json >"$work/report.json" 2>>"$work/reader.err"
    echo "$? $(python3 "$work/new.py" "$work/report.json")"
  done >"$work/reader.log"
}
cat >"$work/new.py" <<'EOF_PY'
# Prints the report's count of new hazards, or "bad-json" when the output is not whole JSON.
import json, sys
try:
    doc = json.load(open(sys.argv[1], encoding="utf-8"))
except Exception:
    print("bad-json"); sys.exit(0)
def find(o):
    if isinstance(o, dict):
        for k, v in o.items():
            if k == "new" and isinstance(v, (int, float)): return v
            if k == "new" and isinstance(v, dict) and isinstance(v.get("value"), (int, float)): return v["value"]
        for v in o.values():
            r = find(v)
            if r is not None: return r
    if isinstance(o, list):
        for v in o:
            r = find(v)
            if r is not None: return r
    return None
r = find(doc)
print("?" if r is None else int(r))
EOF_PY

total_run=0
total_lost=0
for procs in ${CONCURRENT_PROCESSES:-2 4}; do
  hazards0=$(count "SELECT count(*) FROM hazard")
  events0=$(count "SELECT count(*) FROM hazard_event")
  rm -f "$work"/writer*.log "$work"/writer*.err "$work/stop" "$work/reader.log" "$work/reader.err"
  reader &
  reader_pid=$!
  start=$(date +%s)
  pids=()
  for ((p = 1; p <= procs; p++)); do writer "$p" "$per_process" & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid"; done
  touch "$work/stop"
  wait "$reader_pid"
  secs=$(($(date +%s) - start))

  run=$(cat "$work"/writer*.log | wc -l)
  failed=$(cat "$work"/writer*.log | awk '$2 != 0' | wc -l)
  adds=$(cat "$work"/writer*.log | awk '$1 == "add" && $2 == 0' | wc -l)
  plans=$(cat "$work"/writer*.log | awk '$1 == "plan" && $2 == 0' | wc -l)
  total_run=$((total_run + run))
  total_lost=$((total_lost + failed))
  [ "$run" = $((procs * per_process)) ] || fail "$procs writers: $run commands logged, expected $((procs * per_process))"
  if [ "$failed" != 0 ]; then
    echo "$name: $procs writers: $failed of $run commands failed; first errors:" >&2
    cat "$work"/writer*.err | sort | uniq -c | sort -rn | head -5 >&2
    exit 1
  fi
  if cat "$work"/writer*.err 2>/dev/null | grep -qi 'locked\|busy'; then fail "$procs writers: 'locked' or 'busy' reached stderr"; fi
  # Every row is there: each add is a hazard with its created event, each plan and progress an event.
  hazards=$(count "SELECT count(*) FROM hazard")
  events=$(count "SELECT count(*) FROM hazard_event")
  [ "$hazards" = $((hazards0 + adds)) ] || fail "$procs writers: $hazards hazards, expected $hazards0 + $adds"
  [ "$events" = $((events0 + run)) ] || fail "$procs writers: $events history events, expected $events0 + $run (one per command)"
  rectifying=$(count "SELECT count(*) FROM hazard WHERE status = 'rectifying' AND location LIKE '%号车间第%'")
  [ "$rectifying" -ge "$plans" ] || fail "$procs writers: only $rectifying hazards in rectification after $plans plans"
  "$ANKANG" --db "$db" db check >"$work/check.out" 2>&1 || fail "$procs writers: db check fails: $(cat "$work/check.out")"

  nreads=$(wc -l <"$work/reader.log")
  [ "$nreads" -gt 0 ] || fail "$procs writers: the reader read no report"
  bad=$(awk '$1 != 0 || $2 == "bad-json"' "$work/reader.log" | wc -l)
  [ "$bad" = 0 ] || fail "$procs writers: $bad of $nreads reports failed or were not whole JSON: $(head -3 "$work/reader.err")"
  # The count of new hazards in the week only grows (writers only add): never a torn state.
  awk '$2 != "?" { if (seen && $2 < last) { print "went down from " last " to " $2; exit 1 } last = $2; seen = 1 }' \
    "$work/reader.log" >"$work/mono.out" || fail "$procs writers: the report's new count $(cat "$work/mono.out")"
  reads="$nreads reports read, all whole"
  echo "$name: $procs writers × $per_process commands: $run run, $failed lost, ${secs} s; $reads"
done
echo "$name: $total_run commands run, $total_lost lost"
