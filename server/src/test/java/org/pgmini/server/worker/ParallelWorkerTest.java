package org.pgmini.server.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parallel worker processes in a real postmaster JVM: test_shm_mq through 1 and 2 workers with
 * small messages and messages larger than the queue, pg_dsm_segments, worker errors, and the
 * crash cycles (kill -9 of a worker mid-query; kill -9 of the postmaster).
 */
class ParallelWorkerTest {
    @TempDir
    Path tmp;

    private static String text(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + (i * 7 + i / 26) % 26));
        }
        return sb.toString();
    }

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            String v = rs.getString(1);
            assertFalse(rs.next());
            return v;
        }
    }

    private static List<Long> segments(Statement st) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("select handle, impl, size, refcnt, pinned from pg_dsm_segments")) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    private static List<String> workerActivity(Statement w) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = w.executeQuery("select pid, leader_pid, state, backend_type, query like 'select test_shm_mq_pipelined%'"
                + " from pg_stat_activity where backend_type = 'parallel worker' order by pid")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + " " + rs.getInt(2) + " " + rs.getString(3) + " " + rs.getString(4) + " " + rs.getBoolean(5));
            }
        }
        return rows;
    }

    /** A worker drops its reference just after the leader saw it finish: poll briefly. */
    private static List<Long> segmentsSettled(Statement st) throws Exception {
        List<Long> segs = segments(st);
        for (int i = 0; i < 100 && !segs.isEmpty(); i++) {
            Thread.sleep(20);
            segs = segments(st);
        }
        return segs;
    }

    @Test
    @Timeout(180)
    void messagesGoThroughOneAndTwoWorkers() throws Exception {
        Path data = PostmasterProcess.initdb(tmp.resolve("data"));
        try (PostmasterProcess pm = PostmasterProcess.start(data, "max_worker_processes=4");
             Connection c = pm.connect(); Statement st = c.createStatement()) {
            assertEquals("", one(st, "select test_shm_mq(1024, 'hello', 1, 1)"));
            assertEquals("", one(st, "select test_shm_mq(65536, 'hello', 100, 2)"));
            String big = text(300_000); // larger than the 64 KiB queue: streams through the ring
            assertEquals("", one(st, "select test_shm_mq(65536, '" + big + "', 5, 1)"));
            assertEquals("", one(st, "select test_shm_mq(4096, '" + big + "', 3, 2)"));
            assertEquals("", one(st, "select test_shm_mq_pipelined(16384, '" + text(5000) + "', 200, 2)"));
            assertEquals("", one(st, "select test_shm_mq_pipelined(16384, 'x', 1000, 0)"));
            assertEquals("", one(st, "select test_shm_mq_pipelined(8192, '" + big + "', 4, 1, false)"));
            assertEquals(2, pm.workers().size(), "workers are kept warm, at most as many as ever asked for");
            assertEquals(List.of(), segmentsSettled(st), "every job segment is gone after its query");

            SQLException e = assertThrows(SQLException.class, () -> one(st, "select test_shm_mq(1024, 'x', 1, 0)"));
            assertEquals("22023", e.getSQLState());
            assertEquals("ERROR: number of workers must be an integer value greater than zero", e.getMessage().split("\n")[0]);
            e = assertThrows(SQLException.class, () -> one(st, "select test_shm_mq(100, 'x', 1, 1)"));
            assertEquals("22023", e.getSQLState());
            e = assertThrows(SQLException.class, () -> one(st, "select test_shm_mq(1024, 'x', 1, 5)"));
            assertEquals("53000", e.getSQLState(), "more workers than max_worker_processes");
            assertEquals("", one(st, "select test_shm_mq(1024, 'after', 2, 2)"));
        }
    }

    @Test
    @Timeout(180)
    void killedWorkerRestartsTheServerAndLeavesNoSegment() throws Exception {
        Path data = PostmasterProcess.initdb(tmp.resolve("data"));
        try (PostmasterProcess pm = PostmasterProcess.start(data, "max_worker_processes=2")) {
            String oldControl = pm.controlHandleLine();
            Connection c = pm.connect();
            Statement st = c.createStatement();
            assertEquals("", one(st, "select test_shm_mq(1024, 'warm up', 1, 2)"));
            int leaderPid = Integer.parseInt(one(st, "select pg_backend_pid()"));
            CompletableFuture<Object> longQuery = CompletableFuture.supplyAsync(() -> {
                try {
                    return one(st, "select test_shm_mq_pipelined(65536, '" + text(8192) + "', 100000000, 2)");
                } catch (SQLException e) {
                    return e;
                }
            });
            long job = 0;
            try (Connection watcher = pm.connect(); Statement w = watcher.createStatement()) {
                for (int i = 0; i < 200 && job == 0; i++) {
                    List<Long> segs = segments(w);
                    job = segs.isEmpty() ? 0 : segs.get(0);
                    Thread.sleep(20);
                }
            }
            assertTrue(job != 0, "the long query's segment shows in pg_dsm_segments");
            List<ProcessHandle> workers = pm.workers();
            assertEquals(2, workers.size());
            try (Connection watcher = pm.connect(); Statement w = watcher.createStatement()) {
                List<String> expected = new ArrayList<>();
                workers.stream().mapToLong(ProcessHandle::pid).sorted()
                        .forEach(p -> expected.add(p + " " + leaderPid + " active parallel worker true"));
                // the segment shows before the leader hands out the job: wait for the workers to take it
                List<String> rows = workerActivity(w);
                for (int i = 0; i < 250 && !rows.equals(expected); i++) {
                    Thread.sleep(20);
                    rows = workerActivity(w);
                }
                assertEquals(expected, rows, "pg_stat_activity lists both workers of the running query");
                assertEquals("active", one(w, "select state from pg_stat_activity where pid = " + leaderPid));
                assertEquals("client backend", one(w, "select backend_type from pg_stat_activity where pid = pg_backend_pid()"));
            }
            new ProcessBuilder("kill", "-9", Long.toString(workers.get(0).pid())).start().waitFor();

            Object outcome = longQuery.get(60, TimeUnit.SECONDS);
            assertTrue(outcome instanceof SQLException, "the query fails: " + outcome);
            assertTrue(pm.awaitCrashRestart(30), "the server restarted: " + pm.logText());
            String log = pm.logText();
            assertTrue(log.contains("background worker \"parallel worker\" (PID " + workers.get(0).pid()
                    + ") was terminated by signal 9: Killed"), log);
            assertTrue(log.contains("terminating any other active server processes"), log);
            assertTrue(log.contains("all server processes terminated; reinitializing"), log);
            // storage was thrown away with shared memory and recovered from WAL before "ready"
            int reinit = log.indexOf("all server processes terminated; reinitializing");
            int redo = log.indexOf("database system was not properly shut down; automatic recovery in progress", reinit);
            assertTrue(redo > reinit && log.indexOf("redo done at", redo) > redo
                    && log.indexOf("database system is ready to accept connections", redo) > redo, log);
            assertTrue(c.isClosed() || !c.isValid(5), "the session was terminated");

            assertFalse(Files.exists(Path.of("/dev/shm/PostgreSQL." + Long.toUnsignedString(job))), "job segment destroyed");
            assertFalse(Files.exists(Path.of("/dev/shm/PostgreSQL." + oldControl)), "old control segment destroyed");
            for (int i = 0; i < 100 && pm.controlHandleLine().equals(oldControl); i++) {
                Thread.sleep(50);
            }
            try (Connection again = pm.connect(); Statement s2 = again.createStatement()) {
                assertEquals("", one(s2, "select test_shm_mq(65536, '" + text(100_000) + "', 3, 2)"));
                assertEquals(List.of(), segmentsSettled(s2));
            }
            c.close();
        }
    }

    /**
     * The fourth cleanup occasion for each implementation that outlives a process: the segments
     * of a postmaster killed with -9 (its workers die with it) stay in the system until the next
     * start reads the old control segment (and, for mmap, scans pg_dynshmem) and destroys them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"posix", "sysv", "mmap"})
    @Timeout(180)
    void killedPostmasterTakesItsWorkersAlongAndTheNextStartCleansUp(String impl) throws Exception {
        Path data = PostmasterProcess.initdb(tmp.resolve("data"));
        String dsmType = "dynamic_shared_memory_type=" + impl;
        String oldControl;
        long job = 0;
        List<ProcessHandle> workers;
        try (PostmasterProcess pm = PostmasterProcess.start(data, "max_worker_processes=2", dsmType)) {
            oldControl = pm.controlHandleLine();
            Connection c = pm.connect();
            Statement st = c.createStatement();
            CompletableFuture.runAsync(() -> {
                try {
                    one(st, "select test_shm_mq_pipelined(65536, '" + text(8192) + "', 100000000, 2)");
                } catch (SQLException expected) {
                    // the server goes away
                }
            });
            try (Connection watcher = pm.connect(); Statement w = watcher.createStatement()) {
                for (int i = 0; i < 500 && job == 0; i++) {
                    List<Long> segs = segments(w);
                    job = segs.isEmpty() ? 0 : segs.get(0);
                    Thread.sleep(20);
                }
            }
            assertTrue(job != 0);
            workers = pm.workers();
            assertEquals(2, workers.size());
            assertTrue(segmentExists(impl, data, job), "the job segment exists while the query runs");
            pm.killHard();
            for (ProcessHandle w : workers) {
                w.onExit().get(30, TimeUnit.SECONDS); // PR_SET_PDEATHSIG / postmaster watch
            }
            c.close();
        }
        Files.deleteIfExists(data.resolve("postmaster.pid")); // a kill -9 leaves it; its pid is dead anyway
        assertTrue(segmentExists(impl, data, job), "left behind by the crash");
        assertTrue(segmentExists(impl, data, Long.parseUnsignedLong(oldControl)), "control segment left behind");
        try (PostmasterProcess pm = PostmasterProcess.start(data, "max_worker_processes=2", dsmType);
             Connection c = pm.connect(); Statement st = c.createStatement()) {
            assertFalse(segmentExists(impl, data, job), "job segment destroyed at start");
            assertFalse(segmentExists(impl, data, Long.parseUnsignedLong(oldControl)), "old control segment destroyed at start");
            assertEquals("", one(st, "select test_shm_mq(1024, 'hello', 3, 1)"));
        }
    }

    /** Whether a segment is still in the system, asked the way an administrator would. */
    private static boolean segmentExists(String impl, Path data, long handle) throws Exception {
        return switch (impl) {
            case "posix" -> Files.exists(Path.of("/dev/shm/PostgreSQL." + Long.toUnsignedString(handle)));
            case "mmap" -> Files.exists(data.resolve("pg_dynshmem/mmap." + Long.toUnsignedString(handle)));
            case "sysv" -> ipcsKeys().contains(String.format("0x%08x", handle & 0xffffffffL));
            default -> throw new IllegalArgumentException(impl);
        };
    }

    /** The keys `ipcs -m` lists (System V shared memory segments of this machine). */
    private static String ipcsKeys() throws Exception {
        Process p = new ProcessBuilder("ipcs", "-m").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

}
