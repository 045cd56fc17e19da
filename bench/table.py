"""Prints bench/run.sh's one table (Markdown) from its results and checks.

results.tsv: id, label, rows, median seconds, peak RSS KiB, runs, status (ok | failed | n/a (why))
checks.tsv:  id, kind, other id, limit, description — kinds:
  ratio_le   median(id) / median(other) <= limit          ("1.12× vs sqlite3 .import")
  speedup_ge median(other) / median(id) >= limit          ("14× faster than sqlite-utils")
  abs_le     median(id) <= limit seconds
  rss_le     peak RSS(id) <= limit MB
  rss_within |RSS(id) / RSS(other) - 1| <= limit
Exit status 0 always: a missed target is a finding for the note, not a failure of the suite.
"""
import sys


def read(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def seconds(s):
    if s >= 1:
        return "%.2f s" % s
    return "%.1f ms" % (s * 1000)


def main(results_path, checks_path):
    results = read(results_path)
    by_id = {}
    for r in results:
        by_id[r[0]] = {"label": r[1], "rows": int(r[2]) if r[2] else None,
                       "median": float(r[3]) if r[3] else None,
                       "rss": int(r[4]) / 1024 if r[4] else None, "runs": r[5], "status": r[6]}
    verdicts = {}
    for c in read(checks_path):
        cid, kind, other, limit, what = c[0], c[1], c[2], float(c[3]), c[4]
        a, b = by_id.get(cid), by_id.get(other) if other else None
        text = None
        if a is None or a["median"] is None or (other and (b is None or b["median"] is None)):
            text, ok = "%s: n/a" % what, None
        elif kind == "ratio_le":
            x = a["median"] / b["median"]
            text, ok = "%.2f× %s (≤ %g×)" % (x, what, limit), x <= limit
        elif kind == "speedup_ge":
            x = b["median"] / a["median"]
            text, ok = "%.1f× %s (≥ %g×)" % (x, what, limit), x >= limit
        elif kind == "abs_le":
            text, ok = "%s %s (≤ %s)" % (what, seconds(a["median"]), seconds(limit)), a["median"] <= limit
        elif kind == "rss_le":
            text, ok = "%s %.1f MB (≤ %g MB)" % (what, a["rss"], limit), a["rss"] <= limit
        elif kind == "rss_within":
            x = a["rss"] / b["rss"] - 1
            text, ok = "%s %+.1f%% (within %g%%)" % (what, 100 * x, 100 * limit), abs(x) <= limit
        else:
            raise SystemExit("table.py: unknown check kind " + kind)
        mark = "" if ok is None else (" ✅" if ok else " ❌")
        verdicts.setdefault(cid, []).append(text + mark)

    print("| case | runs | median | rows/s | peak RSS | against the target |")
    print("|---|---:|---:|---:|---:|---|")
    for r in results:
        m = by_id[r[0]]
        if m["status"] != "ok":
            print("| %s | | %s | | | |" % (m["label"], m["status"]))
            continue
        rate = "%s" % format(round(m["rows"] / m["median"]), ",") if m["rows"] and m["rows"] > 1 else ""
        print("| %s | %s | %s | %s | %.1f MB | %s |" % (
            m["label"], m["runs"], seconds(m["median"]), rate, m["rss"], "; ".join(verdicts.get(r[0], []))))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
