#!/usr/bin/env bash
# The HTML weekly report in a real browser: headless Chromium prints it to PDF, pdftotext finds
# the headline figures in it, and a screenshot of it is not blank. Where Chromium (or poppler's
# pdftotext/pdftoppm) is missing or cannot start, the test says so and is skipped (exit 77, listed
# by ctest); ANKANG_SKIP_TESTS=html_report_browser skips it by name. Once Chromium runs, anything
# wrong with the report fails.
set -u
ANKANG=$1
name=html_report_browser
src=${ANKANG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=tests/scripts/skip.bash
source "$src/tests/scripts/skip.bash"
skip_if_told $name
cannot_run() { echo "$name: skipped: $* (scripts/deps.sh installs chromium and poppler-utils)"; exit 77; }
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || cannot_run "no chromium on PATH"
for tool in pdftotext pdftoppm pdfinfo; do
  command -v "$tool" >/dev/null || cannot_run "no $tool on PATH"
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "$name: FAILED: $*"; exit 1; }

db=t.db
"$ANKANG" --db $db -q init
"$ANKANG" --db $db -q --today 2021-08-01 enterprise import "$src/examples/enterprises.csv" >/dev/null
"$ANKANG" --db $db -q --today 2021-09-27 hazard import "$src/examples/findings-2021.csv" >/dev/null 2>&1
"$ANKANG" --db $db --today 2021-09-27 report weekly --period 2021-W38 --format html -o weekly.html || fail "report weekly --format html"
"$ANKANG" --db $db --today 2021-09-27 report weekly --period 2021-W38 --format json -o weekly.json || fail "report weekly --format json"
[ "$(stat -c %a weekly.html)" = 600 ] || fail "weekly.html is not mode 0600"
grep -qi '<script' weekly.html && fail "the HTML has a script"
grep -Eqi '(src|href)="https?:' weekly.html && fail "the HTML fetches something from the network"
[ "$(grep -c '<svg' weekly.html)" -ge 3 ] || fail "fewer than three charts"

flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync
       --no-first-run --user-data-dir="$work/profile")
# Can Chromium run here at all (a display-less container may refuse it)? A trivial page first.
echo '<p>probe</p>' >probe.html
timeout 120 "$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$work/probe.pdf" "file://$work/probe.html" >probe.log 2>&1
[ -s probe.pdf ] || cannot_run "Chromium cannot run here: $(tail -1 probe.log)"
timeout 120 "$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$work/weekly.pdf" "file://$work/weekly.html" >browser.log 2>&1
[ -s weekly.pdf ] || { tail -5 browser.log; fail "Chromium printed no PDF"; }
pdftotext -layout weekly.pdf weekly.txt || fail "pdftotext"
# The headline figures of the JSON must be in the printed text.
figures=$(sed -n 's/.*"figure": "\([a-z_]*\)", "current": \([0-9.]*\).*/\1 \2/p' weekly.json)
[ -n "$figures" ] || fail "no headline figures in the JSON"
while read -r key value; do
  grep -q -- "$value" weekly.txt || fail "headline figure $key = $value is not in the PDF's text"
done <<<"$figures"
grep -q "主要指标" weekly.txt || fail "the section title 主要指标 is not in the PDF's text (no CJK font?)"
pages=$(pdfinfo weekly.pdf 2>/dev/null | sed -n 's/^Pages: *//p')
[ "${pages:-0}" -ge 3 ] || fail "the PDF has ${pages:-0} pages: sections should start new pages"
pdftoppm -r 40 -f 1 -l 1 -png weekly.pdf page || fail "pdftoppm"
timeout 120 "$browser" "${flags[@]}" --window-size=1000,1400 --screenshot="$work/shot.png" "file://$work/weekly.html" >>browser.log 2>&1
[ -s shot.png ] || fail "Chromium took no screenshot"
# Not blank: the page's PNG compresses far worse than an empty one, and has more than two colours.
[ "$(stat -c %s shot.png)" -gt 20000 ] || fail "the screenshot looks blank ($(stat -c %s shot.png) bytes)"
echo "$name: ok ($pages pages)"
