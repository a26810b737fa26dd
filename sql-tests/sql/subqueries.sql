--
-- Uncorrelated subqueries in expressions: scalar, IN / NOT IN (with NULLs), EXISTS, in WHERE,
-- the select list and HAVING; the errors for several rows and several columns
--
CREATE TABLE subq_emp (id int4, name text, dept int4);
CREATE TABLE subq_dept (id int4, title text);
INSERT INTO subq_emp VALUES (1, 'ann', 10), (2, 'bob', 20), (3, 'cid', 10), (4, 'dan', NULL);
INSERT INTO subq_dept VALUES (10, 'eng'), (20, 'ops'), (30, 'hr');
SELECT name FROM subq_emp WHERE dept IN (SELECT id FROM subq_dept WHERE title = 'eng') ORDER BY name;
SELECT name FROM subq_emp WHERE dept NOT IN (SELECT id FROM subq_dept WHERE title = 'eng') ORDER BY name;
SELECT name FROM subq_emp WHERE dept NOT IN (SELECT NULL::int4) ORDER BY name;
SELECT name, dept IN (SELECT id FROM subq_dept) AS known FROM subq_emp ORDER BY id;
SELECT id, name FROM subq_emp WHERE id = (SELECT max(id) FROM subq_emp);
SELECT (SELECT max(id) FROM subq_dept) AS top, (SELECT count(*) FROM subq_emp) AS n;
SELECT name, (SELECT title FROM subq_dept WHERE id = 20) AS other FROM subq_emp WHERE id < 3 ORDER BY id;
SELECT (SELECT id FROM subq_dept WHERE id > 100) IS NULL AS empty_is_null;
SELECT count(*) FROM subq_emp WHERE EXISTS (SELECT 1 FROM subq_dept WHERE id = 30);
SELECT count(*) FROM subq_emp WHERE NOT EXISTS (SELECT 1 FROM subq_dept WHERE id = 99);
SELECT dept, count(*) FROM subq_emp GROUP BY dept HAVING count(*) > (SELECT count(*) FROM subq_dept WHERE id < 20) ORDER BY dept;
SELECT s.title FROM (SELECT * FROM subq_dept WHERE id IN (SELECT dept FROM subq_emp)) AS s ORDER BY 1;
-- errors
SELECT (SELECT id FROM subq_dept);
SELECT (SELECT id, title FROM subq_dept WHERE id = 10);
DROP TABLE subq_emp;
DROP TABLE subq_dept;
