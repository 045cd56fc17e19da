# Shared by tests/scripts/crash_*.sh (sourced; not a test itself: the suite runs *.sh only).
# A crash trial copies a prepared database, starts one write command, kills it with SIGKILL after a
# seeded random delay, and then requires `ankang db check` to pass and the counted tables to hold
# either exactly what they held before or before + everything the command writes when it completes.
#
# The caller sets: ANKANG (binary), work (scratch folder), and defines
#   crash_command DB   — sets the array crash_cmd to the command line under test against DB (run
#                        directly, not in a subshell, so that the kill reaches ankang itself)
#   crash_counts DB    — prints the counts that must move together, one line
# Env: ANKANG_KILL_TRIALS (default 5, what CI runs; the issue's full run is 20 or more per command;
# CRASH_TRIALS is the older name), CRASH_SEED (default 1), ANKANG_MIN_INSIDE_KILLS (default 3).

crash_trials=${ANKANG_KILL_TRIALS:-${CRASH_TRIALS:-5}}
crash_seed=${CRASH_SEED:-1}
# Kills that must land inside the write transaction (ANKANG_MIN_INSIDE_KILLS, default 3).
crash_min_inside=${ANKANG_MIN_INSIDE_KILLS:-3}

crash_fail() { echo "$crash_name: FAIL: $*" >&2; exit 1; }

# Seconds since the epoch with milliseconds, as an integer count of milliseconds.
crash_now_ms() { date +%s%3N; }

# Copies a closed database with its WAL, if one was left behind.
crash_copy_db() {  # SRC DST
  rm -f "$2" "$2-wal" "$2-shm" "$2-journal"
  cp "$1" "$2"
  if [ -f "$1-wal" ]; then cp "$1-wal" "$2-wal"; fi
}

# Prepares: base.db (before), measures the complete run on a copy (after), and its duration.
crash_prepare() {  # BASE_DB
  local base=$1
  "$ANKANG" --db "$base" db check >"$work/base-check.out" 2>&1 || crash_fail "the base database does not pass db check: $(cat "$work/base-check.out")"
  crash_before=$(crash_counts "$base")
  crash_copy_db "$base" "$work/full.db"
  local t0 t1
  t0=$(crash_now_ms)
  crash_command "$work/full.db"
  "${crash_cmd[@]}" >"$work/full.out" 2>&1 || crash_fail "the uninterrupted command failed: $(tail -3 "$work/full.out")"
  t1=$(crash_now_ms)
  crash_full_ms=$((t1 - t0))
  crash_after=$(crash_counts "$work/full.db")
  [ "$crash_after" != "$crash_before" ] || crash_fail "the command changed nothing (before = after = $crash_before)"
  echo "$crash_name: complete run takes ${crash_full_ms} ms; counts before [$crash_before], after [$crash_after]"
}

# True when another process holds the database's write lock (is inside a write transaction):
# a BEGIN IMMEDIATE that does not wait fails with "database is locked".
crash_write_locked() {  # DB
  local out
  out=$(sqlite3 "$1" "BEGIN IMMEDIATE; ROLLBACK;" 2>&1) && return 1
  [[ $out == *"database is locked"* ]]
}

# Runs the trials; prints how many ran, passed and were killed inside the write transaction,
# and fails if any failed or fewer than crash_min_inside kills landed inside it.
#
# A kill lands inside the write transaction when, just before the kill, the write lock was held
# (crash_write_locked) and afterwards the counts are those from before (rolled back). The kill delay
# adapts: it is drawn between the longest delay seen too early (no lock yet, nothing written) and
# the shortest seen too late (finished, or committed), so the kills close in on the transaction.
# Trials continue past crash_trials, up to 4×, until crash_min_inside kills landed inside.
crash_run_trials() {  # BASE_DB
  local base=$1 i=0 passed=0 inside=0 early=0 late=0 delay_ms pid db rc locked counts lo=0 hi
  local max_trials=$((crash_trials * 4))
  hi=$((crash_full_ms * 11 / 10 + 1))
  RANDOM=$crash_seed
  while [ $i -lt "$crash_trials" ] || { [ $inside -lt "$crash_min_inside" ] && [ $i -lt $max_trials ]; }; do
    i=$((i + 1))
    db="$work/trial.db"
    crash_copy_db "$base" "$db"
    delay_ms=$((lo + (RANDOM * 32768 + RANDOM) % (hi - lo + 1)))
    crash_command "$db"
    "${crash_cmd[@]}" >"$work/trial.out" 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    locked=0
    crash_write_locked "$db" && locked=1
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    rc=$?
    if [ $rc != 137 ] && [ $rc != 0 ]; then
      echo "$crash_name: trial $i: the command failed by itself (exit $rc): $(tail -2 "$work/trial.out")" >&2
      continue
    fi
    if ! "$ANKANG" --db "$db" db check >"$work/check.out" 2>&1; then
      echo "$crash_name: trial $i (kill after ${delay_ms} ms): db check fails:" >&2
      cat "$work/check.out" >&2
      continue
    fi
    counts=$(crash_counts "$db")
    if [ "$counts" != "$crash_before" ] && [ "$counts" != "$crash_after" ]; then
      echo "$crash_name: trial $i (kill after ${delay_ms} ms): counts [$counts] are neither before [$crash_before] nor after [$crash_after]" >&2
      continue
    fi
    passed=$((passed + 1))
    if [ $rc = 137 ] && [ $locked = 1 ] && [ "$counts" = "$crash_before" ]; then
      inside=$((inside + 1))
    elif [ "$counts" = "$crash_before" ]; then
      early=$((early + 1))
      [ $delay_ms -gt $lo ] && lo=$delay_ms
    else
      late=$((late + 1))
      [ $delay_ms -lt $hi ] && hi=$delay_ms
    fi
    [ $hi -gt $lo ] || hi=$((lo + 1))
  done
  echo "$crash_name: $i trials run, $passed passed: $inside killed inside the write transaction, $early before it," \
    "$late after its commit (seed $crash_seed; kill delays closed in on ${lo}–${hi} ms)"
  [ "$passed" = "$i" ] || exit 1
  [ $inside -ge "$crash_min_inside" ] ||
    crash_fail "only $inside kills landed inside the write transaction, at least $crash_min_inside required"
}

# Prints "table=count …" for the given tables.
crash_table_counts() {  # DB TABLE…
  local db=$1; shift
  local t out=""
  for t in "$@"; do out+="$t=$(sqlite3 "$db" "SELECT count(*) FROM $t") "; done
  echo "${out% }"
}
