#!/usr/bin/env bash
# The data generator: the committed examples are exactly what it writes; bench mode writes the
# rows it promises (GB18030 that iconv accepts, the asked fraction of bad rows); every credit code
# in the examples is valid by an independent check. Usage: gen_data_smoke.sh [ANKANG_BIN] (ignored).
set -euo pipefail
root=${ANKANG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
gen="$root/scripts/gen_data.py"
examples="$root/examples"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "gen_data_smoke: FAIL: $*" >&2; fail=1; }

# 1. examples mode reproduces the committed files byte for byte
/usr/bin/python3 "$gen" examples --out "$tmp/examples" >/dev/null
for f in enterprises.csv enterprises-gb18030.csv findings-2021.csv findings-2021-gb18030.csv findings-small.csv violations-2021.csv training-2021.csv; do
  cmp -s "$tmp/examples/$f" "$examples/$f" || bad "examples/$f differs from what scripts/gen_data.py writes (re-run: python3 scripts/gen_data.py examples --out examples/)"
done

# 2. bench mode: counts, bad rows, encoding, determinism
/usr/bin/python3 "$gen" bench --enterprises 300 --findings 2000 --bad-fraction 0.05 --encoding gb18030 \
  --seed 7 --out "$tmp/bench" >"$tmp/bench.out"
/usr/bin/python3 "$gen" bench --enterprises 300 --findings 2000 --bad-fraction 0.05 --encoding gb18030 \
  --seed 7 --out "$tmp/bench2" >/dev/null
cmp -s "$tmp/bench/findings.csv" "$tmp/bench2/findings.csv" || bad "bench mode is not deterministic"
for f in enterprises.csv findings.csv; do
  iconv -f gb18030 -t utf-8 "$tmp/bench/$f" >"$tmp/$f.utf8" || bad "iconv rejects bench $f as GB18030"
done
/usr/bin/python3 - "$tmp" <<'EOF' || fail=1
import csv, re, sys
tmp = sys.argv[1]
ok = True
def fail(msg):
    global ok
    print("gen_data_smoke: FAIL: " + msg, file=sys.stderr)
    ok = False
ents = list(csv.reader(open(tmp + "/enterprises.csv.utf8", encoding="utf-8", newline="")))
rows = list(csv.reader(open(tmp + "/findings.csv.utf8", encoding="utf-8", newline="")))
if len(ents) != 301: fail("bench enterprises.csv has %d rows, expected header + 300" % len(ents))
if len(rows) != 2001: fail("bench findings.csv has %d rows, expected header + 2000" % len(rows))
if any(len(r) != len(rows[0]) for r in rows): fail("bench findings.csv rows differ in column count")
known = {r[0] for r in ents[1:]}
date = re.compile(r"^(\d{4})(?:-(\d{2})-(\d{2})|/(\d{1,2})/(\d{1,2})|年(\d{1,2})月(\d{1,2})日)( 0:00)?$")
import datetime
def valid(text):
    m = date.match(text)
    if not m: return False
    y, mo, d = int(m.group(1)), int(m.group(2) or m.group(4) or m.group(6)), int(m.group(3) or m.group(5) or m.group(7))
    try: datetime.date(y, mo, d); return True
    except ValueError: return False
kinds = {"date": 0, "enterprise": 0, "level": 0, "description": 0}
for r in rows[1:]:
    faults = [k for k, f in (("date", not valid(r[1])), ("enterprise", r[0] not in known),
                             ("level", r[7] not in ("一般", "重大")), ("description", r[5] == "")) if f]
    if len(faults) > 1: fail("a bad row has more than one fault: %r" % r)
    for k in faults: kinds[k] += 1
if sum(kinds.values()) != 100: fail("expected 100 bad rows (5%% of 2000), found %s" % kinds)
if min(kinds.values()) < 20: fail("every kind of bad row should appear: %s" % kinds)
sys.exit(0 if ok else 1)
EOF
grep -q "2000 findings (100 bad" "$tmp/bench.out" || bad "bench summary line: $(cat "$tmp/bench.out")"

# 3. every credit code in the examples: GB 32100 check character (pos. 18), GB 11714 org check (pos. 17),
#    region code of the enterprise (pos. 3-8); every finding's code names an example enterprise.
iconv -f gb18030 -t utf-8 "$examples/enterprises-gb18030.csv" >"$tmp/ent-zh.csv"
iconv -f gb18030 -t utf-8 "$examples/findings-2021-gb18030.csv" >"$tmp/find-zh.csv"
cat >"$tmp/uscc.py" <<'EOF'
import csv, sys
C = "0123456789ABCDEFGHJKLMNPQRTUWXY"
def uscc_ok(u):
    if len(u) != 18 or any(c not in C for c in u): return False
    s = sum(C.index(c) * pow(3, i, 31) for i, c in enumerate(u[:17]))  # weights are 3^i mod 31
    if C[(31 - s % 31) % 31] != u[17]: return False
    o = sum(int(c, 36) * w for c, w in zip(u[8:16], (3, 7, 9, 10, 5, 8, 4, 2)))
    r = (11 - o % 11) % 11
    return u[16] == ("X" if r == 10 else str(r))
