--
-- Correlated subqueries: scalar, EXISTS / NOT EXISTS, IN / NOT IN (with NULLs) referring to the
-- outer row in WHERE, the select list, HAVING and ORDER BY; two levels deep; inside set
-- operations and FROM subqueries of the subquery; in UPDATE and DELETE
--
CREATE TABLE corr_emp (id int4, name text, dept int4, salary int4);
CREATE TABLE corr_dept (id int4, title text);
INSERT INTO corr_emp VALUES (1, 'ann', 10, 100), (2, 'bob', 20, 80), (3, 'cid', 10, 120), (4, 'dan', NULL, 90),
  (5, 'eve', 20, 85);
INSERT INTO corr_dept VALUES (10, 'eng'), (20, 'ops'), (30, 'hr');
SELECT name, (SELECT title FROM corr_dept d WHERE d.id = e.dept) AS title FROM corr_emp e ORDER BY id;
SELECT name FROM corr_emp e WHERE salary > (SELECT avg(salary) FROM corr_emp e2 WHERE e2.dept = e.dept) ORDER BY name;
SELECT title FROM corr_dept d WHERE EXISTS (SELECT 1 FROM corr_emp e WHERE e.dept = d.id) ORDER BY 1;
SELECT title FROM corr_dept d WHERE NOT EXISTS (SELECT 1 FROM corr_emp e WHERE e.dept = d.id) ORDER BY 1;
SELECT name, salary IN (SELECT salary FROM corr_emp e2 WHERE e2.dept = e.dept AND e2.id <> e.id) AS twin
FROM corr_emp e ORDER BY id;
SELECT name FROM corr_emp e WHERE dept NOT IN (SELECT id FROM corr_dept d WHERE d.title <> e.name AND d.id < 30) ORDER BY 1;
-- NOT IN with a NULL in the subquery's rows, and a NULL on the left
SELECT name, dept NOT IN (SELECT d.id FROM corr_dept d WHERE d.id > e.id * 5 UNION ALL SELECT NULL) AS not_in
FROM corr_emp e ORDER BY id;
SELECT name, dept IN (SELECT d.id FROM corr_dept d WHERE d.id <> e.id) AS in_dept FROM corr_emp e ORDER BY id;
SELECT d.title, (SELECT count(*) FROM corr_emp e WHERE e.dept = d.id) AS n,
       (SELECT max(salary) FROM corr_emp e WHERE e.dept = d.id) AS top
FROM corr_dept d ORDER BY 1;
SELECT name FROM corr_emp o WHERE 1 = (SELECT count(*) FROM corr_emp i WHERE i.salary >= o.salary);
SELECT title, (SELECT n FROM (SELECT name AS n FROM corr_emp e WHERE e.dept = d.id ORDER BY salary DESC LIMIT 1) s) AS best
FROM corr_dept d ORDER BY 1;
SELECT name, (SELECT (SELECT d.title FROM corr_dept d WHERE d.id = e.dept)) AS two_levels FROM corr_emp e ORDER BY 1;
SELECT dept, (SELECT title FROM corr_dept d WHERE d.id = e.dept) AS title FROM corr_emp e GROUP BY dept ORDER BY 1;
SELECT dept, count(*) FROM corr_emp e GROUP BY dept
HAVING count(*) > (SELECT count(*) FROM corr_dept d WHERE d.id < e.dept) - 1 ORDER BY 1;
SELECT name FROM corr_emp e
WHERE EXISTS (SELECT 1 FROM corr_dept d WHERE d.id = e.dept AND d.title IN (SELECT 'eng' UNION SELECT e.name)) ORDER BY 1;
SELECT name FROM corr_emp e ORDER BY (SELECT title FROM corr_dept d WHERE d.id = e.dept) NULLS FIRST, name;
SELECT e.name, e2.name AS peer FROM corr_emp e JOIN corr_emp e2 ON e.dept = e2.dept AND e.id < e2.id
WHERE e2.salary > (SELECT min(salary) FROM corr_emp e3 WHERE e3.dept = e.dept) ORDER BY 1, 2;
SELECT (SELECT x FROM (VALUES (1), (2)) v(x) WHERE x > e.id - 4) FROM corr_emp e ORDER BY id;
-- op ANY / SOME / ALL (subquery), uncorrelated and correlated, with NULLs and empty results
SELECT v, v > ALL (SELECT x FROM (VALUES (1), (5)) s(x)) AS gt_all, v = ANY (SELECT x FROM (VALUES (1), (5)) s(x)) AS eq_any,
  v < SOME (SELECT x FROM (VALUES (1), (NULL)) s(x)) AS lt_some, v <> ALL (SELECT x FROM (VALUES (1), (NULL)) s(x)) AS ne_all
