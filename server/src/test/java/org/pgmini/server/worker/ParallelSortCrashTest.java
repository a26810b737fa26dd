package org.pgmini.server.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parallel sort (Gather Merge over workers' Sorts spilling to temp files) whose worker is
 * killed with -9 mid-sort: the query fails, the postmaster restarts as after any worker crash,
 * and neither temp files under base/pgsql_tmp nor DSM segments are left behind; afterwards the
 * same parallel sort gives the serial sort's result.
 */
class ParallelSortCrashTest {
    @TempDir
    Path tmp;

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    private static long tempFiles(Path data) throws Exception {
        Path d = data.resolve("base/pgsql_tmp");
        if (!Files.isDirectory(d)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

    private static void prepare(Statement st) throws SQLException {
        st.execute("SET work_mem = '64kB'");
        st.execute("SET parallel_setup_cost = 0");
        st.execute("SET parallel_tuple_cost = 0");
        st.execute("SET min_parallel_table_scan_size = 0");
        st.execute("SET max_parallel_workers_per_gather = 2");
    }

    private static final String SORT = "SELECT t FROM psort ORDER BY t OFFSET 599999";

    @Test
    @Timeout(240)
    void killedWorkerDuringParallelSortLeavesNoFilesOrSegments() throws Exception {
        Path data = PostmasterProcess.initdb(tmp.resolve("data"));
        try (PostmasterProcess pm = PostmasterProcess.start(data, "max_worker_processes=2")) {
            String expected;
            try (Connection c = pm.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE psort (t text)");
                st.execute("INSERT INTO psort SELECT md5(g::text) || md5((g * 7)::text) FROM generate_series(1, 600000) g");
                expected = one(st, "SELECT max(t) FROM psort");
                prepare(st);
                List<String> plan = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("EXPLAIN (COSTS OFF) " + SORT)) {
                    while (rs.next()) {
                        plan.add(rs.getString(1).trim());
                    }
                }
                assertTrue(plan.contains("->  Gather Merge"), plan.toString());
                assertEquals(expected, one(st, SORT), "warm-up run: the workers' JVMs compile the sort");
            }
            Connection c = pm.connect();
            Statement st = c.createStatement();
            prepare(st);
            CompletableFuture<Object> query = CompletableFuture.supplyAsync(() -> {
                try {
                    return one(st, SORT);
                } catch (SQLException e) {
                    return e;
                }
            });
            // wait until both workers are sorting and have written runs
            List<ProcessHandle> workers = pm.workers();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && !query.isDone()) {
                try (Stream<Path> s = Files.isDirectory(data.resolve("base/pgsql_tmp"))
                        ? Files.list(data.resolve("base/pgsql_tmp")) : Stream.empty()) {
                    long workerFiles = s.filter(p -> workers.stream()
                            .anyMatch(w -> p.getFileName().toString().startsWith("pgsql_tmp" + w.pid() + "."))).count();
                    if (workerFiles >= 2) {
                        break;
                    }
                }
                Thread.sleep(5);
            }
            assertFalse(query.isDone(), "the sort was still running when its workers had temp files");
            new ProcessBuilder("kill", "-9", Long.toString(workers.get(0).pid())).start().waitFor();

            Object outcome = query.get(120, TimeUnit.SECONDS);
            assertTrue(outcome instanceof SQLException, "the query fails: " + outcome);
            assertTrue(pm.awaitCrashRestart(60), pm.logText());
            try (Connection again = pm.connectAfterRestart(); Statement s2 = again.createStatement()) {
                assertEquals(0, tempFiles(data), "temp files of the killed worker and of the others removed");
                prepare(s2);
                assertEquals(expected, one(s2, SORT), "the parallel sort works again");
                String segments = one(s2, "SELECT count(*) FROM pg_dsm_segments");
                for (int i = 0; i < 100 && !segments.equals("0"); i++) {
                    Thread.sleep(20); // a worker drops its reference just after the leader saw it finish
                    segments = one(s2, "SELECT count(*) FROM pg_dsm_segments");
                }
                assertEquals("0", segments, "no DSM segment left");
            }
            long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (tempFiles(data) > 0 && System.nanoTime() < settle) {
                Thread.sleep(20);
            }
            assertEquals(0, tempFiles(data), "no temp file left after a successful parallel sort");
            c.close();
        }
    }


}
