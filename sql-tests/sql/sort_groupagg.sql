--
-- Sort-based grouping (issue 8): GroupAggregate / Group over a Sort, Unique for DISTINCT,
-- chosen against HashAggregate by PostgreSQL's costs (enable_hashagg, enable_sort, hash memory),
-- and their parallel forms over Gather Merge. Results equal the hashed plans'.
--
CREATE TABLE ga (a int4, b int8, t text, n numeric, f float8) WITH (autovacuum_enabled = off);
INSERT INTO ga SELECT g % 7, g % 3, 'x' || (g % 5), (g % 4) * 0.5,
    CASE WHEN g % 11 = 0 THEN NULL ELSE (g % 6)::float8 / 2 END
FROM generate_series(1, 200) g;
INSERT INTO ga VALUES (NULL, NULL, NULL, NULL, NULL), (NULL, 1, 'x1', 1.00, -0.0);
-- hashing is cheaper without a reason to sort
EXPLAIN (COSTS OFF) SELECT a, count(*) FROM ga GROUP BY a;
EXPLAIN SELECT a, count(*) FROM ga GROUP BY a;
EXPLAIN (COSTS OFF) SELECT a, b, sum(b) FROM ga GROUP BY b, a ORDER BY a;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT a, count(*) FROM ga GROUP BY a;
EXPLAIN SELECT a, count(*) FROM ga GROUP BY a;
SELECT a, count(*) FROM ga GROUP BY a;
-- GROUP BY without aggregates is a Group node
EXPLAIN (COSTS OFF) SELECT a FROM ga GROUP BY a;
SELECT a FROM ga GROUP BY a;
-- the ORDER BY's direction and order become the sort's; no second sort
EXPLAIN (COSTS OFF) SELECT a, count(*) FROM ga GROUP BY a HAVING count(*) > 1 ORDER BY a DESC;
SELECT a, count(*) FROM ga GROUP BY a HAVING count(*) > 1 ORDER BY a DESC;
EXPLAIN (COSTS OFF) SELECT a, b, sum(b) FROM ga GROUP BY b, a ORDER BY a;
SELECT a, b, sum(b) FROM ga GROUP BY b, a ORDER BY a;
EXPLAIN (COSTS OFF) SELECT a, b, count(*) FROM ga GROUP BY a, b ORDER BY b NULLS FIRST, a DESC;
SELECT a, b, count(*) FROM ga GROUP BY a, b ORDER BY b NULLS FIRST, a DESC;
-- ORDER BY on an aggregate: a Sort above the GroupAggregate
EXPLAIN (COSTS OFF) SELECT t, count(*) FROM ga GROUP BY t ORDER BY 2 DESC, 1;
SELECT t, count(*) FROM ga GROUP BY t ORDER BY 2 DESC, 1;
-- ORDER BY names a key by position and alias
EXPLAIN (COSTS OFF) SELECT t AS label, a, min(f) FROM ga GROUP BY 1, 2 ORDER BY label;
SELECT t AS label, a, min(f) FROM ga GROUP BY 1, 2 ORDER BY label;
-- expressions, numerics equal in value, -0 and 0, NULL groups, every aggregate kind
EXPLAIN (COSTS OFF) SELECT a % 3, count(*) FROM ga GROUP BY a % 3;
SELECT a % 3, count(*) FROM ga GROUP BY a % 3;
SELECT n, count(*), sum(n) FROM ga GROUP BY n;
SELECT f, count(*) FROM ga GROUP BY f;
SELECT b, avg(a), sum(f), max(t), min(n), count(DISTINCT a), string_agg(t, ',' ORDER BY t DESC), array_agg(DISTINCT a ORDER BY a)
FROM ga GROUP BY b;
SELECT a, count(*) FILTER (WHERE b = 1), bool_and(f > 1), round(stddev(b), 4) FROM ga GROUP BY a;
-- LIMIT reads a prefix of the groups
SELECT a, count(*) FROM ga GROUP BY a ORDER BY a LIMIT 3;
SELECT t, sum(a) FROM ga WHERE a > 2 GROUP BY t ORDER BY t DESC LIMIT 2;
-- DISTINCT: Unique over a Sort whose keys start with the ORDER BY's
EXPLAIN (COSTS OFF) SELECT DISTINCT a FROM ga;
EXPLAIN (COSTS OFF) SELECT DISTINCT a, b FROM ga ORDER BY b;
SELECT DISTINCT a, b FROM ga ORDER BY b;
SELECT DISTINCT n FROM ga;
SELECT DISTINCT f FROM ga;
-- subqueries and joins group the same way
SELECT s.a, s.c FROM (SELECT a, count(*) AS c FROM ga GROUP BY a) s WHERE s.c > 28 ORDER BY 1;
SELECT x.a, count(*) FROM ga x JOIN ga y ON x.a = y.a AND x.t = y.t GROUP BY x.a ORDER BY 1;
-- with sorting disabled too, both cost disable_cost: the cheaper hashing wins
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT a, count(*) FROM ga GROUP BY a;
RESET enable_sort;
RESET enable_hashagg;
-- a hash table larger than work_mem x hash_mem_multiplier costs its spill I/O
CREATE TABLE gbig (a int4, b int8, t text) WITH (autovacuum_enabled = off);
INSERT INTO gbig SELECT g % 97, g, md5(g::text) FROM generate_series(1, 20000) g;
SET max_parallel_workers_per_gather = 0;
SET work_mem = '64kB';
EXPLAIN SELECT a, b, count(*) FROM gbig GROUP BY a, b;
SET hash_mem_multiplier = 1;
EXPLAIN (COSTS OFF) SELECT a, b, count(*) FROM gbig GROUP BY a, b ORDER BY a, b;
SELECT count(*), sum(c) FROM (SELECT a, b, count(*) AS c FROM gbig GROUP BY a, b ORDER BY a, b) s;
SELECT a, b, count(*) FROM gbig GROUP BY a, b ORDER BY a, b LIMIT 3;
RESET hash_mem_multiplier;
RESET work_mem;
RESET max_parallel_workers_per_gather;
-- parallel: Finalize GroupAggregate over Gather Merge over Partial GroupAggregate over Sort
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT a, count(*), sum(b) FROM gbig GROUP BY a;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT a, count(*), sum(b) FROM gbig GROUP BY a;
EXPLAIN SELECT a, count(*), sum(b) FROM gbig GROUP BY a;
SELECT a, count(*), sum(b) FROM gbig GROUP BY a ORDER BY a LIMIT 5;
SELECT a, count(*), sum(b) FROM gbig GROUP BY a ORDER BY a DESC LIMIT 5;
EXPLAIN (COSTS OFF) SELECT a FROM gbig GROUP BY a;
SELECT count(*) FROM (SELECT a FROM gbig GROUP BY a) s;
EXPLAIN (COSTS OFF) SELECT a, count(DISTINCT b % 10) FROM gbig GROUP BY a;
SELECT a, count(DISTINCT b % 10) FROM gbig GROUP BY a HAVING a > 90;
EXPLAIN (COSTS OFF) SELECT DISTINCT a FROM gbig;
SELECT DISTINCT a FROM gbig ORDER BY a DESC LIMIT 3;
EXPLAIN (COSTS OFF) SELECT a, count(*) FROM gbig GROUP BY a HAVING count(*) > 206 ORDER BY a DESC;
SELECT a, count(*) FROM gbig GROUP BY a HAVING count(*) > 206 ORDER BY a DESC;
SET work_mem = '64kB';
SELECT a, count(*), sum(b), min(t) FROM gbig GROUP BY a ORDER BY a LIMIT 3;
RESET work_mem;
RESET enable_hashagg;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
DROP TABLE gbig;
DROP TABLE ga;
