#!/usr/bin/env bash
# Runs one end-to-end golden case: tests/e2e/cases/NAME/cmd is a bash script run in an empty
# temporary folder with `ankang` on PATH; its stdout, stderr and exit code must equal
# expected.stdout, expected.stderr and expected.rc (missing files mean empty output and 0), and
# the exit code of every `ankang` it runs must equal expected.codes.
#
# `ankang` on PATH is a wrapper around the binary under test that appends one line per invocation
# to a transcript: the exit code, then the command line (shell-quoted, cut at 160 characters).
# That pins each command's exit code, success included, wherever the script runs it (in a
# pipeline, a $(…), behind `|| true` or `2>/dev/null`); a case without expected.codes fails.
# In cmd, $EXAMPLES is the examples/ folder and $CASE the case's own folder.
# UPDATE_GOLDEN=1 rewrites the expected files from what the binary does now: check each code.
# ANKANG_E2E_FLIP=N (for tests/scripts/e2e_exit_codes_pinned.sh): the wrapper turns the exit code
# of the case's Nth invocation into another one (0 → 1, any other → 0) and touches bin/.flipped.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
case_dir=$(cd "$2" && pwd)
src=${ANKANG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
flip=${ANKANG_E2E_FLIP:-0}

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
mkdir "$work/bin"
transcript="$work/bin/.codes"
: >"$transcript"
{
  echo '#!/bin/bash'
  printf 'real=%q transcript=%q flip=%q\n' "$bin" "$transcript" "$flip"
  # The scratch and source folders as the quoted command line spells them, shown as $WORK and $SRC
  # before the line is cut, so that the cut does not depend on where the tree is checked out.
  printf 'qwork=%q qsrc=%q\n' "$(printf %q "$work")" "$(printf %q "$src")"
  cat <<'WRAPPER'
"$real" "$@"
rc=$?
n=$(( $(wc -l <"$transcript") + 1 ))
if [ "$n" = "$flip" ]; then
  if [ $rc = 0 ]; then rc=1; else rc=0; fi
  : >"${transcript%/*}/.flipped"
fi
line=$(printf '%q ' ankang "$@")
line=${line//"$qwork"/\$WORK}
line="$rc ${line//"$qsrc"/\$SRC}"
line=${line% }
[ ${#line} -le 160 ] || line="${line:0:157}..."
printf '%s\n' "$line" >>"$transcript"
exit $rc
WRAPPER
} >"$work/bin/ankang"
chmod +x "$work/bin/ankang"

cd "$work"
env -i PATH="$work/bin:/usr/local/bin:/usr/bin:/bin" HOME="$work" LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC \
  ANKANG_USER=tester EXAMPLES="$src/examples" CASE="$case_dir" SRC="$src" \
  ASAN_OPTIONS="${ASAN_OPTIONS:-}" UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" \
  bash "$case_dir/cmd" >"$work/.stdout" 2>"$work/.stderr" </dev/null
rc=$?
# Paths of the scratch folder are not part of the expected output.
sed -i "s|$work|\$WORK|g; s|$src|\$SRC|g" "$work/.stdout" "$work/.stderr" "$transcript"

# Facts: tests/e2e/cases/NAME/facts, written by hand, holds the figures a case is about, each
# checked on its own: `fact LABEL EXPECTED COMMAND…` runs COMMAND in the case's folder after cmd
# (with $ANKANG, the binary under test, and the database cmd left there) and compares its output
# with EXPECTED. UPDATE_GOLDEN=1 never rewrites them, so a re-blessed golden cannot carry a wrong
# figure past them.
facts_failed=0
if [ -f "$case_dir/facts" ]; then
  (
    cd "$work" || exit 1
    for v in $(compgen -e | grep '^ANKANG_'); do unset "$v"; done
    export ANKANG="$bin" ANKANG_USER=tester EXAMPLES="$src/examples" CASE="$case_dir" SRC="$src" LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
    failed=0
    checked=0
    fact() {
      local label=$1 expected=$2 actual
      shift 2
      actual=$("$@" 2>&1)
      checked=$((checked + 1))
      if [ "$actual" != "$expected" ]; then
        echo "fact '$label': expected $expected, got ${actual:0:300}"
        failed=1
      fi
    }
    # shellcheck disable=SC1091
    . "$case_dir/facts"
    [ $checked -gt 0 ] || { echo "facts: no fact was checked"; failed=1; }
    exit $failed
  ) || facts_failed=1
fi

if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
  cp "$work/.stdout" "$case_dir/expected.stdout"
  cp "$work/.stderr" "$case_dir/expected.stderr"
  cp "$transcript" "$case_dir/expected.codes"
  echo "$rc" >"$case_dir/expected.rc"
  echo "updated $(basename "$case_dir")"
  exit $facts_failed
fi
status=$facts_failed
expected_rc=0
[ -f "$case_dir/expected.rc" ] && expected_rc=$(cat "$case_dir/expected.rc")
if [ "$rc" != "$expected_rc" ]; then
  echo "exit code: expected $expected_rc, got $rc"
  status=1
fi
if [ ! -f "$case_dir/expected.codes" ]; then
  echo "exit codes of the ankang commands: no expected.codes (UPDATE_GOLDEN=1 writes it; check each code)"
  status=1
elif ! diff -u "$case_dir/expected.codes" "$transcript" >"$work/.diff"; then
  echo "exit codes of the ankang commands differ (expected.codes: exit code, command):"
  head -c 6000 "$work/.diff"
  status=1
fi
for stream in stdout stderr; do
  expected="$case_dir/expected.$stream"
  [ -f "$expected" ] || expected=/dev/null
  if ! diff -u "$expected" "$work/.$stream" >"$work/.diff"; then
    echo "$stream differs:"
    head -c 6000 "$work/.diff"
    status=1
  fi
done
exit $status
