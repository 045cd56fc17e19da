#!/usr/bin/env bash
# The benchmark suite of issue 7: ankang against the tools a user compares it with, measured in
# the same run on the same files, printed as one table (median wall time, rows/s, peak RSS, ratio
# against the peer, target, verdict).
#
# Usage: bench/run.sh [--size smoke|100k|1m] [--runs N] [--ankang PATH] [--md FILE]
#   --size    smoke: 300 findings (a test that the suite works, not of speed);
#             100k: 100,000 findings; 1m: 1,000,000 findings (imports at 100k and 1M, queries on 1M).
#             Every size uses the same generator (scripts/gen_data.py bench, seed 1).
#   --runs    timed runs per case (default 5; the median is reported). sqlite-utils runs once at 1M.
#   --ankang  measure this binary instead of building Release in build/release.
#   --md      also write the table (Markdown) to FILE.
# Data: bench/data/<size>/ (generated when missing; gitignored). Databases: bench/data/work-<size>/.
# Commands that are not on main yet print "n/a (not built)".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size=100k
runs=5
bin=""
md_out=""
usage() { sed -n '6,13p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case $1 in
    --size) size=${2:?--size needs a value}; shift 2 ;;
    --runs) runs=${2:?--runs needs a value}; shift 2 ;;
    --ankang) bin=${2:?--ankang needs a path}; shift 2 ;;
    --md) md_out=${2:?--md needs a file}; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "bench/run.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
case $size in
  smoke) import_sizes=(smoke); query_size=smoke; deadline_size=smoke ;;
  100k) import_sizes=(100k); query_size=100k; deadline_size=100k ;;
  1m) import_sizes=(100k 1m); query_size=1m; deadline_size=100k ;;
  *) echo "bench/run.sh: --size must be smoke, 100k or 1m, not '$size'" >&2; exit 2 ;;
esac
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "bench/run.sh: --runs must be a positive number, not '$runs'" >&2; exit 2; }

findings_of() { case $1 in smoke) echo 300 ;; 100k) echo 100000 ;; 1m) echo 1000000 ;; esac; }
enterprises_of() { case $1 in smoke) echo 50 ;; *) echo 20000 ;; esac; }
say() { echo "bench: $*" >&2; }

# ---- tools: hyperfine (timing), GNU time (peak RSS), sqlite3 and sqlite-utils (the peers) ----
bash "$root/scripts/deps.sh" hyperfine time sqlite3 sqlite-utils python3
for tool in hyperfine /usr/bin/time sqlite3 sqlite-utils python3; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh: $tool is missing" >&2; exit 1; }
done

# ---- the binary under test: Release build ----
if [ -z "$bin" ]; then
  export CCACHE_DIR=${CCACHE_DIR:-$root/.ccache}
  say "building Release in build/release"
  cmake -S "$root" -B "$root/build/release" -DCMAKE_BUILD_TYPE=Release -DANKANG_TESTS=OFF >/dev/null
  cmake --build "$root/build/release" -j "$(nproc)" --target ankang >/dev/null
  bin=$root/build/release/ankang
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
[ -x "$bin" ] || { echo "bench/run.sh: $bin is not an executable" >&2; exit 1; }
# has GROUP SUBCOMMAND: is this subcommand built? (a group's --help lists its subcommands)
has() { "$bin" --lang en "$1" --help 2>/dev/null | awk -v sub_="$2" '/^Subcommands:/ { f = 1; next } f && $1 == sub_ { found = 1 } END { exit !found }'; }

# ---- data: generated once per size, deterministic ----
ensure_data() {  # ensure_data SIZE
  local dir=$root/bench/data/$1 n e stamp
  n=$(findings_of "$1"); e=$(enterprises_of "$1")
  stamp="gen_data bench --enterprises $e --findings $n --seed 1"
  [ -f "$dir/.complete" ] && [ "$(cat "$dir/.complete")" = "$stamp" ] && return 0
  say "generating $n findings and $e enterprises in bench/data/$1"
  rm -rf "$dir.tmp"
  python3 "$root/scripts/gen_data.py" bench --enterprises "$e" --findings "$n" --seed 1 --out "$dir.tmp" >/dev/null
  python3 "$root/scripts/gen_data.py" bench --enterprises "$e" --findings "$n" --seed 1 --encoding gb18030 \
    --out "$dir.tmp/gb18030" >/dev/null
  # The same findings with no deadline, owner or funds: every hazard open, for `rectify deadline`.
  python3 - "$dir.tmp/findings.csv" "$dir.tmp/findings-nodue.csv" <<'EOF'
import csv, sys
with open(sys.argv[1], encoding="utf-8", newline="") as f, open(sys.argv[2], "w", encoding="utf-8", newline="") as g:
    r, w = csv.reader(f), csv.writer(g, lineterminator="\n")
    head = next(r)
    blank = [head.index(c) for c in ("整改期限", "整改责任人", "整改资金（万元）")]
    w.writerow(head)
    for row in r:
        for i in blank:
            row[i] = ""
        w.writerow(row)
EOF
  echo "$stamp" >"$dir.tmp/.complete"
  rm -rf "$dir"
  mv "$dir.tmp" "$dir"
}

