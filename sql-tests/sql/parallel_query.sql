--
-- Parallel query: plan shapes (Gather, Parallel Seq Scan, Partial/Finalize aggregates) with
-- thresholds that make any table worth it, and results that equal the serial plan's for every
-- aggregate and type, GROUP BY, NULLs and filters. Autovacuum is off for the table so that
-- PostgreSQL's plans do not change with statistics gathered meanwhile.
--
CREATE TABLE par_t (g int4, i2 int2, i4 int4, i8 int8, f4 float4, f8 float8, n numeric, tx text,
                    d date, ts timestamp, tz timestamptz, iv interval)
    WITH (autovacuum_enabled = off);
INSERT INTO par_t
SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE i % 5 END, (i % 300)::int2, i, i::int8 * 1000000007,
       (i % 64) / 4.0, (i % 128) / 8.0, i / 100.0, 't' || (i % 97), date '2000-01-01' + (i % 1000),
       timestamp '2000-01-01' + i * interval '1 second',
       timestamptz '2000-01-01 00:00:00+00' + i * interval '1 second',
       i * interval '1 millisecond' + (i % 3) * interval '1 day'
FROM generate_series(1, 5000) i;
-- rows whose every column but the group is NULL
INSERT INTO par_t (g) SELECT i % 3 FROM generate_series(1, 20) i;

-- serial results first
SET max_parallel_workers_per_gather = 0;
EXPLAIN (COSTS OFF) SELECT count(*) FROM par_t;
SELECT count(*), count(i4), sum(i2), sum(i4), sum(i8), sum(f4), sum(f8), sum(n) FROM par_t;
SELECT avg(i2), avg(i4), avg(i8), avg(f4), avg(f8), avg(n), avg(iv) FROM par_t;

-- every scan is worth a parallel plan now
SET max_parallel_workers_per_gather = 2;
SET min_parallel_table_scan_size = 0;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
EXPLAIN (COSTS OFF) SELECT count(*) FROM par_t;
EXPLAIN (COSTS OFF) SELECT * FROM par_t WHERE i4 = 5;
EXPLAIN (COSTS OFF) SELECT count(*), sum(i4) FROM par_t WHERE i4 % 7 = 3;
EXPLAIN (COSTS OFF) SELECT g, count(*) FROM par_t GROUP BY g;
EXPLAIN (COSTS OFF) SELECT g, i2, count(*) FROM par_t GROUP BY g, i2;
EXPLAIN (COSTS OFF) SELECT g, count(*) FROM par_t GROUP BY g ORDER BY g;
EXPLAIN (COSTS OFF) SELECT sum(i4) FROM par_t HAVING sum(i4) > 0;
EXPLAIN (COSTS OFF) SELECT g, sum(i8) FROM par_t WHERE i4 > 10 GROUP BY g HAVING count(*) > 10;
-- under LIMIT the startup cost counts: a small setup cost still pays off for the whole result,
-- not for the first five rows
EXPLAIN (COSTS OFF) SELECT i4 FROM par_t WHERE i4 < 100 LIMIT 5;
SET parallel_setup_cost = 10;
EXPLAIN (COSTS OFF) SELECT i4 FROM par_t WHERE i4 < 100;
EXPLAIN (COSTS OFF) SELECT i4 FROM par_t WHERE i4 < 100 LIMIT 5;
SET parallel_setup_cost = 0;
-- DISTINCT aggregates are not split: the plain aggregate runs over the Gather
EXPLAIN (COSTS OFF) SELECT count(DISTINCT g) FROM par_t;
-- without workers there is no parallel plan
SET max_parallel_workers_per_gather = 0;
EXPLAIN (COSTS OFF) SELECT count(*) FROM par_t WHERE i4 = 5;
SET max_parallel_workers_per_gather = 2;

