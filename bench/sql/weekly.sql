-- The figures of `ankang report weekly --period 2021-W35 --today 2022-01-10`, written by hand as
-- a user would in the sqlite3 shell: one straightforward query per figure, on the indexes ankang
-- creates. The peer of case 2 in bench/run.sh (issue 7).
-- Period 2021-08-30 .. 2021-09-05; previous week 2021-08-23 .. 2021-08-29. Definitions: DESIGN §7
-- (voided hazards count nowhere; the status at the period end is reconstructed from
-- completed_on and closed_on).

-- headline, this week and last week: new, closed, open at start, open at end, overdue at end, major open
SELECT count(*) FROM hazard WHERE found_on BETWEEN '2021-08-30' AND '2021-09-05' AND status <> 'void';
SELECT count(*) FROM hazard WHERE closed_on BETWEEN '2021-08-30' AND '2021-09-05' AND status <> 'void';
SELECT count(*) FROM hazard WHERE found_on < '2021-08-30' AND (closed_on IS NULL OR closed_on >= '2021-08-30') AND status <> 'void';
SELECT count(*) FROM hazard WHERE found_on <= '2021-09-05' AND (closed_on IS NULL OR closed_on > '2021-09-05') AND status <> 'void';
SELECT count(*) FROM hazard WHERE found_on <= '2021-09-05' AND due_on < '2021-09-05'
  AND (completed_on IS NULL OR completed_on > '2021-09-05') AND (closed_on IS NULL OR closed_on > '2021-09-05') AND status <> 'void';
SELECT count(*) FROM hazard WHERE level = 'major' AND found_on <= '2021-09-05' AND (closed_on IS NULL OR closed_on > '2021-09-05') AND status <> 'void';

SELECT count(*) FROM hazard WHERE found_on BETWEEN '2021-08-23' AND '2021-08-29' AND status <> 'void';
SELECT count(*) FROM hazard WHERE closed_on BETWEEN '2021-08-23' AND '2021-08-29' AND status <> 'void';
SELECT count(*) FROM hazard WHERE found_on < '2021-08-23' AND (closed_on IS NULL OR closed_on >= '2021-08-23') AND status <> 'void';
SELECT count(*) FROM hazard WHERE found_on <= '2021-08-29' AND (closed_on IS NULL OR closed_on > '2021-08-29') AND status <> 'void';
SELECT count(*) FROM hazard WHERE found_on <= '2021-08-29' AND due_on < '2021-08-29'
  AND (completed_on IS NULL OR completed_on > '2021-08-29') AND (closed_on IS NULL OR closed_on > '2021-08-29') AND status <> 'void';
SELECT count(*) FROM hazard WHERE level = 'major' AND found_on <= '2021-08-29' AND (closed_on IS NULL OR closed_on > '2021-08-29') AND status <> 'void';

-- by sector, by prefecture, by level: new, closed, open at end, overdue at end
SELECT sector,
       sum(found_on >= '2021-08-30'),
       sum(closed_on BETWEEN '2021-08-30' AND '2021-09-05'),
       sum(closed_on IS NULL OR closed_on > '2021-09-05'),
       sum(due_on < '2021-09-05' AND (completed_on IS NULL OR completed_on > '2021-09-05') AND (closed_on IS NULL OR closed_on > '2021-09-05'))
FROM hazard WHERE found_on <= '2021-09-05' AND status <> 'void' GROUP BY sector ORDER BY sector;
SELECT substr(e.region_code, 1, 4) || '00' AS prefecture,
       sum(h.found_on >= '2021-08-30'),
       sum(h.closed_on BETWEEN '2021-08-30' AND '2021-09-05'),
       sum(h.closed_on IS NULL OR h.closed_on > '2021-09-05'),
       sum(h.due_on < '2021-09-05' AND (h.completed_on IS NULL OR h.completed_on > '2021-09-05') AND (h.closed_on IS NULL OR h.closed_on > '2021-09-05'))
FROM hazard h JOIN enterprise e ON e.id = h.enterprise_id
WHERE h.found_on <= '2021-09-05' AND h.status <> 'void' GROUP BY prefecture ORDER BY prefecture;
SELECT level,
       sum(found_on >= '2021-08-30'),
       sum(closed_on BETWEEN '2021-08-30' AND '2021-09-05'),
       sum(closed_on IS NULL OR closed_on > '2021-09-05'),
       sum(due_on < '2021-09-05' AND (completed_on IS NULL OR completed_on > '2021-09-05') AND (closed_on IS NULL OR closed_on > '2021-09-05'))
FROM hazard WHERE found_on <= '2021-09-05' AND status <> 'void' GROUP BY level ORDER BY level;

-- open major hazards with their 五落实 state
SELECT h.no, e.name, h.found_on, h.status, h.owner IS NOT NULL, h.measures IS NOT NULL, h.funds IS NOT NULL,
       h.due_on IS NOT NULL, h.emergency_plan IS NOT NULL
FROM hazard h JOIN enterprise e ON e.id = h.enterprise_id
WHERE h.level = 'major' AND h.found_on <= '2021-09-05' AND (h.closed_on IS NULL OR h.closed_on > '2021-09-05') AND h.status <> 'void'
ORDER BY h.found_on, h.id;

-- overdue at the end of the week, most days overdue first
SELECT h.no, e.name, h.level, h.due_on, julianday('2021-09-05') - julianday(h.due_on) AS days
FROM hazard h JOIN enterprise e ON e.id = h.enterprise_id
WHERE h.status IN ('open', 'rectifying') AND h.due_on < '2021-09-05'
ORDER BY h.due_on, h.id;

-- due in the next 7 days
SELECT h.no, e.name, h.level, h.due_on
FROM hazard h JOIN enterprise e ON e.id = h.enterprise_id
WHERE h.status IN ('open', 'rectifying') AND h.due_on BETWEEN '2021-09-06' AND '2021-09-12'
ORDER BY h.due_on, h.id;

-- enterprises with the most open hazards
SELECT e.uscc, e.name, count(*) AS open
FROM hazard h JOIN enterprise e ON e.id = h.enterprise_id
WHERE h.status IN ('open', 'rectifying')
GROUP BY h.enterprise_id ORDER BY open DESC, e.uscc LIMIT 10;
