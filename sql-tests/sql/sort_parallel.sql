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
-- ptapes: begin. CREATE TABLE AS, SELECT INTO and INSERT ... SELECT with ORDER BY on a parallel
-- plan: pgmini runs the Gather Merge in tape-import mode (each participant writes one sorted run,
-- the leader merges the runs from disk); EXPLAIN prints the Gather Merge as PostgreSQL does.
CREATE TABLE ptsrc (id int4, t text, k int8, n int4);
INSERT INTO ptsrc SELECT g, md5(g::text), (g::int8 * 7919) % 20011 - 10000,
    CASE WHEN g % 11 = 0 THEN NULL ELSE g % 1000 END
FROM generate_series(1, 30000) g;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) CREATE TABLE ptsorted AS SELECT t, id FROM ptsrc ORDER BY t;
EXPLAIN (COSTS OFF) SELECT n, k, id INTO ptinto FROM ptsrc ORDER BY n NULLS FIRST, k DESC, id;
SET work_mem = '64kB';
CREATE TABLE ptsorted AS SELECT t, id FROM ptsrc ORDER BY t;
SELECT n, k, id INTO ptinto FROM ptsrc ORDER BY n NULLS FIRST, k DESC, id;
CREATE TABLE ptkeys AS SELECT k FROM ptsrc ORDER BY k DESC;
\set VERBOSITY terse
CREATE TABLE ptbad AS SELECT id, 100 / (id - 12345) AS x FROM ptsrc ORDER BY id;
\set VERBOSITY default
EXPLAIN (COSTS OFF) CREATE TABLE ptsorted AS SELECT t, id FROM ptsrc ORDER BY t;
EXPLAIN (COSTS OFF) CREATE TABLE IF NOT EXISTS ptsorted AS SELECT t, id FROM ptsrc ORDER BY t;
RESET work_mem;
SET max_parallel_workers_per_gather = 0;
-- the heap order of the new tables is the sort order
SELECT * FROM ptsorted LIMIT 3;
SELECT * FROM ptsorted OFFSET 29997;
SELECT count(*), count(DISTINCT t), min(t), max(t) FROM ptsorted;
SELECT * FROM ptinto LIMIT 4;
SELECT * FROM ptinto OFFSET 29996;
SELECT count(*), count(n), sum(k) FROM ptinto;
SELECT * FROM ptkeys LIMIT 3;
SELECT * FROM ptkeys OFFSET 29997;
CREATE TABLE ptcheck (pos serial, t text, id int4);
INSERT INTO ptcheck (t, id) SELECT t, id FROM ptsorted;
SELECT count(*) AS out_of_order FROM ptcheck a JOIN ptcheck b ON b.pos = a.pos + 1 WHERE a.t > b.t;
SELECT count(*) FROM pg_class WHERE relname = 'ptbad';
DROP TABLE ptsorted, ptinto, ptkeys, ptcheck, ptsrc;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
-- ptapes: end
-- scrollsort: EXPLAIN ANALYZE prints each worker's sort under the Sort (PostgreSQL's layout), after
-- the leader's line; which participant gets how many rows is timing (on PostgreSQL too), so the
-- method and kB figures are masked and only the layout is compared
CREATE TABLE psort_w (id int4, t text);
INSERT INTO psort_w SELECT g, md5(g::text) FROM generate_series(1, 100000) g;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET work_mem = '64kB';
\a
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM psort_w ORDER BY t \g | sed -E 's/(quicksort  Memory|external merge  Disk): [0-9]+kB/METHOD/'
SET parallel_leader_participation = off;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM psort_w ORDER BY t DESC \g | sed -E 's/(quicksort  Memory|external merge  Disk): [0-9]+kB/METHOD/'
SET work_mem = '64MB';
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id, t FROM psort_w WHERE id % 10 = 0 ORDER BY t \g | sed -E 's/(quicksort  Memory|external merge  Disk): [0-9]+kB/METHOD/'
\a
RESET parallel_leader_participation;
RESET work_mem;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
DROP TABLE psort_w;
