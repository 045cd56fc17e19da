#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/) with clang-14 and runs each for a short time
# (FUZZ_SMOKE_SECONDS, default 4) over its seed corpus: any crash, sanitizer report or failed
# property fails the test. Without clang-14 and libFuzzer it fails (scripts/test.sh installs them),
# unless ANKANG_SKIP_TESTS names fuzz_smoke.
# Usage: fuzz_smoke.sh [ANKANG_BIN] (ignored; the targets are built here).
set -uo pipefail
root=${ANKANG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
seconds=${FUZZ_SMOKE_SECONDS:-4}
# shellcheck source=skip.bash
source "$root/tests/scripts/skip.bash"
skip_if_told fuzz_smoke
if ! command -v clang++-14 >/dev/null ||
   ! ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  echo "fuzz_smoke: FAIL: clang++-14 or libFuzzer is not installed (apt-get install clang-14 libfuzzer-14-dev" \
    "libclang-rt-14-dev; or ANKANG_SKIP_TESTS=fuzz_smoke to skip this test)" >&2
  exit 1
fi
work=$(mktemp -d)
trap '[ -n "${KEEP_FUZZ_WORK:-}" ] || rm -rf "$work"' EXIT
# Next to the suite's build folder (build/test → build/fuzz, shared with scripts/fuzz.sh), else scratch.
build=$work/build
[ -n "${ANKANG_BUILD_DIR:-}" ] && build=$(dirname "$ANKANG_BUILD_DIR")/fuzz

# Another build of the suite may be configuring the same folder: take turns.
exec 9>"${TMPDIR:-/tmp}/ankang-fuzz-build.lock"
flock 9
if ! CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -DANKANG_FUZZ=ON -DANKANG_TESTS=OFF \
       -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$work/configure.log" 2>&1 ||
   ! cmake --build "$build" -j 2 --target ankang_fuzz >"$work/build.log" 2>&1; then
  echo "fuzz_smoke: FAIL: the fuzz targets do not build:" >&2
  tail -n 30 "$work/configure.log" "$work/build.log" >&2
  exit 1
fi
flock -u 9

fail=0
count=0
for src in "$root"/tests/fuzz/fuzz_*.cpp; do
  t=$(basename "$src" .cpp)
  count=$((count + 1))
  mkdir -p "$work/$t" "$work/crash-$t"
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 -artifact_prefix="$work/crash-$t/")
  [ -f "$root/tests/fuzz/$t.dict" ] && args+=(-dict="$root/tests/fuzz/$t.dict")
  if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
       "$build/tests/fuzz/$t" "${args[@]}" "$work/$t" "$root/tests/fuzz/corpus/$t" >"$work/$t.log" 2>&1; then
    echo "fuzz_smoke: FAIL: $t:" >&2
    grep -m5 -E 'ERROR|runtime error|property failed|SUMMARY|Test unit written' "$work/$t.log" >&2
    for f in "$work/crash-$t"/*; do [ -f "$f" ] && { echo "input ($f):" >&2; head -c 300 "$f" | od -c | head -8 >&2; }; done
    fail=1
  fi
done
[ $fail = 0 ] && echo "fuzz_smoke: ok: $count targets, ${seconds} s each"
exit $fail
