package org.pgmini.executor.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pgmini.storage.tuple.IntervalValue;

/**
 * Parallel plans: shapes and costs as PostgreSQL 15 printed them for the same table (300,000
 * rows of two int4 columns, 1328 pages, no statistics), and results equal to the serial plan's.
 */
class ParallelPlanTest extends QueryTestSupport {
    @BeforeEach
    void settings() {
        session.values.put("max_parallel_workers_per_gather", "2");
        session.values.put("min_parallel_table_scan_size", "8MB");
        session.values.put("parallel_setup_cost", "1000");
        session.values.put("parallel_tuple_cost", "0.1");
        session.values.put("parallel_leader_participation", "on");
        session.values.put("force_parallel_mode", "off");
    }

    private void bigTable() {
        table("p3", "a", 23, "b", 23);
        Object[][] rows = new Object[300000][];
        for (int i = 1; i <= rows.length; i++) {
            rows[i - 1] = row(i, i % 100);
        }
        insert("p3", rows);
    }

    private String plan(String sql) {
        return String.join("\n", rows(sql));
    }

    /** Small thresholds: every table scan is worth a parallel plan. */
    private void cheapParallelism() {
        session.values.put("min_parallel_table_scan_size", "0");
        session.values.put("parallel_setup_cost", "0");
        session.values.put("parallel_tuple_cost", "0");
    }

    @Test
    void costsAndShapesLikePostgres() {
        bigTable();
        assertEquals("""
                Finalize Aggregate  (cost=4980.72..4980.73 rows=1 width=16)
                  ->  Gather  (cost=4980.60..4980.71 rows=1 width=16)
                        Workers Planned: 1
                        ->  Partial Aggregate  (cost=3980.60..3980.61 rows=1 width=16)
                              ->  Parallel Seq Scan on p3  (cost=0.00..3976.19 rows=883 width=4)
                                    Filter: ((b % 7) = 3)""",
                plan("explain select count(*), sum(b) from p3 where b % 7 = 3"));
        // PostgreSQL prints this plan with enable_sort = off (else a sorted variant of equal cost)
        assertEquals("""
                Finalize HashAggregate  (cost=4999.19..5001.19 rows=200 width=12)
                  Group Key: b
                  ->  Gather  (cost=4976.19..4998.19 rows=200 width=12)
                        Workers Planned: 1
                        ->  Partial HashAggregate  (cost=3976.19..3978.19 rows=200 width=12)
                              Group Key: b
                              ->  Parallel Seq Scan on p3  (cost=0.00..3093.46 rows=176546 width=4)""",
                plan("explain select b, count(*) from p3 group by b"));
        assertEquals("""
                Gather  (cost=1000.00..4684.92 rows=1501 width=8)
                  Workers Planned: 1
                  ->  Parallel Seq Scan on p3  (cost=0.00..3534.82 rows=883 width=8)
                        Filter: (a = 5)""", plan("explain select * from p3 where a = 5"));
        assertEquals("Seq Scan on p3  (cost=0.00..4329.28 rows=300128 width=8)", plan("explain select a, b from p3"));
        // count(DISTINCT) cannot be split: the serial aggregate over the cheaper Gather
        assertEquals("""
                Aggregate  (cost=4688.68..4688.69 rows=1 width=8)
                  ->  Gather  (cost=1000.00..4684.92 rows=1501 width=4)
                        Workers Planned: 1
                        ->  Parallel Seq Scan on p3  (cost=0.00..3534.82 rows=883 width=4)
                              Filter: (a = 100)""", plan("explain select count(distinct a) from p3 where a = 100"));

        // under LIMIT the Gather's setup cost weighs more: PostgreSQL keeps the serial scan
        assertEquals("Limit\n  ->  Seq Scan on p3\n        Filter: (a = 5)", plan("explain (costs off) select * from p3 where a = 5 limit 1"));
        assertEquals("Limit\n  ->  Seq Scan on p3\n        Filter: (a = 5)",
                plan("explain (costs off) select * from p3 where a = 5 limit 700 offset 100"));
        session.values.put("parallel_setup_cost", "0");
        assertEquals("Limit\n  ->  Gather\n        Workers Planned: 1\n        ->  Parallel Seq Scan on p3\n"
                + "              Filter: (a = 5)", plan("explain (costs off) select * from p3 where a = 5 limit 1"));
        session.values.put("parallel_setup_cost", "1000");

        session.values.put("parallel_leader_participation", "off");
        assertEquals("""
                Aggregate  (cost=5837.43..5837.44 rows=1 width=16)
                  ->  Seq Scan on p3  (cost=0.00..5829.92 rows=1501 width=4)
                        Filter: ((b % 7) = 3)""", plan("explain select count(*), sum(b) from p3 where b % 7 = 3"));
        session.values.put("parallel_leader_participation", "on");

        session.values.put("min_parallel_table_scan_size", "0");
        session.values.put("max_parallel_workers_per_gather", "8");
        assertEquals("""
                Finalize Aggregate  (cost=2972.95..2972.96 rows=1 width=16)
                  ->  Gather  (cost=2972.20..2972.91 rows=7 width=16)
                        Workers Planned: 7
                        ->  Partial Aggregate  (cost=1972.20..1972.21 rows=1 width=16)
                              ->  Parallel Seq Scan on p3  (cost=0.00..1971.13 rows=214 width=4)
                                    Filter: ((b % 7) = 3)""", plan("explain select count(*), sum(b) from p3 where b % 7 = 3"));

        session.values.put("max_parallel_workers_per_gather", "0");
        assertTrue(plan("explain (costs off) select count(*) from p3").startsWith("Aggregate\n"));
    }

