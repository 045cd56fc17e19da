#!/usr/bin/env bash
# README's "Using it" block runs as a newcomer would run it: every line, as written and in order,
# in an empty folder (with the repository's examples/ beside it, as after the Quick start), with
# `ankang` on PATH and nothing else set. A line passes when it exits 0, or the code its comment
# names ("exit 3 when ...", "exit 0"); the first line that does not stops the test and is shown
# with its output.
set -uo pipefail
ankang=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=${ANKANG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin" "$work/run"
ln -s "$ankang" "$work/bin/ankang"
ln -s "$src/examples" "$work/run/examples"

# The first ```sh block after "## Using it".
awk '/^## Using it/ {inside = 1; next}
     inside && /^```sh/ {block = 1; next}
     block && /^```/ {exit}
     block {print}' "$src/README.md" >"$work/block.sh"
commands=$(grep -cvE '^\s*(#|$)' "$work/block.sh")
[ "$commands" -ge 10 ] || { echo "README 'Using it': only $commands commands found"; cat "$work/block.sh"; exit 1; }
grep -q '^export ANKANG_DB=' "$work/block.sh" || { echo "README 'Using it' does not start with export ANKANG_DB=…"; exit 1; }

cd "$work/run"
n=0
while IFS= read -r line; do
  case "$line" in '' | '#'*) continue ;; esac
  n=$((n + 1))
  expected=0
  [[ $line =~ \#.*exit\ ([0-9]) ]] && expected=${BASH_REMATCH[1]}
  # export lines change this shell: run them here; the others in a child, as typed.
  if [[ $line == export\ * ]]; then
    eval "$line"
    continue
  fi
  env -i PATH="$work/bin:/usr/bin:/bin" HOME="$work" LANG=C.UTF-8 TZ=UTC ANKANG_DB="${ANKANG_DB:-}" \
    bash -c "$line" >"$work/out" 2>&1 </dev/null
  rc=$?
  if [ "$rc" != "$expected" ]; then
    echo "README 'Using it', command $n exits $rc (expected $expected):"
    echo "  $line"
    sed 's/^/  | /' "$work/out" | head -20
    exit 1
  fi
done <"$work/block.sh"
[ -s "${ANKANG_DB:-/nonexistent}" ] || { echo "no database at \$ANKANG_DB after the block"; exit 1; }
echo "readme_using_it: $n commands ran as written"
