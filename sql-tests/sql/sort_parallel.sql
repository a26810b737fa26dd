--
-- Parallel sort (issue 8): Gather Merge over per-participant Sorts of a Parallel Seq Scan,
-- chosen by cost as PostgreSQL does; results equal the serial sort's, spilled or not.
--
CREATE TABLE psort (id int4, k int8, t text, f float8);
INSERT INTO psort SELECT g, (g::int8 * 7919) % 20011 - 10000, substr(md5(g::text), 1, 1 + g % 9),
    CASE WHEN g % 13 = 0 THEN NULL ELSE (g % 101)::float8 / 3 END
FROM generate_series(1, 20000) g;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT k FROM psort ORDER BY k;
EXPLAIN (COSTS OFF) SELECT id, t FROM psort WHERE id % 3 = 0 ORDER BY t DESC, id;
EXPLAIN (COSTS OFF) SELECT k FROM psort ORDER BY k LIMIT 5;
SELECT k FROM psort ORDER BY k OFFSET 19990;
SELECT k FROM psort ORDER BY k DESC LIMIT 5;
SELECT t FROM psort ORDER BY t OFFSET 19990;
SELECT id, t FROM psort WHERE id % 3 = 0 ORDER BY t DESC, id OFFSET 6650;
SELECT f, id FROM psort ORDER BY f NULLS FIRST, id OFFSET 19990;
SELECT count(*), min(k), max(k) FROM (SELECT k FROM psort ORDER BY k) s;
SET work_mem = '64kB';
SELECT k FROM psort ORDER BY k OFFSET 19990;
SELECT t FROM psort ORDER BY t DESC OFFSET 19990;
SELECT id, t FROM psort WHERE id % 3 = 0 ORDER BY t DESC, id OFFSET 6650;
RESET work_mem;
-- with parallel setup and tuple costs as by default, passing every row through Gather Merge costs
-- more than sorting serially
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
EXPLAIN (COSTS OFF) SELECT k FROM psort ORDER BY k;
SET max_parallel_workers_per_gather = 0;
EXPLAIN (COSTS OFF) SELECT k FROM psort ORDER BY k LIMIT 5;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
DROP TABLE psort;
