# Sourced by the rectify_* e2e cases: a database with two fictional enterprises and five open
# hazards found on 2021-08-16 (Monday). Rows are inserted directly until `hazard add` is used.
ankang --db t.db -q init
sqlite3 t.db <<'SQL'
INSERT INTO enterprise (uuid, uscc, name, region_code, created_at, updated_at) VALUES
  ('e-1', '91632224MA7G3K5Q0H', '刚察县青海湖煤业有限公司', '632224', '2021-08-01T00:00:00Z', '2021-08-01T00:00:00Z'),
  ('e-2', '91630100MA752N8H4J', '西宁高原化工有限公司', '630104', '2021-08-01T00:00:00Z', '2021-08-01T00:00:00Z');
INSERT INTO enterprise_sector (enterprise_id, sector, position) VALUES (1, 'coal', 0), (2, 'hazchem', 0);
INSERT INTO hazard (uuid, no, enterprise_id, sector, found_on, found_by, location, description, category, level, basis,
                    status, dedupe_key, created_at, updated_at) VALUES
  ('h-1', 'YH-2021-000001', 1, 'coal', '2021-08-16', '王强', '一号运输巷', '巷道支护锚杆锈蚀松动', 'equipment', 'general', NULL,
   'open', 1, '2021-08-16T02:00:00Z', '2021-08-16T02:00:00Z'),
  ('h-2', 'YH-2021-000002', 1, 'coal', '2021-08-16', '王强', '3102采空区', '采空区未按规定密闭', 'equipment', 'major',
   '煤矿重大事故隐患判定标准 第十六条', 'open', 2, '2021-08-16T02:00:00Z', '2021-08-16T02:00:00Z'),
  ('h-3', 'YH-2021-000003', 2, 'hazchem', '2021-08-16', '赵敏', '罐区', '储罐区可燃气体报警器未定期检定', 'equipment', 'general', NULL,
   'open', 3, '2021-08-16T02:00:00Z', '2021-08-16T02:00:00Z'),
  ('h-4', 'YH-2021-000004', 2, 'hazchem', '2021-08-16', '赵敏', '装卸区', '装卸作业未设专人监护', 'behaviour', 'major', NULL,
   'open', 4, '2021-08-16T02:00:00Z', '2021-08-16T02:00:00Z'),
  ('h-5', 'YH-2021-000005', 2, 'hazchem', '2021-08-16', '赵敏', '配电室', '配电室应急照明失效', 'equipment', 'general', NULL,
   'open', 5, '2021-08-16T02:00:00Z', '2021-08-16T02:00:00Z');
SQL