    @Test
    void workerCountFollowsTableSize() {
        assertEquals(0, ParallelPaths.workersForPages(1023, 1024));
        assertEquals(1, ParallelPaths.workersForPages(1024, 1024));
        assertEquals(1, ParallelPaths.workersForPages(3071, 1024));
        assertEquals(2, ParallelPaths.workersForPages(3072, 1024));
        assertEquals(3, ParallelPaths.workersForPages(9216, 1024));
        assertEquals(3, ParallelPaths.workersForPages(10, 0)); // threshold 0 counts as 1 page
        assertEquals(2.4, ParallelPaths.divisor(2, true), 1e-12);
        assertEquals(4.0, ParallelPaths.divisor(4, true), 1e-12);
        assertEquals(2.0, ParallelPaths.divisor(2, false), 1e-12);
        assertEquals(1024, ParallelSettings.pages("8MB"));
        assertEquals(8, ParallelSettings.pages("64kB"));
        assertEquals(0, ParallelSettings.pages("0"));
    }

    @Test
    void forceParallelModeAddsSingleCopyGather() {
        table("s", "x", 23);
        insert("s", row(1), row(2), row(3));
        session.values.put("force_parallel_mode", "on");
        assertEquals("""
                Gather
                  Workers Planned: 1
                  Single Copy: true
                  ->  Seq Scan on s
                        Filter: (x > 1)""", plan("explain (costs off) select x from s where x > 1"));
        assertEquals(List.of("2", "3"), rows("select x from s where x > 1 order by x"));
        // regress: the Gather is there but EXPLAIN does not show it
        session.values.put("force_parallel_mode", "regress");
        assertEquals("Seq Scan on s\n  Filter: (x > 1)", plan("explain (costs off) select x from s where x > 1"));
        // parallel-unsafe functions keep the plan serial; no Gather at all without workers
        session.values.put("force_parallel_mode", "on");
        assertEquals("Seq Scan on s", plan("explain (costs off) select x, pg_backend_pid() from s"));
        session.values.put("max_parallel_workers_per_gather", "0");
        assertEquals("Seq Scan on s", plan("explain (costs off) select x from s"));
    }

    @Test
    void cachedPlansFollowSettings() {
        table("s", "x", 23);
        insert("s", row(1), row(2), row(3));
        cheapParallelism();
        String sql = "explain (costs off) select count(*) from s";
        assertEquals("Finalize Aggregate\n  ->  Gather\n        Workers Planned: 2\n        ->  Partial Aggregate\n"
                + "              ->  Parallel Seq Scan on s", plan(sql));
        session.values.put("max_parallel_workers_per_gather", "1");
        assertEquals("Finalize Aggregate\n  ->  Gather\n        Workers Planned: 1\n        ->  Partial Aggregate\n"
                + "              ->  Parallel Seq Scan on s", plan(sql));
        session.values.put("max_parallel_workers_per_gather", "0");
        assertEquals("Aggregate\n  ->  Seq Scan on s", plan(sql));
    }

