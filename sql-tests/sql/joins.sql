--
-- Joins: inner, left, right, full, cross, comma lists, USING, NATURAL, conditions that are not
-- equalities, NULL keys, and three-way joins
--
CREATE TABLE join_emp (id int4, name text, dept_id int4);
CREATE TABLE join_dept (id int4, title text, floor int4);
INSERT INTO join_emp VALUES (1, 'ann', 10), (2, 'bob', 20), (3, 'cid', 10), (4, 'dan', NULL), (5, 'eve', 40);
INSERT INTO join_dept VALUES (10, 'eng', 1), (20, 'ops', 2), (30, 'hr', 3);
SELECT e.name, d.title FROM join_emp e JOIN join_dept d ON e.dept_id = d.id ORDER BY e.name;
SELECT e.name, d.title FROM join_emp e INNER JOIN join_dept d ON d.id = e.dept_id WHERE d.floor = 1 ORDER BY 1;
SELECT e.name, d.title FROM join_emp e LEFT JOIN join_dept d ON e.dept_id = d.id ORDER BY e.name;
SELECT e.name, d.title FROM join_emp e LEFT OUTER JOIN join_dept d ON e.dept_id = d.id AND d.floor > 1 ORDER BY e.name;
SELECT e.name, d.title FROM join_emp e RIGHT JOIN join_dept d ON e.dept_id = d.id ORDER BY d.title, e.name;
SELECT e.name, d.title FROM join_emp e FULL JOIN join_dept d ON e.dept_id = d.id ORDER BY e.name, d.title;
SELECT e.name, d.title FROM join_emp e LEFT JOIN join_dept d ON e.dept_id = d.id WHERE d.id IS NULL ORDER BY 1;
SELECT count(*) FROM join_emp CROSS JOIN join_dept;
SELECT e.name, d.title FROM join_emp e, join_dept d WHERE e.dept_id = d.id AND e.id > 1 ORDER BY 1;
SELECT e.name, d.title FROM join_emp e JOIN join_dept d ON e.id < d.floor ORDER BY 1, 2;
SELECT e.name, d.title FROM join_emp e LEFT JOIN join_dept d ON e.id = d.floor AND e.name <> 'bob' ORDER BY 1;
-- USING and NATURAL merge their columns
CREATE TABLE join_a (k int4, x text);
CREATE TABLE join_b (k int4, y text);
INSERT INTO join_a VALUES (1, 'a1'), (2, 'a2'), (NULL, 'anull');
INSERT INTO join_b VALUES (2, 'b2'), (3, 'b3'), (NULL, 'bnull');
SELECT * FROM join_a JOIN join_b USING (k);
SELECT * FROM join_a NATURAL JOIN join_b;
SELECT * FROM join_a LEFT JOIN join_b USING (k) ORDER BY x;
SELECT * FROM join_a RIGHT JOIN join_b USING (k) ORDER BY y;
SELECT k, x, y FROM join_a FULL JOIN join_b USING (k) ORDER BY x, y;
SELECT join_a.k AS ak, join_b.k AS bk FROM join_a JOIN join_b USING (k);
SELECT * FROM join_a JOIN join_b USING (nosuch);
-- three tables
SELECT e.name, d.title, b.y FROM join_emp e JOIN join_dept d ON e.dept_id = d.id
    JOIN join_b b ON b.k = d.floor ORDER BY e.name;
SELECT e.name, d.title, a.x FROM join_emp e LEFT JOIN join_dept d ON e.dept_id = d.id
    LEFT JOIN join_a a ON a.k = d.floor ORDER BY e.name;
-- errors
SELECT id FROM join_emp, join_dept;
SELECT e.name FROM join_emp e JOIN join_dept d ON e.dept_id = q.id;
DROP TABLE join_emp;
DROP TABLE join_dept;
DROP TABLE join_a;
DROP TABLE join_b;
