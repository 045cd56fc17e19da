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
# CRASH_TRIALS is the older name), CRASH_SEED (default 1).

crash_trials=${ANKANG_KILL_TRIALS:-${CRASH_TRIALS:-5}}
crash_seed=${CRASH_SEED:-1}

# True when ankang has the subcommand (its own usage line; a group's --help also exits 0).
has_command() { [[ $("$ANKANG" "$@" --help 2>/dev/null) == *"Usage: ankang $* "* ]]; }

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

# Runs the trials; prints "trials run / passed" and fails if any failed.
crash_run_trials() {  # BASE_DB
  local base=$1 i passed=0 killed=0 completed=0 delay_ms pid db rc
  RANDOM=$crash_seed
  for ((i = 1; i <= crash_trials; i++)); do
    db="$work/trial.db"
    crash_copy_db "$base" "$db"
    # Uniform over the whole run (and a little past it, so that "finished just before the kill" occurs).
    delay_ms=$(( (RANDOM * 32768 + RANDOM) % (crash_full_ms * 11 / 10 + 1) ))
    crash_command "$db"
    "${crash_cmd[@]}" >"$work/trial.out" 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    rc=$?
    if [ $rc = 137 ]; then
      killed=$((killed + 1))
    elif [ $rc = 0 ]; then
      completed=$((completed + 1))
    else
      echo "$crash_name: trial $i: the command failed by itself (exit $rc): $(tail -2 "$work/trial.out")" >&2
      continue
    fi
    if ! "$ANKANG" --db "$db" db check >"$work/check.out" 2>&1; then
      echo "$crash_name: trial $i (kill after ${delay_ms} ms): db check fails:" >&2
      cat "$work/check.out" >&2
      continue
    fi
    local counts
    counts=$(crash_counts "$db")
    if [ "$counts" != "$crash_before" ] && [ "$counts" != "$crash_after" ]; then
      echo "$crash_name: trial $i (kill after ${delay_ms} ms): counts [$counts] are neither before [$crash_before] nor after [$crash_after]" >&2
      continue
    fi
    passed=$((passed + 1))
  done
  echo "$crash_name: $crash_trials trials run, $passed passed ($killed killed mid-run, $completed finished before the kill; seed $crash_seed)"
  [ "$passed" = "$crash_trials" ] || exit 1
}

# Prints "table=count …" for the given tables.
crash_table_counts() {  # DB TABLE…
  local db=$1; shift
  local t out=""
  for t in "$@"; do out+="$t=$(sqlite3 "$db" "SELECT count(*) FROM $t") "; done
  echo "${out% }"
}
