-- A small fixed database for the report goldens: two fictional enterprises (海北州刚察县 coal
-- mine, 西宁市城东区 market) and hazards in every state around 2021-W38. Loaded with sqlite3
-- after `ankang init`.
INSERT INTO enterprise (id, uuid, uscc, name, region_code, address, legal_rep, safety_contact, phone, employees, risk_level, has_union, created_at, updated_at) VALUES
 (1, 'e1', '91632224MA752YJN41', '刚察县示例煤业有限公司', '632224', '青海省海北藏族自治州刚察县沙柳河镇', '李明', '王强', '0970-8651234', 320, 'red', 1, 't', 't'),
 (2, 'e2', '91630102MA7517KX0R', '西宁示例商贸城有限公司', '630102', '青海省西宁市城东区八一路', '赵丽', '陈晨', '0971-8123456', 85, 'yellow', 0, 't', 't');
INSERT INTO enterprise_sector (enterprise_id, sector, position) VALUES (1, 'coal', 0), (2, 'fire', 0), (2, 'gas', 1);
INSERT INTO inspection (id, uuid, enterprise_id, date, kind, body, inspectors, created_at) VALUES
 (1, 'i1', 1, '2021-09-01', 'union', '海北州总工会', '马海龙,韩雪', 't'),
 (2, 'i2', 1, '2021-09-21', 'special', '刚察县应急管理局', '周杰', 't'),
 (3, 'i3', 2, '2021-09-15', 'routine', '企业安全部', '陈晨', 't');
INSERT INTO hazard (id, uuid, no, enterprise_id, sector, inspection_id, found_on, location, description, category, level, basis, status, due_on, owner, measures, funds, emergency_plan, completed_on, closed_on, extensions, dedupe_key, created_at, updated_at) VALUES
 (1, 'h1', 'YH-2021-000001', 1, 'coal', 1, '2021-09-01', '主斜井', '主斜井架空乘人装置越位保护失效', 'equipment', 'general', NULL, 'closed', '2021-09-10', '张伟', '更换越位开关', 200000, NULL, '2021-09-21', '2021-09-22', 0, 1, 't', 't'),
 (2, 'h2', 'YH-2021-000002', 1, 'coal', 2, '2021-09-21', '1201采煤工作面', '采煤工作面瓦斯超限作业', 'equipment', 'major', '煤矿重大事故隐患判定标准第六条', 'rectifying', '2021-09-25', '李强', '停产撤人，加强通风', 5000000, '瓦斯超限应急预案', NULL, NULL, 1, 2, 't', 't'),
 (3, 'h3', 'YH-2021-000003', 2, 'fire', 3, '2021-09-15', '二楼仓库', '疏散通道堆放杂物', 'management', 'general', NULL, 'open', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 3, 't', 't'),
 (4, 'h4', 'YH-2021-000004', 2, 'fire', 3, '2021-09-22', '一楼', '重复登记', 'management', 'general', NULL, 'void', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 4, 't', 't'),
 (5, 'h5', 'YH-2021-000005', 2, 'fire', 3, '2021-09-14', '配电室', '=配电箱门未关闭', 'equipment', 'general', NULL, 'submitted', '2021-09-20', '陈晨', '关闭箱门并上锁', NULL, NULL, '2021-09-24', NULL, 0, 5, 't', 't'),
 (6, 'h6', 'YH-2021-000006', 1, 'coal', 2, '2021-09-23', '井口', '入井人员未佩戴自救器', 'behaviour', 'general', NULL, 'closed', NULL, NULL, NULL, NULL, NULL, '2021-09-23', '2021-09-23', 0, 6, 't', 't'),
 (7, 'h7', 'YH-2021-000007', 1, 'coal', NULL, '2021-08-01', '井下变电所', '井下变电所无防爆措施', 'equipment', 'major', '煤矿重大事故隐患判定标准第十条', 'closed', '2021-08-15', '王强', '更换防爆设备', 800000, '停电应急预案', '2021-08-19', '2021-08-20', 0, 7, 't', 't'),
 (8, 'h8', 'YH-2021-000008', 2, 'gas', 3, '2021-09-24', '餐饮区', '燃气软管老化未更换', 'equipment', 'general', NULL, 'open', '2021-09-29', NULL, NULL, NULL, NULL, NULL, NULL, 0, 8, 't', 't');