-- the same results as the serial plan
SELECT count(*), count(i4), sum(i2), sum(i4), sum(i8), sum(f4), sum(f8), sum(n) FROM par_t;
SELECT avg(i2), avg(i4), avg(i8), avg(f4), avg(f8), avg(n), avg(iv) FROM par_t;
SELECT min(i2), max(i2), min(i4), max(i4), min(i8), max(i8), min(f4), max(f4) FROM par_t;
SELECT min(f8), max(f8), min(n), max(n), min(tx), max(tx) FROM par_t;
SELECT min(d), max(d), min(ts), max(ts), min(tz), max(tz), min(iv), max(iv) FROM par_t;
SELECT g, count(*), count(n), sum(i4), avg(n), min(tx), max(d), max(iv) FROM par_t GROUP BY g ORDER BY g;
SELECT g, i2 % 3 AS k, count(*), sum(f8) FROM par_t WHERE i4 < 100 GROUP BY g, i2 % 3 ORDER BY 1, 2;
SELECT g, sum(i8) FROM par_t WHERE i4 % 3 = 1 GROUP BY g HAVING count(*) > 10 ORDER BY 1;
SELECT count(*), sum(i4), avg(i4), min(tx) FROM par_t WHERE i4 < 0;
SELECT g, count(*) FROM par_t WHERE i4 < 0 GROUP BY g;
SELECT i4, tx, n FROM par_t WHERE i4 % 997 = 5 ORDER BY i4;
SELECT count(*) FROM par_t WHERE i4 IS NULL;
SELECT count(DISTINCT g), count(DISTINCT tx), count(*) FROM par_t WHERE i4 > 100;
SELECT sum(i4) FROM par_t HAVING sum(i4) > 0;
-- bool_and/bool_or/every and the variances split too (not in float: the split of rows between
-- participants could change the last bits)
EXPLAIN (COSTS OFF) SELECT bool_and(i4 > 0), stddev(i4), var_pop(n) FROM par_t;
SELECT bool_and(i4 > 0), bool_or(g = 1), every(i2 < 299), bool_or(i4 < 0) FROM par_t;
SELECT stddev(i4), stddev_pop(i8), variance(i2), var_pop(n), var_samp(n), stddev_samp(i4) FROM par_t;
SELECT g, bool_and(i2 < 150), stddev(i4), variance(n) FROM par_t GROUP BY g ORDER BY g;
-- errors raised below the Gather reach the client as they are; whether the leader or a
-- worker meets the bad row first is timing (a worker's error adds "CONTEXT: parallel
-- worker"), so the context is left out here
\set VERBOSITY terse
SELECT count(*) FROM par_t WHERE i4 / (i4 - 2500) > 0;
\set VERBOSITY default

-- force_parallel_mode: a single-copy Gather on top; regress hides it in EXPLAIN
RESET min_parallel_table_scan_size;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
SET force_parallel_mode = on;
EXPLAIN (COSTS OFF) SELECT i4 FROM par_t WHERE i4 < 3;
SELECT i4 FROM par_t WHERE i4 < 3 ORDER BY i4;
SET force_parallel_mode = regress;
EXPLAIN (COSTS OFF) SELECT i4 FROM par_t WHERE i4 < 3;
SELECT count(*) FROM par_t WHERE i4 < 3;
RESET force_parallel_mode;

-- storage parameters: parallel_workers decides the worker count
CREATE TABLE par_w (a int4) WITH (parallel_workers = 3, fillfactor = 100, autovacuum_enabled = off);
SELECT reloptions FROM pg_class WHERE relname = 'par_w';
INSERT INTO par_w SELECT generate_series(1, 1000);
SET max_parallel_workers_per_gather = 8;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
EXPLAIN (COSTS OFF) SELECT count(*) FROM par_w;
SELECT count(*), sum(a) FROM par_w;
ALTER TABLE par_w SET (parallel_workers = 1);
SELECT reloptions FROM pg_class WHERE relname = 'par_w';
EXPLAIN (COSTS OFF) SELECT count(*) FROM par_w;
ALTER TABLE par_w SET (parallel_workers = 0);
EXPLAIN (COSTS OFF) SELECT count(*) FROM par_w;
ALTER TABLE par_w RESET (parallel_workers, fillfactor);
SELECT reloptions FROM pg_class WHERE relname = 'par_w';
ALTER TABLE par_w SET (fillfactor = 70, autovacuum_enabled = 'on');
SELECT reloptions FROM pg_class WHERE relname = 'par_w';
ALTER TABLE par_w RESET (fillfactor, autovacuum_enabled);
SELECT reloptions FROM pg_class WHERE relname = 'par_w';
-- errors
CREATE TABLE par_bad (a int4) WITH (foo = 1);
CREATE TABLE par_bad (a int4) WITH (parallel_workers = -1);
CREATE TABLE par_bad (a int4) WITH (parallel_workers = 1025);
CREATE TABLE par_bad (a int4) WITH (parallel_workers = 'x');
CREATE TABLE par_bad (a int4) WITH (fillfactor = 5);
CREATE TABLE par_bad (a int4) WITH (autovacuum_enabled = maybe);
CREATE TABLE par_bad (a int4) WITH (fillfactor = 20, fillfactor = 30);
CREATE TABLE par_bad (a int4) WITH (oids = true);
ALTER TABLE par_w SET (parallel_workers);
ALTER TABLE par_w SET (foo = 1);
ALTER TABLE par_w RESET (fillfactor = 10);
ALTER TABLE par_w RESET (foo);
CREATE TABLE par_ctas WITH (parallel_workers = 2) AS SELECT a FROM par_w WHERE a < 5;
SELECT reloptions FROM pg_class WHERE relname = 'par_ctas';
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
DROP TABLE par_ctas;
DROP TABLE par_w;
DROP TABLE par_t;
