#!/usr/bin/env bash
# The benchmark suite works: bench/run.sh at the smoke size (300 findings, one run per case) on
# the binary under test builds its databases, runs every built case against its peers and prints
# the table. A test that the suite runs, not of speed: figures are not judged here.
# Usage: bench_smoke.sh ANKANG_BIN
set -euo pipefail
bin=${1:?usage: bench_smoke.sh ANKANG_BIN}
root=${ANKANG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
fail() { echo "bench_smoke: FAIL: $*" >&2; cat "$out" >&2; exit 1; }

bash "$root/bench/run.sh" --size smoke --runs 1 --ankang "$bin" >"$out" 2>&1 || fail "bench/run.sh exited with $?"
grep -q '^| case | runs | median' "$out" || fail "no table printed"
grep -q '^| sqlite3 .import --csv smoke (bare table, peer) | 1 | ' "$out" || fail "the sqlite3 peer did not run"
grep -q '^| ankang --version | ' "$out" || fail "no --version case"
# A case either ran (a median) or says why not; never FAILED.
grep -q 'failed' "$out" && fail "a case failed"
# The hazard import case must have run and be compared with the peer.
grep -q '^| hazard import smoke (UTF-8) | 1 | [0-9.]* m\{0,1\}s | [0-9,]* | .* vs sqlite3 .import' "$out" ||
  fail "the hazard import case did not run"
echo "bench_smoke: ok"
