#!/usr/bin/env bash
# Peak RSS of `hazard import` from an .xlsx workbook against the CSV import of the same rows
# (issue 17 point 1: within 2×), by hand, not in the suite: N generated findings are imported
# from CSV, exported as CSV and as .xlsx, and each file imported into a fresh database under
# GNU time. Two workbooks: ankang's own (inline strings, as libxlsxwriter's constant-memory mode
# writes them) and the same sheet with its text moved into a shared-string table, as Excel and
# WPS save it (the reader keeps that table in memory: the worst case). Each import's CSV export
# must equal the original's.
# Usage: bench/xlsx_import_rss.sh [N (default 200000)] [ANKANG (default build/test/ankang)]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-200000}
ankang=$(realpath "${2:-$root/build/test/ankang}")
work=$root/bench/data/xlsx-rss-$n
mkdir -p "$work"
cd "$work"
today=2022-01-10
[ -s findings.csv ] || python3 "$root/scripts/gen_data.py" bench --enterprises 20000 --findings "$n" --seed 1 --out . >/dev/null
rm -f ./*.db
"$ankang" --db ent.db --today $today -q init
"$ankang" --db ent.db --today $today -q enterprise import enterprises.csv >/dev/null
cp ent.db src.db
"$ankang" --db src.db --today $today -q hazard import findings.csv >/dev/null
"$ankang" --db src.db hazard export --format csv -o export.csv
"$ankang" --db src.db hazard export --format xlsx -o inline.xlsx
python3 - inline.xlsx shared.xlsx <<'PY'
import re, sys, zipfile
src, dst = sys.argv[1:3]
strings, index = [], {}
def shared(m):
    text = m.group(2)
    if text not in index:
        index[text] = len(strings)
        strings.append(text)
    return '%s t="s"><v>%d</v></c>' % (m.group(1), index[text])
with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as b:
    for item in a.infolist():
        data = a.read(item.filename)
        if item.filename == "xl/worksheets/sheet1.xml":
            data = re.sub(r'(<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")?) t="inlineStr"><is><t(?: xml:space="preserve")?>(.*?)</t></is></c>',
                          shared, data.decode(), flags=re.S).encode()
        elif item.filename == "xl/_rels/workbook.xml.rels":
            data = data.replace(b"</Relationships>", b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/'
                                b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        elif item.filename == "[Content_Types].xml":
            data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        b.writestr(item, data)
    b.writestr("xl/sharedStrings.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://'
               'schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="%d">%s</sst>'
               % (len(strings), "".join('<si><t xml:space="preserve">%s</t></si>' % s for s in strings)))
print(f"shared.xlsx: {len(strings)} distinct strings", file=sys.stderr)
PY
printf '%-28s %10s %12s %10s\n' file "wall s" "peak RSS MB" "vs CSV"
csv_rss=0
for f in export.csv inline.xlsx shared.xlsx; do
  cp ent.db "run.db"
  /usr/bin/time -f '%e %M' -o time.txt "$ankang" --db run.db --today $today -q hazard import "$f" >/dev/null 2>&1
  read -r wall rss <time.txt
  [ "$f" = export.csv ] && csv_rss=$rss
  "$ankang" --db run.db hazard export --format csv | cmp -s - export.csv || { echo "$f: the import's export differs" >&2; exit 1; }
  awk -v f="$f ($(du -m "$f" | cut -f1) MB)" -v w="$wall" -v r="$rss" -v c="$csv_rss" 'BEGIN { printf "%-28s %10s %12.1f %9.2f×\n", f, w, r / 1024, r / c }'
done
