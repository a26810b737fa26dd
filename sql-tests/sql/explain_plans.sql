--
-- EXPLAIN with COSTS OFF: plan shapes of simple queries over tables without statistics
--
CREATE TABLE expl_emp (id int4, name text, dept int4);
CREATE TABLE expl_dept (id int4, title text);
INSERT INTO expl_emp VALUES (1, 'ann', 10), (2, 'bob', 20), (3, 'cid', 10), (4, 'dan', NULL);
INSERT INTO expl_dept VALUES (10, 'eng'), (20, 'ops'), (30, 'hr');
EXPLAIN (COSTS OFF) SELECT * FROM expl_emp;
EXPLAIN (COSTS OFF) SELECT * FROM expl_emp WHERE dept = 10;
EXPLAIN (COSTS OFF) SELECT name FROM expl_emp WHERE id > 1 AND dept = 10;
EXPLAIN (COSTS OFF) SELECT e.name, d.title FROM expl_emp e JOIN expl_dept d ON e.dept = d.id WHERE d.title = 'eng';
EXPLAIN (COSTS OFF) SELECT e.name, d.title FROM expl_emp e LEFT JOIN expl_dept d ON e.dept = d.id AND d.id > 5;
EXPLAIN (COSTS OFF) SELECT count(*) FROM expl_emp;
EXPLAIN (COSTS OFF) SELECT count(*), sum(id) FROM expl_emp WHERE id % 2 = 0;
EXPLAIN (COSTS OFF) SELECT dept, count(*) FROM expl_emp GROUP BY dept;
EXPLAIN (COSTS OFF) SELECT dept, count(*) FROM expl_emp GROUP BY dept ORDER BY dept;
EXPLAIN (COSTS OFF) SELECT dept, count(*) FROM expl_emp GROUP BY dept HAVING count(*) > 1 ORDER BY 2 DESC;
EXPLAIN (COSTS OFF) SELECT DISTINCT dept FROM expl_emp;
EXPLAIN (COSTS OFF) SELECT * FROM expl_emp ORDER BY name;
EXPLAIN (COSTS OFF) SELECT * FROM expl_emp ORDER BY id LIMIT 2;
EXPLAIN (COSTS OFF) SELECT name FROM expl_emp ORDER BY id + 1 DESC NULLS LAST;
EXPLAIN (COSTS OFF) SELECT * FROM generate_series(1, 10) g WHERE g > 3;
EXPLAIN (COSTS OFF) SELECT generate_series(1, 3);
EXPLAIN (COSTS OFF) SELECT 1;
EXPLAIN SELECT * FROM expl_emp;
EXPLAIN SELECT * FROM expl_emp WHERE id = 1;
EXPLAIN SELECT count(*) FROM expl_emp;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM expl_emp WHERE dept = 10;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(*) FROM expl_emp;
-- option errors
EXPLAIN (NOSUCH) SELECT 1;
EXPLAIN (TIMING) SELECT 1;
DROP TABLE expl_emp;
DROP TABLE expl_dept;
