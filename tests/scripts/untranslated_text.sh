#!/usr/bin/env bash
# Chinese wherever a person reads: every --help page, and every error and note the e2e suite
# expects under the default language, is scanned for English sentences left untranslated (three
# English words in a row once option names, quoted values, example command lines, placeholders
# and stored codes are set aside). Prints each one found with where it was. What is known to be
# left, not translated yet, is listed in untranslated.known beside this script: the test fails on
# anything new (a message added in English only) and on a listed line that has since been
# translated, so that the list only shrinks.
set -euo pipefail
ankang=$1
src=${ANKANG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset ANKANG_LANG

"$ankang" completion bash >"$work/completion.bash"
# Every command path, and every coded value the completion offers (codes are not sentences).
bash -c 'source "$1"; for k in "${!_ankang_opts[@]}"; do echo "$k"; done' _ "$work/completion.bash" | sort >"$work/paths"
bash -c 'source "$1"; for k in "${!_ankang_values[@]}"; do printf "%s\n" ${_ankang_values[$k]}; done' _ "$work/completion.bash" |
  sort -u >"$work/codes"
[ "$(wc -l <"$work/paths")" -gt 40 ] || { echo "only $(wc -l <"$work/paths") commands found"; exit 1; }

# sentences FILE LABEL: the lines of FILE with English left in, prefixed with LABEL.
sentences() {
  python3 - "$1" "$2" "$work/codes" <<'PY'
import re, sys
path, label, codes_file = sys.argv[1:4]
codes = set(open(codes_file, encoding="utf-8").read().split())
codes |= {"ankang", "SQLite", "Excel", "WPS", "UTF-8", "GB18030", "BOM", "CSV", "JSON", "Markdown", "Mermaid", "cron", "USCC"}
found = 0
for line in open(path, encoding="utf-8", errors="replace"):
    text = line.rstrip("\n")
    body = text.strip()
    if body.startswith("ankang ") and not body.startswith("ankang: "):  # an example command line
        continue
    if re.match(r"(用法|Usage): ankang ", body):  # the usage line names a command (three words for 'letter issue opinion')
        continue
    body = re.sub(r"^ankang: (error: )?", "", body)
    body = re.sub(r"'[^']*'|\"[^\"]*\"|‘[^’]*’|“[^”]*”", " ", body)        # quoted values
    body = re.sub(r"(?<![\w-])--?[A-Za-z][\w-]*(=\S*)?", " ", body)         # options
    body = re.sub(r"\b[A-Z][A-Z0-9_]+\b", " ", body)                          # placeholders, env names
    body = re.sub(r"\S+\.(csv|db|md|json|txt|sql|po)\b|\S*/\S*", " ", body)   # files and paths
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]*|[^\sA-Za-z]+", body)]
    run = 0
    for w in words:
        if re.fullmatch(r"[A-Za-z][A-Za-z'-]*", w) and w not in codes and len(w) > 1:
            run += 1
            if run >= 3:
                print(f"{label}: {text.strip()}")
                found += 1
                break
        else:
            run = 0 if not re.fullmatch(r"[,;:]?", w) else run
sys.exit(1 if found else 0)
PY
}

: >"$work/found"
while read -r path; do
  args=${path#ankang}
  # shellcheck disable=SC2086
  "$ankang" $args --help >"$work/help.txt" 2>&1 || true
  sentences "$work/help.txt" "help '${path}'" >>"$work/found" || true
done <"$work/paths"

for case_dir in "$src"/tests/e2e/cases/*/; do
  grep -qE -- '--lang[ =]en|ANKANG_LANG=en' "$case_dir/cmd" && continue
  # Errors and notes wherever the case put them (2>&1 sends some to stdout).
  cat "$case_dir"/expected.stderr "$case_dir"/expected.stdout 2>/dev/null | grep -a '^ankang: ' >"$work/stderr.txt" || continue
  sentences "$work/stderr.txt" "e2e $(basename "$case_dir")" >>"$work/found" || true
done
known=$(dirname "$0")/untranslated.known
sort -u "$work/found" >"$work/found.sorted"
{ grep -v '^#' "$known" || true; } | sort -u >"$work/known.sorted"
status=0
new=$(comm -23 "$work/found.sorted" "$work/known.sorted")
gone=$(comm -13 "$work/found.sorted" "$work/known.sorted")
if [ -n "$new" ]; then
  echo "English left where a person reads it (add the message to po/zh_CN.po):"
  printf '%s\n' "$new"
  status=1
fi
if [ -n "$gone" ]; then
  echo "translated now: remove from tests/scripts/untranslated.known:"
  printf '%s\n' "$gone"
  status=1
fi
echo "untranslated_text: $(wc -l <"$work/found.sorted") known lines left in English"
exit $status
