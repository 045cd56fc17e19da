#!/usr/bin/env bash
# Runs one end-to-end golden case: tests/e2e/cases/NAME/cmd is a bash script run in an empty
# temporary folder with `ankang` on PATH; its stdout, stderr and exit code must equal
# expected.stdout, expected.stderr and expected.rc (missing files mean empty output and 0).
# In cmd, $EXAMPLES is the examples/ folder and $CASE the case's own folder.
# UPDATE_GOLDEN=1 rewrites the expected files from what the binary does now.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
case_dir=$(cd "$2" && pwd)
src=${ANKANG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
mkdir "$work/bin"
ln -s "$bin" "$work/bin/ankang"

cd "$work"
env -i PATH="$work/bin:/usr/local/bin:/usr/bin:/bin" HOME="$work" LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC \
  ANKANG_USER=tester EXAMPLES="$src/examples" CASE="$case_dir" SRC="$src" \
  ASAN_OPTIONS="${ASAN_OPTIONS:-}" UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" \
  bash "$case_dir/cmd" >"$work/.stdout" 2>"$work/.stderr" </dev/null
rc=$?
# Paths of the scratch folder are not part of the expected output.
sed -i "s|$work|\$WORK|g; s|$src|\$SRC|g" "$work/.stdout" "$work/.stderr"

if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
  cp "$work/.stdout" "$case_dir/expected.stdout"
  cp "$work/.stderr" "$case_dir/expected.stderr"
  echo "$rc" >"$case_dir/expected.rc"
  echo "updated $(basename "$case_dir")"
  exit 0
fi

status=0
expected_rc=0
[ -f "$case_dir/expected.rc" ] && expected_rc=$(cat "$case_dir/expected.rc")
if [ "$rc" != "$expected_rc" ]; then
  echo "exit code: expected $expected_rc, got $rc"
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
