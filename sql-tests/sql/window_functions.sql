--
-- Window functions: ranking (row_number, rank, dense_rank, percent_rank, cume_dist, ntile),
-- offsets (lag, lead), frame values (first_value, last_value, nth_value), aggregates over
-- windows with the default frame and ROWS/RANGE frames, named windows, windows over grouped
-- rows, window functions in ORDER BY and under DISTINCT, and the errors
--
CREATE TABLE win_emp (dept text, name text, salary int4, bonus numeric(6,2));
INSERT INTO win_emp VALUES
  ('eng', 'ann', 5200, 100.50), ('eng', 'bob', 4200, NULL), ('eng', 'cid', 4500, 20),
  ('eng', 'dan', 6000, 300), ('eng', 'eve', 5200, 100.50), ('ops', 'fay', 3900, 10),
  ('ops', 'gus', 3500, NULL), ('hr', 'hal', 4800, 50), ('hr', 'ida', NULL, 5);
SELECT dept, name, salary,
       row_number() OVER (PARTITION BY dept ORDER BY salary DESC, name) AS rn,
       rank() OVER (PARTITION BY dept ORDER BY salary DESC) AS rnk,
       dense_rank() OVER (PARTITION BY dept ORDER BY salary DESC) AS drnk
FROM win_emp ORDER BY dept, rn;
SELECT name, salary, percent_rank() OVER (ORDER BY salary), cume_dist() OVER (ORDER BY salary),
       ntile(4) OVER (ORDER BY salary NULLS FIRST, name)
FROM win_emp ORDER BY salary NULLS FIRST, name;
SELECT name, salary,
       lag(salary) OVER (ORDER BY name) AS prev,
       lead(salary, 2) OVER (ORDER BY name) AS next2,
       lag(name, 1, 'none') OVER (PARTITION BY dept ORDER BY name) AS prev_in_dept,
       lead(bonus, 1, 0) OVER (ORDER BY name) AS next_bonus
FROM win_emp ORDER BY name;
SELECT dept, name,
       first_value(name) OVER w AS first, last_value(name) OVER w AS last, nth_value(name, 2) OVER w AS second
