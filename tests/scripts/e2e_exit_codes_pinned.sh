#!/usr/bin/env bash
# The e2e goldens pin every exit code (tests/e2e/run_case.sh, expected.codes): the experiment that
# once went unnoticed in most cases, kept as a test. Per run of a case, the `ankang` wrapper turns
# the exit code of ONE invocation into another (0 → 1, any other → 0; ANKANG_E2E_FLIP=N), and the
# case must then fail and say that the exit codes differ (that it passes unchanged is its own test).
#
# Which invocations: E2E_FLIP_ALL=1 flips every invocation of every case, one per run (about 600
# runs of a case: minutes; run it by hand after changing run_case.sh). By default a deterministic
# sample, two runs per case: among the invocations expected.codes records with exit 0, the k-th,
# and among those with another code, the k-th, where k = (cksum of the case name) mod their count
# + 1. Every case thus shows that a success turned into 1 is caught, and every case with a
# failing command that a failure turned into 0 is too. E2E_FLIP_CASES="a b" limits the cases.
# Usage: e2e_exit_codes_pinned.sh ANKANG_BIN
set -uo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=${ANKANG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
name=e2e_exit_codes_pinned
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cases=()
if [ -n "${E2E_FLIP_CASES:-}" ]; then
  for c in $E2E_FLIP_CASES; do cases+=("$root/tests/e2e/cases/$c"); done
else
  for c in "$root"/tests/e2e/cases/*/; do [ -f "$c/cmd" ] && cases+=("${c%/}"); done
fi

fail=0 runs=0 caught=0
for c in "${cases[@]}"; do
  case_name=$(basename "$c")
  codes="$c/expected.codes"
  if [ ! -f "$codes" ]; then
    echo "$name: FAIL: $case_name has no expected.codes" >&2; fail=1; continue
  fi
  flips=()
  if [ "${E2E_FLIP_ALL:-}" = 1 ]; then
    mapfile -t flips < <(seq "$(wc -l <"$codes")")
  else
    k=$(printf '%s' "$case_name" | cksum | cut -d' ' -f1)
    mapfile -t ok < <(awk '$1 == 0 { print NR }' "$codes")
    mapfile -t failing < <(awk '$1 != 0 { print NR }' "$codes")
    [ ${#ok[@]} -gt 0 ] && flips+=("${ok[k % ${#ok[@]}]}")
    [ ${#failing[@]} -gt 0 ] && flips+=("${failing[k % ${#failing[@]}]}")
  fi
  for n in "${flips[@]}"; do
    runs=$((runs + 1))
    ANKANG_E2E_FLIP=$n bash "$root/tests/e2e/run_case.sh" "$bin" "$c" >"$work/out" 2>&1
    rc=$?
    line=$(sed -n "${n}p" "$codes")
    if [ $rc = 0 ]; then
      echo "$name: FAIL: $case_name: invocation $n ($line) returned another exit code and the case still passed" >&2
      fail=1
    elif ! grep -q '^exit codes of the ankang commands differ' "$work/out"; then
      echo "$name: FAIL: $case_name: invocation $n ($line) flipped: the case failed, but not on its exit codes:" >&2
      head -20 "$work/out" >&2
      fail=1
    else
      caught=$((caught + 1))
    fi
  done
done
echo "$name: $runs runs with one exit code changed, $caught noticed by the exit codes (${#cases[@]} cases)"
[ $runs -gt 0 ] || { echo "$name: FAIL: no case ran" >&2; fail=1; }
exit $fail
