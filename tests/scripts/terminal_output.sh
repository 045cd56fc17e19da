#!/usr/bin/env bash
# Output in a terminal (a pty made by script(1)): a table fits the terminal's width, long text
# cut with '…' at display width (中文 two columns); --wide shows it whole; output longer than the
# screen goes through ANKANG_PAGER (here a marker), shorter output and --no-pager do not; a pipe
# gets everything whole, as without a terminal.
set -euo pipefail
ankang=$1
src=${ANKANG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export ANKANG_DB=$work/t.db ANKANG_TODAY=2021-09-30 LC_ALL=C.UTF-8
unset PAGER ANKANG_PAGER ANKANG_LANG
"$ankang" -q init
"$ankang" -q enterprise import "$src/examples/enterprises.csv" >/dev/null
"$ankang" -q hazard import "$src/examples/findings-2021.csv" >/dev/null
fail=0
# in_terminal COLS ROWS ARGS…: the command's screen output in a pty of that size.
in_terminal() {
  local cols=$1 rows=$2
  shift 2
  script -qec "stty cols $cols rows $rows; ANKANG_PAGER='sed s/^/PAGED:/' $(printf '%q ' "$ankang" "$@")" /dev/null | tr -d '\r'
}
width() { python3 -c 'import sys,unicodedata
m=0
for l in sys.stdin.read().splitlines():
  m=max(m,sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l))
print(m)' 2>/dev/null || awk '{ if (length($0) > m) m = length($0) } END { print m }'; }

short=$(in_terminal 100 40 hazard list --limit 5)
[ "$(printf '%s\n' "$short" | grep -c PAGED: || true)" = 0 ] || { echo "5 rows on a 40-line screen were paged"; fail=1; }
printf '%s\n' "$short" | grep -q '…' || { echo "no cell was cut at 90 columns"; fail=1; }
w=$(printf '%s\n' "$short" | width)
[ "$w" -le 100 ] || { echo "a line is $w columns wide in a 100-column terminal"; fail=1; }
narrow=$(in_terminal 72 40 hazard list --limit 5)
w=$(printf '%s\n' "$narrow" | width)
[ "$w" -le 72 ] || { echo "a line is $w columns wide in a 72-column terminal"; fail=1; }
printf '%s\n' "$short" | grep -q 'GC-2021-0001' || { echo "the hazard number was cut"; fail=1; }

wide=$(in_terminal 90 40 hazard list --limit 5 --wide)
printf '%s\n' "$wide" | grep -q '…' && { echo "--wide cut a cell"; fail=1; }
printf '%s\n' "$wide" | grep -q '巷道局部底鼓、帮部片帮，巷道断面不足设计的2/3' || { echo "--wide: the description is not whole"; fail=1; }

long=$(in_terminal 90 20 hazard list --limit 50)
[ "$(printf '%s\n' "$long" | grep -c '^PAGED:')" = 52 ] || { echo "52 lines on a 20-line screen: not all through the pager"; fail=1; }
nopager=$(in_terminal 90 20 --no-pager hazard list --limit 50)
printf '%s\n' "$nopager" | grep -q PAGED: && { echo "--no-pager still paged"; fail=1; }

# A pipe: every row, nothing cut, no pager, byte for byte what a file gets.
ANKANG_PAGER='sed s/^/PAGED:/' "$ankang" hazard list >piped.txt
"$ankang" hazard list -o file.txt
cmp -s piped.txt file.txt || { echo "the pipe and the file differ"; fail=1; }
grep -q '…\|PAGED:' piped.txt && { echo "the pipe was cut or paged"; fail=1; }
rows=$(( $("$ankang" hazard list --format jsonl | wc -l) + 1 ))  # the rows, the header; the table adds a rule
[ "$(wc -l <piped.txt)" = $((rows + 1)) ] || { echo "the pipe has $(wc -l <piped.txt) lines, not $((rows + 1))"; fail=1; }
exit $fail