FROM (VALUES (0), (1), (3), (7), (NULL)) t(v) ORDER BY v;
SELECT 1 > ALL (SELECT 1 WHERE false) AS all_empty, 1 = ANY (SELECT 1 WHERE false) AS any_empty;
SELECT name FROM corr_emp e WHERE salary >= ALL (SELECT salary FROM corr_emp e2 WHERE e2.dept = e.dept) ORDER BY 1;
SELECT title FROM corr_dept d WHERE d.id = ANY (SELECT dept FROM corr_emp WHERE salary > 90) ORDER BY 1;
SELECT 1 = ANY (SELECT 1, 2);
SELECT dept, (SELECT count(*) FROM corr_dept d WHERE d.id = e.id) FROM corr_emp e GROUP BY dept;
SELECT dept, (SELECT max(title) FROM corr_dept d WHERE d.id < e.dept + 5) AS t FROM corr_emp e GROUP BY dept ORDER BY 1;
-- IN (subquery) comparing different types in their common type
SELECT x, x IN (SELECT 1.0 UNION ALL SELECT 2.5) AS in_num, x NOT IN (SELECT 3::numeric) AS not_three
FROM (VALUES (1), (2), (3)) t(x) ORDER BY 1;
SELECT d FROM (VALUES ('2024-01-02'::date), ('2024-01-03')) t(d) WHERE d IN (SELECT '2024-01-02 00:00'::timestamp);
-- LATERAL subqueries and functions in FROM that use the items before them
SELECT d.title, s.name FROM corr_dept d, LATERAL (SELECT name FROM corr_emp e WHERE e.dept = d.id ORDER BY salary DESC LIMIT 1) s
ORDER BY 1;
SELECT d.title, s.name FROM corr_dept d LEFT JOIN LATERAL (SELECT name FROM corr_emp e WHERE e.dept = d.id ORDER BY name LIMIT 1) s
ON true ORDER BY 1;
SELECT d.id, s.c FROM corr_dept d CROSS JOIN LATERAL (SELECT count(*) AS c FROM corr_emp e WHERE e.dept <= d.id) s ORDER BY 1;
SELECT d.id, s.m FROM corr_dept d JOIN LATERAL (SELECT max(name) AS m FROM corr_emp e WHERE e.dept = d.id) s ON s.m IS NOT NULL
ORDER BY 1;
SELECT e.name, g FROM corr_emp e, generate_series(1, e.id % 3) g ORDER BY 1, 2;
SELECT e.id, x.total FROM corr_emp e, LATERAL (SELECT sum(g) AS total FROM generate_series(1, e.id) g) x ORDER BY 1;
SELECT * FROM corr_dept d, LATERAL (SELECT d.id * 10 AS ten) s WHERE s.ten > 100 ORDER BY 1;
-- writes
UPDATE corr_emp e SET salary = salary + (SELECT count(*) FROM corr_dept d WHERE d.id = e.dept)
WHERE EXISTS (SELECT 1 FROM corr_dept d WHERE d.id = e.dept AND title = 'eng');
SELECT name, salary FROM corr_emp ORDER BY id;
DELETE FROM corr_emp e WHERE salary < (SELECT avg(salary) FROM corr_emp e2 WHERE e2.dept = e.dept);
SELECT name FROM corr_emp ORDER BY 1;
DROP TABLE corr_emp;
DROP TABLE corr_dept;