work=$root/bench/data/work-$size
rm -rf "$work"
mkdir -p "$work"
results=$work/results.tsv   # id, label, rows, median s, peak RSS KiB, runs, status
checks=$work/checks.tsv     # id, kind, other id or '', limit, description
: >"$results"
: >"$checks"
failed=0
today=2022-01-10            # a Monday after the generated findings (2021): the weekly report covers 2022-W01

# measure ID LABEL ROWS RUNS PREPARE CMD… — hyperfine's median over RUNS (PREPARE, if not empty,
# runs before each, untimed), then one more run under GNU time for the peak RSS.
measure() {
  local id=$1 label=$2 rows=$3 n=$4 prepare=$5
  shift 5
  local args=(--runs "$n" --export-json "$work/$id.json" --style none -N)
  [ -n "$prepare" ] && args+=(--prepare "$prepare")
  say "$label"
  local cmdline="" arg q="'"
  for arg in "$@"; do cmdline+="$q${arg//$q/$q\\$q$q}$q "; done  # single-quoted words for hyperfine -N
  if hyperfine "${args[@]}" "$cmdline" >"$work/$id.log" 2>&1; then
    [ -n "$prepare" ] && bash -c "$prepare"
    if /usr/bin/time -f %M -o "$work/$id.rss" "$@" >/dev/null 2>"$work/$id.err"; then
      printf '%s\t%s\t%s\t%s\t%s\t%s\tok\n' "$id" "$label" "$rows" \
        "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$work/$id.json")" \
        "$(tail -1 "$work/$id.rss")" "$n" >>"$results"
      return 0
    fi
  fi
  echo "bench/run.sh: FAILED: $label: $cmdline" >&2
  tail -5 "$work/$id.log" "$work/$id.err" 2>/dev/null >&2 || true
  printf '%s\t%s\t%s\t\t\t%s\tfailed\n' "$id" "$label" "$rows" "$n" >>"$results"
  failed=1
}
na() { printf '%s\t%s\t%s\t\t\t\tn/a (%s)\n' "$1" "$2" "$3" "$4" >>"$results"; }
check() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >>"$checks"; }

# ---- 1. import: ankang vs sqlite3 .import --csv vs sqlite-utils insert --csv ----
for s in "${import_sizes[@]}"; do ensure_data "$s"; done
[ "$query_size" = "${import_sizes[-1]}" ] || ensure_data "$query_size"
ensure_data "$deadline_size"

import_ready=0
if has enterprise import && has hazard import; then
  import_ready=1
  for s in "${import_sizes[@]}"; do
    data=$root/bench/data/$s
    "$bin" --db "$work/ent-$s.db" --today $today -q init >/dev/null
    "$bin" --db "$work/ent-$s.db" --today $today -q enterprise import "$data/enterprises.csv" >/dev/null
  done
fi
for s in "${import_sizes[@]}"; do
  data=$root/bench/data/$s
  rows=$(findings_of "$s")
  fresh="bash -c 'rm -f $work/run-$s.db*; cp $work/ent-$s.db $work/run-$s.db'"
  if [ $import_ready = 1 ]; then
    measure "import-gb-$s" "hazard import $s (GB18030)" "$rows" "$runs" "$fresh" \
      "$bin" --db "$work/run-$s.db" --today $today -q hazard import --encoding gb18030 "$data/gb18030/findings.csv"
    measure "import-$s" "hazard import $s (UTF-8)" "$rows" "$runs" "$fresh" \
      "$bin" --db "$work/run-$s.db" --today $today -q hazard import "$data/findings.csv"
    mv "$work/run-$s.db" "$work/hazards-$s.db"  # the last run's database serves the queries
  else
    na "import-$s" "hazard import $s (UTF-8)" "$rows" "not built"
    na "import-gb-$s" "hazard import $s (GB18030)" "$rows" "not built"
  fi
  measure "sqlite3-import-$s" "sqlite3 .import --csv $s (bare table, peer)" "$rows" "$runs" \
    "bash -c 'rm -f $work/peer.db*'" sqlite3 "$work/peer.db" ".import --csv $data/findings.csv findings"
  su_runs=$runs
  [ "$s" = 1m ] && su_runs=1  # about 30 s a run: once is enough to show the order of magnitude
  measure "sqlite-utils-$s" "sqlite-utils insert --csv $s (peer)" "$rows" "$su_runs" \
    "bash -c 'rm -f $work/peer.db*'" sqlite-utils insert "$work/peer.db" findings "$data/findings.csv" --csv
  check "import-$s" ratio_le "sqlite3-import-$s" 1.5 "vs sqlite3 .import"
  check "import-$s" speedup_ge "sqlite-utils-$s" 10 "faster than sqlite-utils"
  check "import-$s" rss_le "" 64 "peak RSS"
  check "import-gb-$s" ratio_le "import-$s" 1.15 "vs UTF-8"
