--
-- WITH queries: several items, items referring to earlier ones, one query referenced twice,
-- MATERIALIZED / NOT MATERIALIZED, column lists, WITH in subqueries; WITH RECURSIVE with UNION
-- ALL and UNION (series, a tree walk, a LIMIT ending an endless recursion) and its errors
--
CREATE TABLE cte_emp (id int4, boss int4, name text, salary numeric(8,2));
INSERT INTO cte_emp VALUES (1, NULL, 'ceo', 300), (2, 1, 'cto', 200), (3, 1, 'cfo', 200),
  (4, 2, 'dev1', 100), (5, 2, 'dev2', 110), (6, 4, 'intern', 10);
WITH rich AS (SELECT * FROM cte_emp WHERE salary >= 200) SELECT name FROM rich ORDER BY name;
WITH a AS (SELECT 1 AS x), b AS (SELECT x + 1 AS y FROM a) SELECT * FROM a, b;
WITH t(n, label) AS (SELECT id, name FROM cte_emp WHERE id < 3) SELECT label, n FROM t ORDER BY n;
WITH t(n) AS (SELECT id, name FROM cte_emp WHERE id < 3) SELECT * FROM t ORDER BY n;
WITH d AS (SELECT boss, count(*) AS c FROM cte_emp GROUP BY boss)
SELECT e.name, d.c FROM cte_emp e JOIN d ON d.boss = e.id ORDER BY e.name;
WITH s AS (SELECT salary FROM cte_emp) SELECT count(*) FROM s a, s b WHERE a.salary = b.salary;
WITH s AS MATERIALIZED (SELECT id FROM cte_emp) SELECT max(id) FROM s;
WITH s AS NOT MATERIALIZED (SELECT id FROM cte_emp) SELECT count(*) FROM s s1 JOIN s s2 USING (id);
WITH q AS (SELECT id FROM cte_emp) SELECT count(*) FROM q WHERE id IN (SELECT id + 1 FROM q);
WITH q AS (SELECT id FROM cte_emp WHERE id < 3) SELECT * FROM q UNION ALL SELECT * FROM q ORDER BY 1;
SELECT * FROM (WITH q AS (SELECT 5 AS v) SELECT v * 2 AS w FROM q) s;
SELECT (WITH q AS (SELECT 7 AS v) SELECT v FROM q);
WITH outer_q AS (SELECT 1 AS a) SELECT (WITH inner_q AS (SELECT a + 1 AS b FROM outer_q) SELECT b FROM inner_q);
WITH unused AS (SELECT 1) SELECT 'only the body' AS r;
-- recursive
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 5) SELECT * FROM t;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT * FROM t LIMIT 4;
WITH RECURSIVE t(n) AS (SELECT 0 UNION SELECT (n + 1) % 3 FROM t) SELECT * FROM t ORDER BY n;
WITH RECURSIVE chain(id, name, depth, path) AS (
    SELECT id, name, 0, name FROM cte_emp WHERE boss IS NULL
  UNION ALL
    SELECT e.id, e.name, c.depth + 1, c.path || ' > ' || e.name
    FROM cte_emp e JOIN chain c ON e.boss = c.id
)
SELECT depth, path FROM chain ORDER BY path;
WITH RECURSIVE under(id) AS (
    SELECT id FROM cte_emp WHERE name = 'cto'
  UNION
    SELECT e.id FROM cte_emp e, under u WHERE e.boss = u.id
)
SELECT sum(salary) FROM cte_emp WHERE id IN (SELECT id FROM under);
WITH RECURSIVE f(n, fact) AS (SELECT 1, 1::numeric UNION ALL SELECT n + 1, fact * (n + 1) FROM f WHERE n < 20)
SELECT n, fact FROM f ORDER BY n DESC LIMIT 3;
WITH RECURSIVE s(w) AS (SELECT 'a' UNION ALL SELECT w || 'b' FROM s WHERE length(w) < 3) SELECT * FROM s;
WITH RECURSIVE h(x) AS (SELECT 1::numeric UNION ALL SELECT x / 2 FROM h WHERE x > 0.2) SELECT * FROM h;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM (SELECT * FROM t) s WHERE n < 3) SELECT * FROM t;
WITH RECURSIVE a(n) AS (SELECT 1), b(m) AS (SELECT n + 1 FROM a) SELECT * FROM a, b;
-- WITH queries used by correlated subqueries, and WITH inside a correlated subquery (recomputed per outer row)
WITH c AS (SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (2, 'c')) v(x, y))
SELECT t.x, (SELECT count(*) FROM c WHERE c.x = t.x), (SELECT string_agg(y, ',' ORDER BY y) FROM c c2 WHERE c2.x = t.x)
FROM (VALUES (1), (2), (3)) t(x) ORDER BY 1;
WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 10)
SELECT t.x, (SELECT sum(n) FROM s WHERE n <= t.x) FROM (VALUES (3), (5)) t(x) ORDER BY 1;
SELECT t.x, (WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < t.x) SELECT count(*) FROM s)
FROM (VALUES (3), (5)) t(x) ORDER BY 1;
SELECT t.x, (WITH m AS MATERIALIZED (SELECT t.x * 2 AS d) SELECT d FROM m) FROM (VALUES (3), (5)) t(x) ORDER BY 1;
-- errors
WITH x(a, b) AS (SELECT 1) SELECT * FROM x;
WITH x AS (SELECT 1), x AS (SELECT 2) SELECT * FROM x;
WITH RECURSIVE t(n) AS (SELECT n FROM t UNION ALL SELECT 1) SELECT * FROM t;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t, t t2) SELECT * FROM t;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT (SELECT n FROM t)) SELECT * FROM t;
WITH RECURSIVE t(n) AS (SELECT 1 INTERSECT SELECT n + 1 FROM t) SELECT * FROM t;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n::int8 + 1 FROM t WHERE n < 3) SELECT * FROM t;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 3 ORDER BY 1) SELECT * FROM t;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT count(*) FROM t) SELECT * FROM t;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT t.n + 1 FROM cte_emp LEFT JOIN t ON true WHERE t.n < 3) SELECT * FROM t;
SELECT * FROM not_a_cte;
-- plans
EXPLAIN (COSTS OFF) WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 5) SELECT * FROM t;
EXPLAIN (COSTS OFF) WITH RECURSIVE t(n) AS (SELECT 1 UNION SELECT n + 1 FROM t WHERE n < 5) SELECT * FROM t t1 LIMIT 3;
EXPLAIN (COSTS OFF) WITH s AS MATERIALIZED (SELECT id FROM cte_emp) SELECT * FROM s;
DROP TABLE cte_emp;
