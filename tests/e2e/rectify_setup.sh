# Sourced by the rectify_* e2e cases: a database with two fictional enterprises and five open
# hazards found on 2021-08-16 (Monday), made with ankang's own commands.
ankang --db t.db -q init
{
  ankang --db t.db -q enterprise add --uscc 91632224MA7G3K5Q0H --name 刚察县青海湖煤业有限公司 --sector coal --region 632224
  ankang --db t.db -q enterprise add --uscc 91630100MA752N8H4J --name 西宁高原化工有限公司 --sector hazchem --region 630104
  add() { ankang --db t.db -q --today 2021-08-16 hazard add --found 2021-08-16 "$@"; }
  add -e 91632224MA7G3K5Q0H --by 王强 --location 一号运输巷 --desc 巷道支护锚杆锈蚀松动 --category equipment
  add -e 91632224MA7G3K5Q0H --by 王强 --location 3102采空区 --desc 采空区未按规定密闭 --category equipment --level major \
    --basis '煤矿重大事故隐患判定标准 第十六条'
  add -e 91630100MA752N8H4J --by 赵敏 --location 罐区 --desc 储罐区可燃气体报警器未定期检定 --category equipment
  add -e 91630100MA752N8H4J --by 赵敏 --location 装卸区 --desc 装卸作业未设专人监护 --category behaviour --level major \
    --basis 待定
  add -e 91630100MA752N8H4J --by 赵敏 --location 配电室 --desc 配电室应急照明失效 --category equipment
} >/dev/null
# YH-2021-000004 is a major hazard without its basis (判定依据). No command records one (add,
# update and import refuse it), but rectify checks it all the same: only this is set directly.
sqlite3 t.db "UPDATE hazard SET basis = NULL WHERE no = 'YH-2021-000004'"
