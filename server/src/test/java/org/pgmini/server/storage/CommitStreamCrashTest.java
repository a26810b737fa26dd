package org.pgmini.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pgmini.server.testing.RealPostmaster;
import org.pgmini.server.worker.PostmasterProcess;

/**
 * kill -9 in the middle of a stream of acknowledged commits (several writer connections, each
 * INSERT autocommitted): after the restart every acknowledged row is there, no row is there
 * twice, and nothing appears that was never sent. For every wal_pmem_mode (data directory and
 * nvwal_path on /dev/shm), killing the postmaster JVM; and killing a parallel worker, which makes
 * the postmaster throw its storage away and recover in place.
 */
class CommitStreamCrashTest {
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        dir = RealPostmaster.tempDirOnShm("pgmini-crash");
    }

    @AfterEach
    void tearDown() {
        RealPostmaster.deleteTree(dir);
    }

    private String[] settings(String mode) {
        List<String> s = new ArrayList<>(List.of("shared_buffers=4MB", "wal_pmem_mode=" + mode, "max_worker_processes=2"));
        if (mode.equals("pmem_buffers") || mode.equals("nvwal")) {
            s.add("nvwal_path=" + dir.resolve("nvwal"));
            s.add("nvwal_size=32MB");
        }
        return s.toArray(String[]::new);
    }

    /** Writers that insert distinct ids until stopped or their connection dies; acknowledged ids are collected. */
    private static final class Writers {
        final Set<Integer> acked = new ConcurrentSkipListSet<>();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();
        final List<CompletableFuture<Void>> running = new ArrayList<>();

        Writers(PostmasterProcess pm, int n) throws SQLException {
            for (int w = 0; w < n; w++) {
                Connection c = pm.connect();
                running.add(CompletableFuture.runAsync(() -> {
                    try (c; Statement s = c.createStatement()) {
                        while (!stop.get()) {
                            int id = sent.incrementAndGet();
                            s.execute("insert into s values (" + id + ")");
                            acked.add(id);
                        }
                    } catch (SQLException e) {
                        // the server died under us: stop writing
                    }
                }));
            }
        }

        void awaitAcked(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acked.size() < n && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(acked.size() >= n, "writers made progress: " + acked.size());
        }

        void awaitEnd() throws Exception {
            stop.set(true);
            for (CompletableFuture<Void> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static TreeSet<Integer> ids(PostmasterProcess pm) throws SQLException {
        TreeSet<Integer> out = new TreeSet<>();
        int rows = 0;
        try (Connection c = pm.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("select id from s")) {
            while (r.next()) {
                out.add(r.getInt(1));
                rows++;
            }
        }
        assertEquals(out.size(), rows, "no id twice");
        return out;
    }

    private static void check(Writers w, TreeSet<Integer> got) {
        TreeSet<Integer> missing = new TreeSet<>(w.acked);
        missing.removeAll(got);
        assertTrue(missing.isEmpty(), "acknowledged but lost: " + missing);
        assertTrue(got.isEmpty() || got.last() <= w.sent.get(), "nothing that was never sent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "mapped_segments", "pmem_buffers", "segments_as_buffers", "nvwal"})
    @Timeout(240)
    void everyAcknowledgedCommitSurvivesKillNineOfThePostmaster(String mode) throws Exception {
        Path data = PostmasterProcess.initdb(dir.resolve("data"));
        for (int round = 0; round < 2; round++) {
            Writers w;
            try (PostmasterProcess pm = PostmasterProcess.start(data, settings(mode))) {
                if (round == 0) {
                    try (Connection c = pm.connect(); Statement s = c.createStatement()) {
                        s.execute("create table s (id int4)");
                    }
                } else {
                    try (Connection c = pm.connect(); Statement s = c.createStatement()) {
                        s.execute("delete from s");
                    }
                }
                w = new Writers(pm, 4);
                w.awaitAcked(200 + round * 300);
                pm.killHard();
                w.awaitEnd();
            }
            Files.deleteIfExists(data.resolve("postmaster.pid"));
            try (PostmasterProcess pm = PostmasterProcess.start(data, settings(mode))) {
                assertTrue(pm.logText().contains("redo done at"), "crash recovery ran");
                check(w, ids(pm));
            }
        }
    }

    @Test
    @Timeout(240)
    void everyAcknowledgedCommitSurvivesKillNineOfAWorker() throws Exception {
        Path data = PostmasterProcess.initdb(dir.resolve("data"));
        try (PostmasterProcess pm = PostmasterProcess.start(data, settings("off"))) {
            try (Connection c = pm.connect(); Statement s = c.createStatement()) {
                s.execute("create table s (id int4)");
                s.execute("select test_shm_mq(1024, 'start a worker', 1, 1)");
            }
            List<ProcessHandle> workers = pm.workers();
            assertEquals(1, workers.size(), "a warm worker");
            Writers w = new Writers(pm, 4);
            w.awaitAcked(300);
            new ProcessBuilder("kill", "-9", Long.toString(workers.get(0).pid())).start().waitFor();
            w.awaitEnd();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                String log = pm.logText();
                int reinit = log.indexOf("all server processes terminated; reinitializing");
                if (reinit >= 0 && log.indexOf("database system is ready to accept connections", reinit) > 0) {
                    break;
                }
                Thread.sleep(50);
            }
            check(w, ids(pm));
            // and the server goes on writing
            try (Connection c = pm.connect(); Statement s = c.createStatement()) {
                s.execute("insert into s values (-1)");
            }
            assertTrue(ids(pm).contains(-1));
        }
    }
}