    /** Every aggregate of every type, grouped and not, with NULLs and filters: parallel = serial. */
    @Test
    void parallelResultsEqualSerial() {
        table("ty", "g", 23, "i2", 21, "i4", 23, "i8", 20, "f4", 700, "f8", 701, "n", 1700, "tx", 25, "d", 1082,
                "ts", 1114, "tz", 1184, "iv", 1186);
        Object[][] rows = new Object[5000][];
        for (int i = 0; i < rows.length; i++) {
            boolean nul = i % 13 == 0;
            rows[i] = nul ? row(i % 7 == 0 ? null : i % 5, null, null, null, null, null, null, null, null, null, null, null)
                    : row(i % 7 == 0 ? null : i % 5, (short) (i % 300), i, (long) i * 1000000007L, (float) (i % 64) / 4,
                    (double) (i % 128) / 8, new BigDecimal(i).movePointLeft(2), "t" + (i % 97), i % 1000,
                    (long) i * 1000000L, Instant.ofEpochSecond(946684800L + i), new IntervalValue(i * 1000L, i % 3, i % 2));
        }
        insert("ty", rows);
        String[] queries = {
            "select count(*), count(i4), sum(i2), sum(i4), sum(i8), sum(f4), sum(f8), sum(n) from ty",
            "select avg(i2), avg(i4), avg(i8), avg(f4), avg(f8), avg(n) from ty",
            "select min(i2), max(i2), min(i4), max(i8), min(f4), max(f8), min(n), max(n), min(tx), max(tx) from ty",
            "select min(d), max(d), min(ts), max(ts), min(tz), max(tz), min(iv), max(iv) from ty",
            "select g, count(*), count(n), sum(i4), avg(n), min(tx), max(d) from ty group by g order by g",
            "select g, sum(i8) from ty where i4 % 3 = 1 group by g having count(*) > 10 order by 1",
            "select count(*), sum(i4) from ty where i4 < 0",
            "select g, count(*) from ty where i4 < 0 group by g",
            "select i4, tx from ty where i4 % 997 = 5 order by i4",
            "select count(distinct g), count(*) from ty where i4 > 100",
        };
        session.values.put("max_parallel_workers_per_gather", "0");
        List<List<String>> serial = new java.util.ArrayList<>();
        for (String q : queries) {
            serial.add(rows(q));
        }
        session.values.put("max_parallel_workers_per_gather", "2");
        cheapParallelism();
        for (int i = 0; i < queries.length; i++) {
            assertTrue(plan("explain (costs off) " + queries[i]).contains("Gather"), queries[i]);
            assertEquals(serial.get(i), rows(queries[i]), queries[i]);
        }
        assertTrue(plan("explain (costs off) " + queries[0]).contains("Partial Aggregate"));
        assertTrue(plan("explain (costs off) " + queries[4]).contains("Partial HashAggregate"));
    }

    /** Partial states split three ways and combined give the serial result (also NaN, infinities, overflow to numeric). */
    @Test
    void combinedStatesEqualOneAccumulator() {
        Object[][] cases = {
            {"count", org.pgmini.executor.types.PgTypes.INT4, new Object[] {1, 2, 3, 4, 5}},
            {"sum", org.pgmini.executor.types.PgTypes.INT2, new Object[] {(short) 1, (short) -7, (short) 300}},
            {"sum", org.pgmini.executor.types.PgTypes.INT8, new Object[] {Long.MAX_VALUE, Long.MAX_VALUE, 5L, -3L}},
            {"sum", org.pgmini.executor.types.PgTypes.NUMERIC, new Object[] {new BigDecimal("1.5"), new BigDecimal("2.25"),
                org.pgmini.executor.types.NumericSpecial.POS_INFINITY}},
            {"sum", org.pgmini.executor.types.PgTypes.FLOAT4, new Object[] {1.5f, 2.5f, -0.25f}},
            {"avg", org.pgmini.executor.types.PgTypes.INT8, new Object[] {Long.MAX_VALUE, Long.MAX_VALUE, 1L, 2L}},
            {"avg", org.pgmini.executor.types.PgTypes.NUMERIC, new Object[] {new BigDecimal("1.5"), new BigDecimal("2"),
                new BigDecimal("7.125")}},
            {"avg", org.pgmini.executor.types.PgTypes.FLOAT8, new Object[] {1.0, 2.0, 4.5, 8.0}},
            {"max", org.pgmini.executor.types.PgTypes.NUMERIC, new Object[] {new BigDecimal("3"),
                org.pgmini.executor.types.NumericSpecial.NAN, new BigDecimal("9")}},
            {"min", org.pgmini.executor.types.PgTypes.TEXT, new Object[] {"pear", "apple", "fig"}},
            {"min", org.pgmini.executor.types.PgTypes.FLOAT8, new Object[] {2.0, -1.5, 7.0}},
        };
        for (Object[] c : cases) {
            var f = org.pgmini.executor.exec.AggFunction.resolve((String) c[0], (org.pgmini.executor.types.PgType) c[1], -1, 0);
            assertTrue(f.combinable(), c[0] + "(" + c[1] + ")");
            Object[] values = (Object[]) c[2];
            var serial = f.createCombinable();
            var parts = new org.pgmini.executor.exec.AggFunction.Combinable[] {f.createCombinable(), f.createCombinable(),
                f.createCombinable()};
            for (int i = 0; i < values.length; i++) {
                serial.add(values[i]);
                parts[i % 3].add(values[i]);
            }
            var total = f.createCombinable();
            for (var p : parts) {
                total.combine(p.state());
            }
            assertEquals(String.valueOf(serial.result()), String.valueOf(total.result()), c[0] + "(" + c[1] + ")");
        }
        var countDistinct = org.pgmini.executor.exec.AggFunction.resolve("count", org.pgmini.executor.types.PgTypes.INT4, -1, 0);
        assertTrue(countDistinct.combinable()); // the function is; DISTINCT is refused by AggregateNode.splittable
    }

