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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CREATE TABLE AS ... ORDER BY in tape-import mode whose worker is killed with -9 while it
 * writes its run into the shared fileset: the client gets an error, the postmaster restarts as
 * after any worker crash, no temp file under base/pgsql_tmp and no DSM segment is left, no table
 * was created, and afterwards the same statement gives the serial plan's table.
 */
class ParallelTapeSortCrashTest {
    @TempDir
    Path tmp;

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    private static void prepare(Statement st) throws SQLException {
        st.execute("SET work_mem = '64kB'");
        st.execute("SET parallel_setup_cost = 0");
        st.execute("SET parallel_tuple_cost = 0");
        st.execute("SET min_parallel_table_scan_size = 0");
        st.execute("SET max_parallel_workers_per_gather = 2");
    }

    private static final String CTAS = "CREATE TABLE sorted AS SELECT t FROM psort ORDER BY t";
    /** The result's fingerprint: row count, smallest and largest key. */
    private static final String CHECK = "SELECT count(*) || ' ' || min(t) || ' ' || max(t) FROM sorted";

    @Test
    @Timeout(300)
    void killedWorkerDuringTapeSortLeavesNoFilesOrSegments() throws Exception {
        Path data = PostmasterProcess.initdb(tmp.resolve("data"));
        try (PostmasterProcess pm = PostmasterProcess.start(data, "max_worker_processes=2")) {
            String expected;
            try (Connection c = pm.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE psort (t text)");
                st.execute("INSERT INTO psort SELECT md5(g::text) || md5((g * 7)::text) FROM generate_series(1, 600000) g");
                prepare(st);
                st.execute("SET trace_sort = on");
                String before = pm.logText();
                st.execute(CTAS); // warm-up run: the workers' JVMs compile the sort
                assertTrue(pm.logText().substring(before.length()).contains("leader imported 3 worker runs"));
                st.execute("SET trace_sort = off");
                expected = one(st, CHECK);
                assertTrue(expected.startsWith("600000 "), expected);
                st.execute("DROP TABLE sorted");
            }
            Connection c = pm.connect();
            Statement st = c.createStatement();
            prepare(st);
            CompletableFuture<Object> query = CompletableFuture.supplyAsync(() -> {
                try {
                    st.execute(CTAS);
                    return "finished";
                } catch (SQLException e) {
                    return e;
                }
            });
            // wait until both workers are writing their runs into the shared fileset
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && !query.isDone() && workerRunFiles(data) < 2) {
                Thread.sleep(2);
            }
            assertFalse(query.isDone(), "the sort was still running when its workers wrote runs: " + query.getNow(null));
            List<ProcessHandle> workers = pm.workers();
            new ProcessBuilder("kill", "-9", Long.toString(workers.get(0).pid())).start().waitFor();

            Object outcome = query.get(120, TimeUnit.SECONDS);
            assertTrue(outcome instanceof SQLException, "the statement fails: " + outcome);
            // as with PostgreSQL: the crash restart sends WARNING 57P02 and closes the connection (08006 in pgjdbc)
            String state = ((SQLException) outcome).getSQLState();
            assertTrue(List.of("08006", "57P02", "55000").contains(state), state + " " + outcome);
            assertTrue(pm.awaitCrashRestart(60), pm.logText());
            try (Connection again = pm.connectAfterRestart(); Statement s2 = again.createStatement()) {
                ParallelTapeSortTest.assertNoTempFiles(data, "after the worker was killed");
                assertEquals("0", one(s2, "SELECT count(*) FROM pg_class WHERE relname = 'sorted'"), "no table was created");
                prepare(s2);
                s2.execute(CTAS);
                assertEquals(expected, one(s2, CHECK), "the tape-import sort works again");
                String segments = one(s2, "SELECT count(*) FROM pg_dsm_segments");
                for (int i = 0; i < 100 && !segments.equals("0"); i++) {
                    Thread.sleep(20); // a worker drops its reference just after the leader saw it finish
                    segments = one(s2, "SELECT count(*) FROM pg_dsm_segments");
                }
                assertEquals("0", segments, "no DSM segment left");
            }
            ParallelTapeSortTest.assertNoTempFiles(data, "after a successful tape-import sort");
            c.close();
        }
    }

    /** Run files of the workers ({@code w0}, {@code w1}) in the shared filesets under base/pgsql_tmp. */
    private static long workerRunFiles(Path data) throws Exception {
        Path d = data.resolve("base/pgsql_tmp");
        if (!Files.isDirectory(d)) {
            return 0;
        }
        long n = 0;
        try (Stream<Path> s = Files.list(d)) {
            for (Path p : s.filter(x -> x.getFileName().toString().endsWith(".sharedfileset")).toList()) {
                try (Stream<Path> f = Files.list(p)) {
                    n += f.filter(x -> x.getFileName().toString().startsWith("w")).count();
                } catch (java.io.IOException gone) {
                    // removed meanwhile
                }
            }
        }
        return n;
    }


}