def rows(path):
    return list(csv.reader(open(path, encoding="utf-8-sig", newline="")))
if sys.argv[1] == "selftest":  # the check must be able to fail
    good = "91632200MA75K3P27R"
    assert uscc_ok(good), good
    for broken in (good[:17] + "Q", good[:16] + "9" + good[17], good.replace("K", "Z"), good[:17]):
        assert not uscc_ok(broken), broken
    sys.exit(0)
ex, tmp = sys.argv[1], sys.argv[2]
errors = []
ent = rows(ex + "/enterprises.csv")
codes = {}
for r in ent[1:]:
    d = dict(zip(ent[0], r))
    if not uscc_ok(d["uscc"]): errors.append("enterprises.csv: bad USCC " + d["uscc"])
    if d["uscc"][2:8] != d["region_code"]: errors.append("enterprises.csv: %s not in region %s" % (d["uscc"], d["region_code"]))
    codes[d["uscc"]] = d["name"]
if len(codes) != len(ent) - 1: errors.append("enterprises.csv: a USCC appears twice")
zh = rows(tmp + "/ent-zh.csv")
if {(r[0], r[1]) for r in zh[1:]} != set(codes.items()): errors.append("enterprises-gb18030.csv: not the same enterprises")
for name, path, skip in (("findings-2021.csv", ex + "/findings-2021.csv", 2),
                         ("findings-2021-gb18030.csv", tmp + "/find-zh.csv", 2),
                         ("findings-small.csv", ex + "/findings-small.csv", 0)):
    t = rows(path)[skip:]
    col = t[0].index("统一社会信用代码") if "统一社会信用代码" in t[0] else t[0].index("uscc")
    for r in t[1:]:
        if r[0] == "合计": continue
        if not uscc_ok(r[col]): errors.append("%s: bad USCC %s" % (name, r[col]))
        elif r[col] not in codes: errors.append("%s: USCC %s is not an example enterprise" % (name, r[col]))
for e in errors: print("gen_data_smoke: FAIL: " + e, file=sys.stderr)
sys.exit(1 if errors else 0)
EOF
/usr/bin/python3 "$tmp/uscc.py" selftest || bad "the USCC check does not reject broken codes"
/usr/bin/python3 "$tmp/uscc.py" "$examples" "$tmp" || fail=1

# 4. the findings sheet has the shape the importer and the demo rely on
/usr/bin/python3 - "$examples" <<'EOF' || fail=1
import csv, sys
ex = sys.argv[1]
raw = open(ex + "/findings-2021.csv", "rb").read()
problems = []
if not raw.startswith(b"\xef\xbb\xbf"): problems.append("findings-2021.csv has no UTF-8 BOM")
if b"\n" in raw.replace(b"\r\n", b"") and raw.count(b"\r\n") < 300: problems.append("findings-2021.csv is not CRLF")
t = list(csv.reader(open(ex + "/findings-2021.csv", encoding="utf-8-sig", newline="")))
zh = list(csv.reader(open(ex + "/findings-2021-gb18030.csv", encoding="gb18030", newline="")))
if t != zh: problems.append("the GB18030 sheet is not the same sheet")
head, body, total = t[2], t[3:-1], t[-1]
if not t[0][0].startswith("2021年") or any(t[0][1:]): problems.append("title row")
if total[0] != "合计": problems.append("no 合计 row")
if len(body) != 300: problems.append("%d findings, expected 300" % len(body))
if any(len(r) != len(head) for r in t): problems.append("rows differ in column count")
fund = head.index("整改资金（万元）")
s = sum(round(float(r[fund]) * 100) for r in body if r[fund])
if round(float(total[fund]) * 100) != s: problems.append("合计 %s is not the sum of the funds" % total[fund])
level, basis = head.index("隐患等级"), head.index("判定依据")
majors = [r for r in body if r[level].startswith("重大")]
if not 10 <= len(majors) <= 15 or any(not r[basis] for r in majors): problems.append("majors without basis or wrong count")
key = [(r[2], r[4], r[8], r[9]) for r in body]
if len(set(key)) != len(key): problems.append("two findings share enterprise + date + location + description")
for p in problems: print("gen_data_smoke: FAIL: " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF

if [ $fail = 0 ]; then echo "gen_data_smoke: ok"; fi
exit $fail
