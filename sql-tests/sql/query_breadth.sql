--
-- Aggregates of issue 5 (FILTER, string_agg with ORDER BY / DISTINCT, bool_and / bool_or /
-- every, stddev / variance and their variants with PostgreSQL's types and numeric output),
-- SELECT DISTINCT ON, ORDER BY ... NULLS FIRST / LAST with ordinals and aliases, BETWEEN
-- [SYMMETRIC], IS [NOT] DISTINCT FROM, CASE in every clause, VALUES as a table
--
CREATE TABLE qb (g int4, v int4, t text, b bool, n numeric(8,3), f float8, r float4);
INSERT INTO qb VALUES (1, 10, 'a', true, 1.5, 1.25, 1.5), (1, 20, 'b', false, 2.5, 2.5, 2),
  (2, 5, NULL, true, NULL, NULL, NULL), (2, NULL, 'c', NULL, 3, 4, 4), (3, 7, 'd', true, 4.25, 0.5, 0.25),
  (3, 7, 'e', true, -1.125, -3, 8);
-- FILTER
SELECT g, count(*) FILTER (WHERE v > 6) AS big, sum(v) FILTER (WHERE b) AS sum_true FROM qb GROUP BY g ORDER BY g;
SELECT count(*) FILTER (WHERE t IS NULL), count(DISTINCT g) FILTER (WHERE v > 5), avg(n) FILTER (WHERE n > 0) FROM qb;
SELECT g FROM qb GROUP BY g HAVING count(*) FILTER (WHERE b) >= 2 ORDER BY g;
-- string_agg
SELECT string_agg(t, ',') FROM qb;
SELECT g, string_agg(t, '-' ORDER BY t DESC) FROM qb GROUP BY g ORDER BY g;
SELECT string_agg(DISTINCT t, ',' ORDER BY t) FROM (SELECT t FROM qb UNION ALL SELECT t FROM qb) s;
SELECT string_agg(t, NULL) FROM qb;
SELECT string_agg(v::text, ', ' ORDER BY v NULLS FIRST) FROM qb;
SELECT string_agg(t, ',') FILTER (WHERE g > 1) AS late, string_agg(t, ',') FILTER (WHERE g > 9) AS none FROM qb;
SELECT string_agg(t, ',') OVER (ORDER BY t) FROM qb WHERE t < 'c' ORDER BY 1;
-- bool_and / bool_or / every
SELECT bool_and(b), bool_or(b), every(b) FROM qb;
SELECT g, bool_and(b), bool_or(NOT b), every(v > 6) FROM qb GROUP BY g ORDER BY g;
SELECT bool_and(b) FROM qb WHERE false;
-- variance and standard deviation
SELECT stddev(v), stddev_samp(v), stddev_pop(v), variance(v), var_samp(v), var_pop(v) FROM qb;
SELECT stddev(n), variance(n), var_pop(n), stddev_pop(n) FROM qb;
SELECT stddev(f), variance(f), stddev_pop(f), var_pop(f), stddev(r), variance(r) FROM qb;
SELECT g, stddev(v), variance(v), var_pop(v), stddev(f) FROM qb GROUP BY g ORDER BY g;
SELECT variance(x), stddev(x) FROM (VALUES (1::int8), (1), (1)) s(x);
SELECT pg_typeof(stddev(v)), pg_typeof(stddev(f)), pg_typeof(variance(2::int8)), pg_typeof(stddev(r)),
       pg_typeof(var_pop(n)) FROM qb LIMIT 1;
-- DISTINCT ON
SELECT DISTINCT ON (g) g, v, t FROM qb ORDER BY g, v DESC;
SELECT DISTINCT ON (g) g, v FROM qb ORDER BY g, v NULLS FIRST;
SELECT DISTINCT ON (g % 2) g FROM qb ORDER BY g % 2, g DESC;
SELECT DISTINCT ON (b) b, t FROM qb ORDER BY b NULLS FIRST, t;
SELECT DISTINCT ON (g, v) g, v FROM qb ORDER BY v, g;
SELECT DISTINCT ON (g) t FROM qb ORDER BY g, t DESC LIMIT 2;
SELECT DISTINCT ON (g) g, v FROM qb ORDER BY v;
-- ORDER BY with NULLS FIRST / LAST, ordinals, aliases
SELECT v FROM qb ORDER BY v NULLS FIRST;
SELECT v FROM qb ORDER BY v DESC NULLS LAST;
SELECT v AS val, t AS tt FROM qb ORDER BY tt DESC NULLS FIRST, 1;
SELECT g, v FROM qb ORDER BY 1 DESC, val NULLS FIRST;
-- BETWEEN [SYMMETRIC], IS [NOT] DISTINCT FROM
SELECT v, v BETWEEN 6 AND 12 AS btw, v BETWEEN SYMMETRIC 12 AND 6 AS sym, v NOT BETWEEN 6 AND 12 AS nbtw,
       v NOT BETWEEN SYMMETRIC 12 AND 6 AS nsym FROM qb ORDER BY g, v;
SELECT v, v IS DISTINCT FROM 10 AS d, v IS NOT DISTINCT FROM NULL AS nd, t IS DISTINCT FROM 'a' AS td FROM qb ORDER BY g, v;
SELECT count(*) FROM qb a JOIN qb c ON a.v IS NOT DISTINCT FROM c.v;
-- CASE in every clause
SELECT CASE WHEN v > 6 THEN 'big' ELSE 'small' END AS size, count(*) FROM qb
GROUP BY CASE WHEN v > 6 THEN 'big' ELSE 'small' END ORDER BY 1;
SELECT g FROM qb WHERE CASE WHEN b THEN v > 6 ELSE false END ORDER BY g;
SELECT g, v FROM qb ORDER BY CASE WHEN g = 2 THEN 0 ELSE 1 END, v;
SELECT sum(CASE WHEN b THEN v END) FROM qb HAVING count(CASE WHEN b THEN 1 END) > 1;
SELECT g, CASE g WHEN 1 THEN 'one' WHEN 2 THEN 'two' END AS name, sum(v) FROM qb GROUP BY g ORDER BY CASE g WHEN 3 THEN 0 ELSE g END;
SELECT a.g FROM qb a JOIN qb c ON CASE WHEN a.v > 6 THEN a.g = c.g ELSE false END WHERE c.t = 'a' ORDER BY 1;
-- VALUES as a table
SELECT * FROM (VALUES (1, 'x'), (2, 'y'), (3, NULL)) v(a, b) ORDER BY a DESC;
SELECT v.column1 + 1, column2 FROM (VALUES (1, 2.5), (2, 3)) v WHERE column1 > 1;
SELECT q.g, v.label FROM qb q JOIN (VALUES (1, 'first'), (3, 'third')) v(g, label) ON q.g = v.g ORDER BY 1, 2;
VALUES (3, 'c'), (1, 'a'), (2, 'b') ORDER BY 1 DESC LIMIT 2;
SELECT 1 UNION VALUES (2) ORDER BY 1;
WITH v(a) AS (VALUES (1), (2)) SELECT sum(a) FROM v;
SELECT * FROM (VALUES (1), (2) UNION SELECT 3) s ORDER BY 1;
SELECT g FROM qb WHERE g IN (VALUES (1), (3)) ORDER BY 1;
SELECT (VALUES (5)), EXISTS (VALUES (1));
-- errors
SELECT string_agg(v, ',') FROM qb;
SELECT bool_and(v) FROM qb;
SELECT stddev(t) FROM qb;
SELECT sum(v) FILTER (WHERE v) FROM qb;
SELECT string_agg(DISTINCT t, ',' ORDER BY g) FROM qb;
-- plans
EXPLAIN (COSTS OFF) SELECT DISTINCT ON (g) g, v FROM qb ORDER BY g, v DESC;
EXPLAIN (COSTS OFF) SELECT g, count(*) FILTER (WHERE b) FROM qb GROUP BY g;
DROP TABLE qb;