FROM win_emp
WINDOW w AS (PARTITION BY dept ORDER BY name ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
ORDER BY dept, name;
SELECT dept, name, last_value(name) OVER (PARTITION BY dept ORDER BY salary) AS last_default_frame
FROM win_emp ORDER BY dept, name;
-- aggregates over windows
SELECT dept, name, salary,
       sum(salary) OVER (PARTITION BY dept) AS dept_total,
       sum(salary) OVER (PARTITION BY dept ORDER BY salary) AS running,
       avg(salary) OVER (PARTITION BY dept) AS dept_avg,
       count(*) OVER () AS n_all,
       count(salary) OVER (PARTITION BY dept) AS n_paid
FROM win_emp ORDER BY dept, salary, name;
SELECT name, salary,
       sum(salary) OVER (ORDER BY name ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS around,
       min(salary) OVER (ORDER BY name ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS min3,
       max(salary) OVER (ORDER BY name ROWS UNBOUNDED PRECEDING) AS max_so_far,
       sum(bonus) OVER (ORDER BY name ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS bonus_rest,
       count(*) OVER (ORDER BY salary RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS at_least
FROM win_emp ORDER BY name;
SELECT name, sum(salary) OVER (ORDER BY name ROWS BETWEEN 2 FOLLOWING AND 3 FOLLOWING) AS ahead
FROM win_emp ORDER BY name;
-- RANGE frames with offsets (one numeric ORDER BY key; NULL keys frame their NULL peers)
SELECT v, sum(v) OVER (ORDER BY v RANGE BETWEEN 2 PRECEDING AND 2 FOLLOWING) AS s,
  count(*) OVER (ORDER BY v DESC RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) AS c,
  min(v) OVER (ORDER BY v RANGE BETWEEN CURRENT ROW AND 3 FOLLOWING) AS m,
  count(*) OVER (ORDER BY v NULLS FIRST RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
FROM (VALUES (1), (2), (2), (5), (6), (NULL), (10)) t(v) ORDER BY v;
SELECT n, sum(n) OVER (ORDER BY n RANGE BETWEEN 0.5 PRECEDING AND 0.5 FOLLOWING) FROM (VALUES (1.0), (1.4), (2.2), (3)) t(n) ORDER BY n;
SELECT f, count(*) OVER (ORDER BY f RANGE BETWEEN 1.5 PRECEDING AND UNBOUNDED FOLLOWING) FROM (VALUES (1.0::float8), (2.0), (3.5)) t(f)
ORDER BY f;
SELECT name, salary, avg(salary) OVER (PARTITION BY dept ORDER BY salary RANGE 500 PRECEDING) AS near_below FROM win_emp
ORDER BY dept, salary, name;
SELECT pg_typeof(sum(salary) OVER ()), pg_typeof(avg(bonus) OVER ()), pg_typeof(row_number() OVER ()),
       pg_typeof(ntile(2) OVER ()), pg_typeof(percent_rank() OVER ()) FROM win_emp LIMIT 1;
-- over grouped rows, in ORDER BY, with DISTINCT, nested in expressions
SELECT dept, sum(salary) AS total, rank() OVER (ORDER BY sum(salary) DESC) AS place,
       sum(sum(salary)) OVER (ORDER BY dept) AS cumulative
FROM win_emp GROUP BY dept ORDER BY dept;
SELECT name FROM win_emp ORDER BY row_number() OVER (ORDER BY salary DESC NULLS LAST, name) LIMIT 3;
SELECT DISTINCT dept, count(*) OVER (PARTITION BY dept) AS n FROM win_emp ORDER BY dept;
SELECT name, salary * 100 / sum(salary) OVER (PARTITION BY dept) AS pct FROM win_emp WHERE salary IS NOT NULL ORDER BY name;
SELECT * FROM (SELECT name, row_number() OVER (PARTITION BY dept ORDER BY salary DESC) AS r FROM win_emp) s
WHERE r = 1 ORDER BY name;
SELECT name, row_number() OVER w, rank() OVER (w ORDER BY salary) FROM win_emp WINDOW w AS (PARTITION BY dept) ORDER BY name;
SELECT row_number() OVER () AS only_row;
SELECT name, count(*) FILTER (WHERE salary > 4500) OVER (ORDER BY name) AS rich_so_far,
       sum(salary) FILTER (WHERE dept <> 'eng') OVER () AS non_eng
FROM win_emp ORDER BY name;
-- errors
SELECT * FROM win_emp WHERE row_number() OVER () > 1;
SELECT ntile(0) OVER () FROM win_emp;
SELECT nth_value(name, 0) OVER () FROM win_emp;
SELECT count(DISTINCT salary) OVER () FROM win_emp;
SELECT row_number() OVER (w2) FROM win_emp WINDOW w1 AS (ORDER BY salary);
SELECT lag(salary, 1, 'x') OVER () FROM win_emp;
SELECT lower(name) OVER () FROM win_emp;
SELECT sum(salary) OVER (ORDER BY name ROWS BETWEEN -1 PRECEDING AND CURRENT ROW) FROM win_emp;
SELECT row_number(1) OVER () FROM win_emp;
SELECT row_number() FILTER (WHERE true) OVER () FROM win_emp;
SELECT sum(salary) OVER (RANGE 1 PRECEDING) FROM win_emp;
SELECT sum(salary) OVER (ORDER BY salary RANGE -1 PRECEDING) FROM win_emp;
SELECT sum(salary) OVER (ORDER BY salary RANGE BETWEEN 1 FOLLOWING AND 1 PRECEDING) FROM win_emp;
SELECT sum(salary) OVER (ORDER BY salary ROWS BETWEEN CURRENT ROW AND 1 PRECEDING) FROM win_emp;
-- plans
EXPLAIN (COSTS OFF) SELECT row_number() OVER (ORDER BY salary) FROM win_emp;
EXPLAIN (COSTS OFF) SELECT sum(salary) OVER (PARTITION BY dept ORDER BY name DESC) FROM win_emp;
EXPLAIN (COSTS OFF) SELECT count(*) OVER () FROM win_emp;
DROP TABLE win_emp;