    private java.util.List<String> reloptions(String table) {
        var tx = db.transaction();
        var rel = db.catalog().openRelation(tx, null, table, org.pgmini.storage.xact.LockMode.ACCESS_SHARE);
        db.commit();
        return rel.reloptions();
    }

    /** WITH (...) / SET (...) / RESET (...) with PostgreSQL's checks; parallel_workers overrides the size rule. */
    @Test
    void storageParameters() {
        rows("create table r (a int) with (parallel_workers = 4, fillfactor=100)");
        assertEquals(List.of("parallel_workers=4", "fillfactor=100"), reloptions("r"));
        rows("alter table r set (parallel_workers = 2)");
        assertEquals(List.of("fillfactor=100", "parallel_workers=2"), reloptions("r"));
        rows("alter table r reset (parallel_workers, foo)");
        assertEquals(List.of("fillfactor=100"), reloptions("r"));
        rows("alter table r set (autovacuum_enabled, parallel_workers = ' 3 ')");
        assertEquals(List.of("fillfactor=100", "autovacuum_enabled=true", "parallel_workers= 3 "), reloptions("r"));
        rows("create table r2 with (parallel_workers = 1, oids = false) as select 1 as x");
        assertEquals(List.of("parallel_workers=1"), reloptions("r2"));

        var e = error("create table r3 (a int) with (foo = 1)");
        assertEquals("22023", e.sqlState());
        assertEquals("unrecognized parameter \"foo\"", e.getMessage());
        e = error("create table r3 (a int) with (parallel_workers = -1)");
        assertEquals("value -1 out of bounds for option \"parallel_workers\"", e.getMessage());
        assertEquals("Valid values are between \"0\" and \"1024\".", e.detail());
        assertEquals("invalid value for integer option \"parallel_workers\": x",
                error("create table r3 (a int) with (parallel_workers = 'x')").getMessage());
        assertEquals("invalid value for integer option \"parallel_workers\": true",
                error("alter table r set (parallel_workers)").getMessage());
        assertEquals("invalid value for boolean option \"autovacuum_enabled\": maybe",
                error("alter table r set (autovacuum_enabled = maybe)").getMessage());
        assertEquals("parameter \"fillfactor\" specified more than once",
                error("create table r3 (a int) with (fillfactor = 20, fillfactor = 30)").getMessage());
        assertEquals("RESET must not include values for parameters", error("alter table r reset (fillfactor = 3)").getMessage());
        assertEquals("0A000", error("create table r3 (a int) with (oids = true)").sqlState());

        // the option decides the worker count, even below min_parallel_table_scan_size
        session.values.put("parallel_setup_cost", "0");
        session.values.put("parallel_tuple_cost", "0");
        session.values.put("max_parallel_workers_per_gather", "8");
        assertEquals("Finalize Aggregate\n  ->  Gather\n        Workers Planned: 3\n        ->  Partial Aggregate\n"
                + "              ->  Parallel Seq Scan on r", plan("explain (costs off) select count(*) from r"));
        rows("alter table r set (parallel_workers = 0)");
        assertEquals("Aggregate\n  ->  Seq Scan on r", plan("explain (costs off) select count(*) from r"));
    }
}
