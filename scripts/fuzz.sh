#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/fuzz_*.cpp, clang-14, ASan+UBSan) in build/fuzz and runs
# each for SECONDS (default 60) on a working copy of its seed corpus.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET…]     e.g. scripts/fuzz.sh 300 fuzz_date
# Env: FUZZ_BUILD_DIR (default build/fuzz), FUZZ_JOBS (build jobs, default 2), FUZZ_MAX_LEN.
# Crashes are written to $FUZZ_BUILD_DIR/crashes/TARGET/ and make the script exit 1; turn each into a
# unit test with the input, fix it, and add the input to tests/fuzz/corpus/TARGET/.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
seconds=${1:-60}
[ $# -gt 0 ] && shift
build=${FUZZ_BUILD_DIR:-$root/build/fuzz}
if ! command -v clang++-14 >/dev/null; then
  echo "scripts/fuzz.sh: clang++-14 is missing (apt-get install clang-14 libfuzzer-14-dev libclang-rt-14-dev)" >&2
  exit 1
fi
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -DANKANG_FUZZ=ON -DANKANG_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || exit 1
cmake --build "$build" -j "${FUZZ_JOBS:-2}" --target ankang_fuzz >/dev/null || { echo "scripts/fuzz.sh: build failed" >&2; exit 1; }

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for src in tests/fuzz/fuzz_*.cpp; do targets+=("$(basename "$src" .cpp)"); done
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
for t in "${targets[@]}"; do
  bin="$build/tests/fuzz/$t"
  [ -x "$bin" ] || { echo "scripts/fuzz.sh: no target $t" >&2; status=1; continue; }
  work="$build/corpus/$t"
  crashes="$build/crashes/$t"
  mkdir -p "$work" "$crashes"
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="${FUZZ_MAX_LEN:-4096}"
        -print_final_stats=1 -artifact_prefix="$crashes/")
  [ -f "tests/fuzz/$t.dict" ] && args+=(-dict="tests/fuzz/$t.dict")
  start=$(date +%s)
  if "$bin" "${args[@]}" "$work" "tests/fuzz/corpus/$t" >"$build/$t.log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$build/$t.log" | grep -o '[0-9]*$')
    echo "$t: ok, $(($(date +%s) - start)) s, ${runs:-?} runs"
  else
    echo "$t: FAILED after $(($(date +%s) - start)) s; log $build/$t.log, inputs in $crashes/"
    grep -m3 -E 'ERROR|runtime error|property failed|SUMMARY' "$build/$t.log" | sed 's/^/  /'
    status=1
  fi
done
exit $status
