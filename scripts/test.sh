#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds with warnings as errors, and runs every
# test in the normal build and under AddressSanitizer + UndefinedBehaviorSanitizer.
# Usage: scripts/test.sh [--fast]   (--fast: the normal build only)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
started=$SECONDS
phase() { echo "scripts/test.sh: $1 ($((SECONDS - started)) s since the start)"; }
fast=0
[ "${1:-}" = "--fast" ] && fast=1

extra=()
[ -n "${ANKANG_FUZZ_DEPS:-1}" ] && extra+=(clang-14 libfuzzer-14-dev libclang-rt-14-dev)
bash scripts/deps.sh "${extra[@]}"
phase "packages ready"

jobs=$(nproc)
# The compiler cache stays in ccache's own place (~/.cache/ccache unless CCACHE_DIR says otherwise),
# keyed by paths relative to the clone: a fresh clone on a machine that has built ankang before
# compiles only what changed. On a new machine it costs nothing. The sloppiness lets ccache keep
# the cli/ files, which use a precompiled header (ccache's manual, "Precompiled headers").
export CCACHE_BASEDIR=$root CCACHE_NOHASHDIR=true CCACHE_SLOPPINESS=pch_defines,time_macros

build() {  # build DIR [cmake args…]
  local dir=$1; shift
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DANKANG_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
  phase "built $dir"
}

status=0
# Line tables only (-g1): enough for a sanitizer's or debugger's backtrace, and a quarter less
# compile time than full debug information; the sanitizer build at -O1, as ASan recommends.
build build/test -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
(cd build/test && ctest --output-on-failure -j "$jobs" --timeout 900) || status=1
phase "ran the tests of build/test"

if [ $fast = 0 ]; then
  build build/sanitize -DANKANG_SANITIZE=ON -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG"
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  # Unit, store and e2e tests under the sanitizers. The kill and concurrency scripts prove process-level
  # properties (all or nothing under SIGKILL, no lost writes) that the normal build has just shown;
  # under ASan they only run 3× slower, so they are left to it, as are the benchmark, the fuzz smoke,
  # the e2e harness's own test (e2e_exit_codes_pinned), the scan for untranslated text (it reruns the
  # e2e commands this run has just run) and the browser rendering of the HTML reports.
  (cd build/sanitize && ctest --output-on-failure -j "$jobs" --timeout 900 \
     -E 'bench|fuzz_smoke|crash_|concurrent_writers|e2e_exit_codes_pinned|untranslated_text|html_report_browser') || status=1
  phase "ran the tests of build/sanitize"
fi

# Skipping is by name only (ANKANG_SKIP_TESTS, see tests/scripts/skip.bash); CI sets nothing.
[ -n "${ANKANG_SKIP_TESTS:-}" ] && echo "scripts/test.sh: skipped by ANKANG_SKIP_TESTS: $ANKANG_SKIP_TESTS"
if [ $status = 0 ]; then echo "scripts/test.sh: all tests passed"; else echo "scripts/test.sh: FAILED"; fi
exit $status
