#!/usr/bin/env bash
# Every record that can travel carries a UUID from its creation (issue 20 point 1): after the
# example workflow (enterprises, the findings sheet, hand-made hazards and every rectification
# step, a union inspection, letters and their escalation, 挂牌督办, 三违, training, duty), no row of
# any table with a uuid column lacks one, and no two rows share one. The tables are found from
# the schema, so a new record type is checked without changing this test.
set -euo pipefail
source "$(dirname "$0")/skip.bash"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=${ANKANG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export ANKANG_DB=$work/t.db ANKANG_TODAY=2021-09-27 ANKANG_USER=省总工会劳动保护部
fail() { echo "FAIL: $*"; exit 1; }
a() { "$bin" -q "$@" >/dev/null; }

a init
a org set --name 海北藏族自治州总工会 --short 海北州总 --level prefecture --region 632200 --letter-prefix 海工劳保
a enterprise import "$src/examples/enterprises.csv"
a hazard import "$src/examples/findings-2021.csv"
a hazard add --enterprise 91632224MA6NDUU53L --found 2021-09-27 --location 主斜井 --desc '主斜井架空乘人装置护罩缺失' --no GC-2021-0100
a hazard update GC-2021-0100 --location 主斜井井口
a rectify plan GC-2021-0100 --owner 张伟 --deadline +10wd --measures '补装护罩' --on 2021-09-27
a rectify done GC-2021-0100 --on 2021-09-27
a rectify verify GC-2021-0100 --by 李娜 --pass --on 2021-09-27
a inspection add --enterprise 91632224MA6NDUU53L --on 2021-09-27 --kind union --body 海北州总工会 --inspectors 张三,李四
a letter issue opinion --enterprise 91632224MA6NDUU53L --hazards GC-2021-0003 --on 2021-09-27
a letter reply '海工劳保意〔2021〕1号' --on 2021-09-27 --outcome rejected
a letter escalate '海工劳保意〔2021〕1号' --to 海北州应急管理局 --on 2021-09-27
a hazard supervise YH-2021-000002 --by 海北州安委会办公室 --level prefecture --on 2021-09-27 --deadline 2021-11-30
a violation import "$src/examples/violations-2021.csv"
a violation add --enterprise 91632224MA6NDUU53L --on 2021-09-10 --kind operation --desc '井下未佩戴自救器进入采区'
a training import "$src/examples/training-2021.csv"
a duty plan --from 2021-09-25 --to 2021-10-10 --leaders 张三,李四,王五
a duty log --on 2021-10-01 --note '检查锅炉房、危化品库，未发现异常'

tables=$(sqlite3 t.db "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c WHERE m.type = 'table' AND c.name = 'uuid' ORDER BY m.name")
[ -n "$tables" ] || fail "no table has a uuid column"
for t in hazard_event exchange_source enterprise hazard inspection letter violation training duty; do
  grep -qx "$t" <<<"$tables" || fail "table $t has no uuid column"
done
checked=0
for t in $tables; do
  rows=$(sqlite3 t.db "SELECT count(*) FROM \"$t\"")
  missing=$(sqlite3 t.db "SELECT count(*) FROM \"$t\" WHERE uuid IS NULL OR uuid = ''")
  distinct=$(sqlite3 t.db "SELECT count(DISTINCT uuid) FROM \"$t\"")
  [ "$missing" = 0 ] || fail "$missing of the $rows rows of $t have no uuid"
  [ "$distinct" = "$rows" ] || fail "$t: $rows rows but $distinct distinct uuids"
  checked=$((checked + rows))
done
# The workflow reached every kind of record (an empty table would prove nothing).
for t in hazard_event enterprise hazard inspection letter letter_event supervision violation training duty duty_log; do
  [ "$(sqlite3 t.db "SELECT count(*) FROM $t")" -gt 0 ] || fail "the workflow wrote no $t"
done
# A UUID looks like one: 8-4-4-4-12 lower-case hex digits.
bad=$(sqlite3 t.db "SELECT count(*) FROM hazard_event WHERE uuid NOT GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'")
[ "$bad" = 0 ] || fail "$bad hazard_event uuids are not of the form 8-4-4-4-12"
[ "$(sqlite3 t.db "SELECT count(*) FROM exchange_source")" = 1 ] || fail "the database has no source id"

# Two databases get two source ids.
ANKANG_DB=$work/u.db a init
[ "$(sqlite3 t.db 'SELECT uuid FROM exchange_source')" != "$(sqlite3 u.db 'SELECT uuid FROM exchange_source')" ] ||
  fail "two databases share a source id"
echo "ok: $checked rows in $(wc -w <<<"$tables") tables, each with its own uuid"
