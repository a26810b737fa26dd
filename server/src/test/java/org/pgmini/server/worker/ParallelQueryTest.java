package org.pgmini.server.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parallel query end to end through SQL with real worker JVMs: Gather plans (cheap parallelism
 * settings) return what the serial plans return, EXPLAIN ANALYZE shows the workers, a worker's
 * error reaches the client with its SQLSTATE, statement_timeout / cancel / LIMIT stop the
 * workers, no DSM segment is left behind, sessions share scarce workers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParallelQueryTest {
    static final int ROWS = 200_000;
    @TempDir
    static Path tmp;
    private PostmasterProcess pm;

    @BeforeAll
    void start() throws Exception {
        Path data = PostmasterProcess.initdb(tmp.resolve("data"));
        pm = PostmasterProcess.start(data, "max_worker_processes=4", "shared_buffers=32MB");
        try (Connection c = pm.connect(); Statement st = c.createStatement()) {
            st.execute("create table t (a int4, b int8, c text, d numeric, e timestamptz)");
            st.execute("insert into t select g, case when g % 10 = 0 then null else g * 3 end,"
                    + " case when g % 13 = 0 then null else 'row ü' || g end, g / 100.0,"
                    + " timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute' from generate_series(1, " + ROWS + ") g");
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (pm != null) {
            pm.close();
        }
    }

    private static void parallel(Statement st, int workers) throws SQLException {
        st.execute("set parallel_setup_cost = 0");
        st.execute("set parallel_tuple_cost = 0");
        st.execute("set min_parallel_table_scan_size = 0");
        st.execute("set max_parallel_workers_per_gather = " + workers);
    }

    static List<String> rows(Statement st, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    sb.append(i == 1 ? "" : "|").append(rs.getString(i));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    static String plan(Statement st, String sql) throws SQLException {
        return String.join("\n", rows(st, "explain " + sql));
    }

    static String one(Statement st, String sql) throws SQLException {
        List<String> r = rows(st, sql);
        assertEquals(1, r.size(), sql);
        return r.get(0);
    }

    static List<String> segments(Statement st) throws SQLException {
        // the session's own segment of this very query does not exist (pg_dsm_segments is no parallel plan)
        return rows(st, "select handle from pg_dsm_segments where pinned = false");
    }

    static void awaitNoJobSegments(Statement st) throws Exception {
        List<String> segs = segments(st);
        for (int i = 0; i < 200 && !segs.isEmpty(); i++) {
            Thread.sleep(25);
            segs = segments(st);
        }
        assertEquals(List.of(), segs, "no DSM segment left");
    }

    @Test
    @Timeout(300)
    void parallelResultsEqualSerialResults() throws Exception {
        String[] queries = {
            "select count(*), sum(b), avg(b), min(c), max(c), sum(d), avg(d), min(e), max(e) from t",
            "select count(*), sum(b) from t where a % 7 = 3",
            "select a % 10, count(*), sum(b), max(d), min(e) from t group by a % 10 order by 1",
            "select c is null, count(c), count(*) from t group by 1 order by 1",
            "select a, b, c, d, e from t where a % 5000 = 17 order by a",
            "select a, upper(c), d * 2, e + interval '1 day', to_char(e, 'YYYY-MM-DD') from t where c like '%99%' and b > 100 order by a",
        };
        try (Connection c = pm.connect(); Statement st = c.createStatement()) {
            List<List<String>> serial = new ArrayList<>();
            st.execute("set max_parallel_workers_per_gather = 0");
            for (String q : queries) {
                assertFalse(plan(st, q).contains("Gather"), q);
                serial.add(rows(st, q));
            }
            parallel(st, 2);
            for (int i = 0; i < queries.length; i++) {
                assertTrue(plan(st, queries[i]).contains("Gather"), plan(st, queries[i]));
                assertEquals(serial.get(i), rows(st, queries[i]), queries[i]);
            }
            String analyze = String.join("\n", rows(st, "explain (analyze, costs off, timing off) select count(*), sum(b) from t where a % 7 = 3"));
            assertTrue(analyze.contains("Workers Launched: 2"), analyze);
            assertTrue(analyze.contains("Parallel Seq Scan on t (actual rows="), analyze);
            assertTrue(analyze.contains("loops=3)"), analyze);
            st.execute("set parallel_leader_participation = off");
            assertEquals(serial.get(1), rows(st, queries[1]));
            assertEquals(serial.get(2), rows(st, queries[2]));
            st.execute("reset parallel_leader_participation");
            awaitNoJobSegments(st);
        }
    }

    @Test
    @Timeout(300)
    void workerErrorReachesTheClient() throws Exception {
        try (Connection c = pm.connect(); Statement st = c.createStatement()) {
            parallel(st, 2);
            st.execute("set parallel_leader_participation = off");
            SQLException e = assertThrows(SQLException.class, () -> rows(st, "select count(*) from t where 10 / (a - 150000) > 1"));
            assertEquals("22012", e.getSQLState());
            assertTrue(e.getMessage().contains("division by zero"), e.getMessage());
            assertEquals("[1]", rows(st, "select 1").toString());
            awaitNoJobSegments(st);
        }
    }

    /** A parallel query that runs for seconds: each row builds and searches a 20 kB string. */
    static final String SLOW = "select count(*) from t where repeat(c, 2000) like '%zzz%'";

    @Test
    @Timeout(300)
    void statementTimeoutAndCancelStopTheWorkers() throws Exception {
        try (Connection c = pm.connect(); Statement st = c.createStatement()) {
            parallel(st, 2);
            assertTrue(plan(st, SLOW).contains("Gather"));
            st.execute("set statement_timeout = '500ms'");
            long t0 = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, () -> rows(st, SLOW));
            assertEquals("57014", e.getSQLState());
            assertTrue(e.getMessage().contains("statement timeout"), e.getMessage());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(20), "stopped soon");
            st.execute("reset statement_timeout");
            awaitNoJobSegments(st);

            CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return rows(st, SLOW);
                } catch (SQLException ex) {
                    return ex;
                }
            });
            Thread.sleep(500);
            st.cancel();
            Object outcome = running.get(60, TimeUnit.SECONDS);
            assertTrue(outcome instanceof SQLException, String.valueOf(outcome));
            assertEquals("57014", ((SQLException) outcome).getSQLState());
            awaitNoJobSegments(st);
            // the workers are free again
            String analyze = String.join("\n", rows(st, "explain (analyze, costs off, timing off) select count(*) from t"));
            assertTrue(analyze.contains("Workers Launched: 2"), analyze);
        }
    }

    @Test
    @Timeout(300)
    void limitStopsEarly() throws Exception {
        try (Connection c = pm.connect(); Statement st = c.createStatement()) {
            parallel(st, 2);
            String q = "select a, c from t where c is not null limit 7";
            assertTrue(plan(st, q).contains("Gather"), plan(st, q));
            assertEquals(7, rows(st, q).size());
            awaitNoJobSegments(st);
        }
    }

    @Test
    @Timeout(300)
    void sessionsShareScarceWorkers() throws Exception {
        String q = "select count(*), sum(b) from t where a % 3 = 1";
        String expected;
        try (Connection c = pm.connect(); Statement st = c.createStatement()) {
            expected = one(st, q);
        }
        List<CompletableFuture<List<String>>> runs = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                List<String> results = new ArrayList<>();
                try (Connection c = pm.connect(); Statement st = c.createStatement()) {
                    parallel(st, 3);
                    for (int i = 0; i < 5; i++) {
                        results.add(one(st, q));
                    }
                } catch (SQLException e) {
                    results.add(e.toString());
                }
                return results;
            }));
        }
        for (CompletableFuture<List<String>> r : runs) {
            assertEquals(List.of(expected, expected, expected, expected, expected), r.get(120, TimeUnit.SECONDS));
        }
        try (Connection c = pm.connect(); Statement st = c.createStatement()) {
            awaitNoJobSegments(st);
        }
    }
}
