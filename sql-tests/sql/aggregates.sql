--
-- Aggregates: count/sum/avg/min/max and their result types, GROUP BY, HAVING, DISTINCT,
-- empty input, overflow into numeric, and the grouping errors
--
CREATE TABLE agg_t (g int4, i int4, b int8, n numeric, f float8, s text);
INSERT INTO agg_t VALUES (1, 10, 100, 1.5, 0.5, 'x'), (1, 20, 200, 2.25, 1.5, 'y'), (2, 30, 300, NULL, 2.5, 'z'),
    (2, NULL, NULL, 4, NULL, NULL), (3, 50, 9223372036854775807, 10.125, -1, 'a');
SELECT count(*), count(i), count(n), count(s) FROM agg_t;
SELECT sum(i), sum(n), sum(f), min(i), max(i), min(s), max(s) FROM agg_t;
SELECT avg(i), avg(n), avg(f) FROM agg_t;
SELECT pg_typeof(sum(i)) AS sum_int4, pg_typeof(sum(b)) AS sum_int8, pg_typeof(sum(n)) AS sum_numeric,
       pg_typeof(sum(f)) AS sum_float8, pg_typeof(avg(i)) AS avg_int4, pg_typeof(avg(f)) AS avg_float8,
       pg_typeof(count(*)) AS count_type, pg_typeof(max(s)) AS max_text
FROM agg_t;
SELECT sum(b) FROM agg_t;
SELECT g, count(*), sum(i), avg(i) FROM agg_t GROUP BY g ORDER BY g;
SELECT g, max(s) FROM agg_t GROUP BY 1 HAVING count(*) > 1 ORDER BY 1;
SELECT g * 10 AS tens, count(*) FROM agg_t GROUP BY g * 10 ORDER BY tens;
SELECT g AS grp, min(f) FROM agg_t GROUP BY grp ORDER BY grp DESC;
SELECT count(DISTINCT g), count(DISTINCT s), sum(DISTINCT g) FROM agg_t;
SELECT DISTINCT g FROM agg_t ORDER BY g;
SELECT DISTINCT g, i IS NULL AS no_i FROM agg_t ORDER BY g, no_i;
SELECT count(*), sum(i), max(s), avg(n) FROM agg_t WHERE g > 100;
SELECT g, count(*) FROM agg_t WHERE g > 100 GROUP BY g;
SELECT count(*) > 3 AS many FROM agg_t;
SELECT sum(x) FROM generate_series(1, 1000) AS t(x);
SELECT avg(x), sum(x::int8) FROM generate_series(1, 10) AS t(x);
-- grouping errors
SELECT g, i FROM agg_t GROUP BY g;
SELECT s, count(*) FROM agg_t;
SELECT * FROM agg_t WHERE count(*) > 1;
SELECT sum(count(*)) FROM agg_t;
SELECT sum(s) FROM agg_t;
SELECT g FROM agg_t GROUP BY 7;
DROP TABLE agg_t;
