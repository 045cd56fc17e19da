-- `ankang hazard list --overdue --format csv --today 2022-01-10` by hand in the sqlite3 shell
-- (run with -csv -header): the same rows, in the same order, with the same columns (the export
-- format: every field of the hazard, its enterprise and its inspection, funds in yuan), on the
-- indexes ankang creates. The peer of case 3 in bench/run.sh (issue 7).
SELECT h.no, e.uscc, e.name AS enterprise, h.found_on, i.kind, i.body, h.found_by, h.location, h.description,
       h.category, h.level, h.basis, h.stop_production, h.due_on, h.owner_dept, h.owner, h.measures,
       CASE WHEN h.funds IS NOT NULL THEN printf('%d.%02d', h.funds / 100, h.funds % 100) END AS funds,
       h.emergency_plan, h.status, CASE WHEN h.on_spot THEN 'yes' ELSE 'no' END AS on_spot, h.completed_on,
       h.verified_by, h.verified_on, h.closed_on, h.voided_on, h.sector
FROM hazard h JOIN enterprise e ON e.id = h.enterprise_id LEFT JOIN inspection i ON i.id = h.inspection_id
WHERE h.status IN ('open', 'rectifying') AND h.due_on < '2022-01-10'
ORDER BY h.found_on, h.id;
