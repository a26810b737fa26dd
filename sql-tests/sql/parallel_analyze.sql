--
-- EXPLAIN ANALYZE of parallel plans: Workers Launched and the per-participant averages of rows
-- (loops = leader + workers). Only counts that do not depend on how the blocks were shared out
-- are shown: aggregates return one row per participant, and the averages of all participants
-- are fixed by the totals. Needs two free parallel workers.
--
CREATE TABLE par_a (a int4, b int4) WITH (autovacuum_enabled = off);
INSERT INTO par_a SELECT i, i % 10 FROM generate_series(1, 3000) i;
SET min_parallel_table_scan_size = 0;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(*) FROM par_a;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(*), sum(b) FROM par_a WHERE a % 3 = 0;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM par_a WHERE a = 77;
SELECT count(*), sum(b) FROM par_a WHERE a % 3 = 0;
-- leader not participating: the workers do everything
SET parallel_leader_participation = off;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(*) FROM par_a;
RESET parallel_leader_participation;
-- force_parallel_mode: one worker runs the whole plan
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
SET force_parallel_mode = on;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(*) FROM par_a WHERE a < 10;
RESET force_parallel_mode;
RESET max_parallel_workers_per_gather;
DROP TABLE par_a;
