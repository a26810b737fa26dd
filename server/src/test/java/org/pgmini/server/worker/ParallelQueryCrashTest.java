package org.pgmini.server.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parallel worker killed with -9 in the middle of a Gather: the query fails, the postmaster
 * restarts as after any crashed server process, the query's DSM segment is gone, and parallel
 * queries work again afterwards.
 */
class ParallelQueryCrashTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(240)
    void workerKilledMidQuery() throws Exception {
        Path data = PostmasterProcess.initdb(tmp.resolve("data"));
        try (PostmasterProcess pm = PostmasterProcess.start(data, "max_worker_processes=2")) {
            Connection c = pm.connect();
            Statement st = c.createStatement();
            st.execute("create table t (a int4, b int8, c text)");
            st.execute("insert into t select g, g, 'row ' || g from generate_series(1, 100000) g");
            st.execute("set parallel_setup_cost = 0");
            st.execute("set parallel_tuple_cost = 0");
            st.execute("set min_parallel_table_scan_size = 0");
            st.execute("set max_parallel_workers_per_gather = 2");
            String slow = "select count(*) from t where repeat(c, 5000) like '%zzz%'";
            assertTrue(ParallelQueryTest.plan(st, slow).contains("Gather"));
            CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return ParallelQueryTest.rows(st, slow);
                } catch (SQLException e) {
                    return e;
                }
            });
            List<String> job = List.of();
            try (Connection w = pm.connect(); Statement ws = w.createStatement()) {
                for (int i = 0; i < 400 && (job.isEmpty() || pm.workers().size() < 2
                        || !ParallelQueryTest.one(ws, "select count(*) from pg_stat_activity where backend_type = 'parallel worker'"
                                + " and state = 'active'").equals("2")); i++) {
                    Thread.sleep(25);
                    job = ParallelQueryTest.segments(ws);
                }
            }
            assertEquals(1, job.size(), "the query's segment is listed");
            List<ProcessHandle> workers = pm.workers();
            assertEquals(2, workers.size());
            new ProcessBuilder("kill", "-9", Long.toString(workers.get(1).pid())).start().waitFor();

            Object outcome = running.get(60, TimeUnit.SECONDS);
            assertTrue(outcome instanceof SQLException, "the query fails: " + outcome);
            assertTrue(pm.awaitCrashRestart(60), pm.logText());
            assertFalse(Files.exists(Path.of("/dev/shm/PostgreSQL." + Long.toUnsignedString(Long.parseLong(job.get(0))))),
                    "the query's segment was destroyed");
            c.close();
            try (Connection again = pm.connectAfterRestart(); Statement s2 = again.createStatement()) {
                s2.execute("set parallel_setup_cost = 0");
                s2.execute("set parallel_tuple_cost = 0");
                s2.execute("set min_parallel_table_scan_size = 0");
                assertEquals("100000|5000050000", ParallelQueryTest.one(s2, "select count(*), sum(b) from t"));
                String analyze = String.join("\n", ParallelQueryTest.rows(s2,
                        "explain (analyze, costs off, timing off) select count(*) from t"));
                assertTrue(analyze.contains("Workers Launched: 2"), analyze);
                ParallelQueryTest.awaitNoJobSegments(s2);
            }
        }
    }


}
