#!/usr/bin/env bash
# The main job on demo data: builds Release, creates a database from examples/ in a scratch
# folder, imports the enterprises and the August-September 2021 findings, and prints the report.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bash scripts/deps.sh
export CCACHE_BASEDIR=$root CCACHE_NOHASHDIR=true  # ccache in its own place, as scripts/test.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DANKANG_TESTS=OFF >/dev/null
cmake --build build/release -j "$(nproc)" >/dev/null
ankang=$root/build/release/ankang

demo=${DEMO_DIR:-$(mktemp -d -t ankang-demo.XXXXXX)}
cd "$demo"
rm -f demo.db demo.db-wal demo.db-shm
export ANKANG_DB=$demo/demo.db ANKANG_TODAY=2021-09-27 ANKANG_USER=省总工会劳动保护部
echo "== ankang demo in $demo (today: $ANKANG_TODAY)"
"$ankang" init
echo "== enterprises (examples/enterprises.csv)"
"$ankang" enterprise import "$root/examples/enterprises.csv"
echo "== the 2021 campaign's findings sheet (examples/findings-2021.csv)"
"$ankang" hazard import "$root/examples/findings-2021.csv"
"$ankang" db check
echo "== overdue hazards on $ANKANG_TODAY"
"$ankang" rectify overdue || true
echo "== the weekly report for last week"
"$ankang" report weekly --period last-week
echo "== done: the database is $ANKANG_DB"