done
if [ ${#import_sizes[@]} = 2 ]; then check "import-1m" rss_within "import-100k" 0.10 "RSS vs 100k"; fi
rm -f "$work"/peer.db*

# ---- 2.–4. queries and one-shot commands on the database of the largest import ----
oneshot_runs=$((runs < 10 ? 10 : runs))  # one-shots take milliseconds: never fewer than 10 runs
measure version "ankang --version" 1 "$oneshot_runs" "" "$bin" --version
check version abs_le "" 0.020 "start to exit"
db=$work/hazards-$query_size.db
qrows=$(findings_of "$query_size")
if [ -f "$db" ]; then
  A=("$bin" --db "$db" --today $today)
  if has report weekly; then
    measure report "report weekly $query_size" "$qrows" "$runs" "" "${A[@]}" report weekly --period 2021-W35
    measure report-sql "sqlite3 bench/sql/weekly.sql (peer)" "$qrows" "$runs" "" \
      sqlite3 -readonly "$db" ".read $root/bench/sql/weekly.sql"
    check report abs_le "" 0.5 "wall time"
    check report ratio_le report-sql 1.5 "vs hand-written SQL"
  else
    na report "report weekly $query_size" "$qrows" "not built"
  fi
  if has hazard list; then
    measure list "hazard list --overdue --format csv $query_size" "$qrows" "$runs" "" \
      "${A[@]}" hazard list --overdue --format csv
    measure list-sql "sqlite3 -csv bench/sql/overdue.sql (peer)" "$qrows" "$runs" "" \
      sqlite3 -readonly -csv -header "$db" ".read $root/bench/sql/overdue.sql"
    check list ratio_le list-sql 1.5 "vs sqlite3 -csv"
  else
    na list "hazard list --overdue --format csv $query_size" "$qrows" "not built"
  fi
  if has hazard show; then
    measure show "hazard show (on $query_size)" 1 "$oneshot_runs" "" "${A[@]}" hazard show 42
    check show abs_le "" 0.020 "start to exit"
  else
    na show "hazard show" 1 "not built"
  fi
  if has hazard add; then
    uscc=$(sed -n 2p "$root/bench/data/$query_size/findings.csv" | cut -d, -f1)
    measure add "hazard add (on $query_size)" 1 "$oneshot_runs" "" "${A[@]}" -q hazard add -e "$uscc" --found $today \
      --location 配电室 --desc '配电柜前绝缘胶垫破损' --level general
    check add abs_le "" 0.020 "start to exit"
  else
    na add "hazard add" 1 "not built"
  fi
  if has rectify plan; then
    # The same open hazard is planned in every run; the untimed step before each run puts it back
    # to open (its events stay: the history is append-only).
    target=$(sqlite3 -readonly "$db" "SELECT id FROM hazard WHERE status = 'open' AND level = 'general' ORDER BY id LIMIT 1")
    measure plan "rectify plan (on $query_size)" 1 "$oneshot_runs" \
      "sqlite3 $db \"UPDATE hazard SET status = 'open', owner = NULL, due_on = NULL, measures = NULL WHERE id = $target\"" \
      "${A[@]}" -q rectify plan "$target" --owner 张伟 --deadline +10wd --measures 更换绝缘胶垫
    check plan abs_le "" 0.020 "start to exit"
  else
    na plan "rectify plan" 1 "not built"
  fi
else
  for c in "report:report weekly" "list:hazard list --overdue --format csv" "show:hazard show" "add:hazard add" "plan:rectify plan"; do
    na "${c%%:*}" "${c#*:}" "" "no database: hazard import not built"
  done
fi

# ---- 5. rectify deadline --apply over every hazard of the deadline size (working-day rules) ----
drows=$(findings_of "$deadline_size")
if [ $import_ready = 1 ] && has rectify deadline; then
  [ -f "$work/ent-$deadline_size.db" ] || {
    "$bin" --db "$work/ent-$deadline_size.db" --today $today -q init >/dev/null
    "$bin" --db "$work/ent-$deadline_size.db" --today $today -q enterprise import \
      "$root/bench/data/$deadline_size/enterprises.csv" >/dev/null
  }
  cp "$work/ent-$deadline_size.db" "$work/nodue.db"
  "$bin" --db "$work/nodue.db" --today $today -q hazard import "$root/bench/data/$deadline_size/findings-nodue.csv" >/dev/null
  measure deadline "rectify deadline --apply $deadline_size" "$drows" "$runs" \
    "bash -c 'rm -f $work/dl.db*; cp $work/nodue.db $work/dl.db'" \
    "$bin" --db "$work/dl.db" --today $today -q rectify deadline --apply --format csv
  check deadline abs_le "" 1.0 "wall time"
else
  na deadline "rectify deadline --apply $deadline_size" "$drows" "not built"
fi

# ---- the table ----
{
  echo "ankang $("$bin" --version 2>/dev/null | awk '{print $NF}') · $(date -u '+%Y-%m-%d %H:%M UTC') · $(nproc) cores," \
    "$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1) · load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  python3 "$root/bench/table.py" "$results" "$checks"
} | tee "$work/table.md"
[ -n "$md_out" ] && cp "$work/table.md" "$md_out"
rm -f "$work"/*.db "$work"/*.db-wal "$work"/*.db-shm
exit $failed
