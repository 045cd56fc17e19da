-- `ankang hazard list --overdue --format csv --today 2022-01-10` by hand in the sqlite3 shell
-- (run with -csv -header): the same rows and columns, on the partial index hazard_due.
SELECT h.id, h.no, e.uscc, e.name AS enterprise, h.sector, h.found_on, h.location, h.description, h.level,
       h.status, h.due_on, h.owner
FROM hazard h JOIN enterprise e ON e.id = h.enterprise_id
WHERE h.status IN ('open', 'rectifying') AND h.due_on < '2022-01-10'
ORDER BY h.found_on, h.id;
