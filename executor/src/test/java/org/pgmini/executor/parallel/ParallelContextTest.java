package org.pgmini.executor.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.error.PgException;
import org.pgmini.executor.TestSession;
import org.pgmini.executor.api.WorkerLauncher;
import org.pgmini.shmem.dsm.Dsm;
import org.pgmini.shmem.dsm.DsmImplKind;
import org.pgmini.shmem.libc.Processes;

/**
 * ParallelContext and ParallelWorkerMain in one process: the "workers" are threads running the
 * same job code a worker JVM runs, so error transport, test_shm_mq's ring and segment release
 * can be checked without starting JVMs (ParallelWorkerTest in the server does that).
 */
class ParallelContextTest {
    @TempDir
    Path dir;
    private Dsm dsm;
    private ThreadLauncher launcher;

    /** Runs each job on a thread of this process. */
    private final class ThreadLauncher implements WorkerLauncher {
        int limit = Integer.MAX_VALUE;

        @Override
        public Dsm dsm() {
            return dsm;
        }

        @Override
        public LaunchedWorkers launch(int nworkers, int dsmHandle, String entryPoint, int leaderPid, int leaderBackendPid) {
            int n = Math.min(nworkers, limit);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int w = i;
                Thread t = new Thread(() -> ParallelWorkerMain.runJob(dsm, dsmHandle, entryPoint, w, n, null), "worker-" + i);
                threads.add(t);
                t.start();
            }
            return new LaunchedWorkers() {
                @Override public int count() { return n; }
                @Override public int pid(int i) { return Processes.myPid(); }
                @Override public boolean isRunning(int i) { return threads.get(i).isAlive(); }
            };
        }
    }

    private final class Session extends TestSessionDelegate {
        @Override
        public WorkerLauncher workers() {
            return launcher;
        }
    }

    /** TestSession with workers(): SessionContext's default method is what we override. */
    private static class TestSessionDelegate implements org.pgmini.executor.api.SessionContext {
        private final TestSession base = new TestSession();
        @Override public String userName() { return base.userName(); }
        @Override public String databaseName() { return base.databaseName(); }
        @Override public int backendPid() { return base.backendPid(); }
        @Override public org.pgmini.executor.api.Settings settings() { return base.settings(); }
        @Override public org.pgmini.executor.api.TransactionControl transaction() { return base.transaction(); }
        @Override public void notice(org.pgmini.executor.api.Notice n) { base.notice(n); }
        @Override public void checkForInterrupts() { base.checkForInterrupts(); }
    }

    @BeforeEach
    void setUp() {
        dsm = Dsm.postmasterStartup(DsmImplKind.POSIX, dir, 10, 4);
        launcher = new ThreadLauncher();
    }

    @AfterEach
    void tearDown() {
        dsm.postmasterShutdown();
    }

    @Test
    @Timeout(60)
    void workerErrorIsRaisedInTheLeaderWithItsStateMessageAndContext() {
        ParallelEntryPoints.register("test_failing_entry", job -> {
            if (job.workerNumber() == 1) {
                throw new PgException("ERROR", "22012", "division by zero", "some detail", "a hint", 0,
                        "SQL function \"f\"", null);
            }
        });
        PgException e = assertThrows(PgException.class, () -> {
            try (ParallelContext pc = ParallelContext.create(new Session(), "test_failing_entry", 2, null)) {
                assertEquals(2, pc.launch());
                pc.waitForFinish();
            }
        });
        assertEquals("22012", e.sqlState());
        assertEquals("division by zero", e.getMessage());
        assertEquals("some detail", e.detail());
        assertEquals("a hint", e.hint());
        assertEquals("SQL function \"f\"\nparallel worker", e.context());
        awaitNoSegments("segment released on error");
    }

    @Test
    @Timeout(60)
    void gatherReadsAllWorkerQueuesRoundRobin() {
        int rowsPerWorker = 200_000, workers = 3;
        long queueSize = 65536;
        ParallelEntryPoints.register("test_gather_rows", job -> {
            long at = job.toc().lookup(ParallelContext.FIRST_USER_KEY, false);
            var out = org.pgmini.shmem.mq.ShmMqSender.attach(org.pgmini.shmem.mq.ShmMq.at(job.segment().region(),
                    GatherQueues.queueOffset(at, job.workerNumber(), queueSize)), null);
            out.detachWith(job.segment());
            java.nio.ByteBuffer row = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            try {
                for (long i = 0; i < rowsPerWorker; i++) {
                    row.clear();
                    row.putLong(0, job.workerNumber()).putLong(8, i);
                    if (out.send(row, false, false) != org.pgmini.shmem.mq.ShmMqResult.SUCCESS) return;
                }
                out.flush();
            } finally {
                out.detach();
            }
        });
        var est = new org.pgmini.shmem.toc.ShmTocEstimator().chunk(GatherQueues.size(workers, queueSize)).keys(1);
        long[] next = new long[workers];
        long t0 = System.nanoTime();
        try (ParallelContext pc = ParallelContext.create(new Session(), "test_gather_rows", workers, est)) {
            long at = pc.toc().allocate(GatherQueues.size(workers, queueSize));
            GatherQueues.prepare(pc.segment().region(), at, workers, queueSize, Processes.myPid());
            pc.toc().insert(ParallelContext.FIRST_USER_KEY, at);
            assertEquals(workers, pc.launch());
            try (GatherQueues g = GatherQueues.attach(pc, at, queueSize)) {
                for (java.nio.ByteBuffer m; (m = g.next()) != null; ) {
                    m.order(java.nio.ByteOrder.LITTLE_ENDIAN);
                    int w = (int) m.getLong(m.position());
                    assertEquals(next[w]++, m.getLong(m.position() + 8), "rows of one worker arrive in order");
                }
            }
            pc.waitForFinish();
        }
        long nanos = System.nanoTime() - t0;
        for (int w = 0; w < workers; w++) assertEquals(rowsPerWorker, next[w]);
        System.out.printf("gather: %d rows of 16 bytes from %d worker threads in %.1f ms (%.0f rows/s)%n",
                (long) rowsPerWorker * workers, workers, nanos / 1e6, rowsPerWorker * workers / (nanos / 1e9));
        awaitNoSegments("segment released");
    }

    @Test
    @Timeout(60)
    void testShmMqRingWithThreads() {
        Session s = new Session();
        assertEquals(VoidType.VALUE, TestShmMq.basic(s, 1024, "hello", 10, 2));
        String big = "x".repeat(100_000) + "y";
        assertEquals(VoidType.VALUE, TestShmMq.basic(s, 4096, big, 3, 3));
        assertEquals(VoidType.VALUE, TestShmMq.pipelined(s, 8192, big, 20, 2, true));
        assertEquals(VoidType.VALUE, TestShmMq.pipelined(s, 8192, "abc", 1000, 0, true));
        awaitNoSegments("segments released");
    }

    @Test
    @Timeout(60)
    void fewerWorkersThanAskedIsAnErrorOnlyForTestShmMq() {
        launcher.limit = 1;
        ParallelEntryPoints.register("test_empty_entry", job -> { });
        try (ParallelContext pc = ParallelContext.create(new Session(), "test_empty_entry", 3, null)) {
            assertEquals(1, pc.launch()); // fewer is normal for a parallel context
            pc.waitForFinish();
        }
        awaitNoSegments("segment released");
        PgException e = assertThrows(PgException.class, () -> TestShmMq.basic(new Session(), 1024, "x", 1, 2));
        assertEquals("53000", e.sqlState());
        assertEquals("could not register background process", e.getMessage());
        // the one worker that started sees its queue detached and leaves, dropping the last reference
        awaitNoSegments("segment released after 53000");
    }

    /**
     * The leader learns that a worker finished when the worker's error queue is detached, which
     * happens while the worker detaches the segment: the worker's reference goes a moment later.
     */
    private void awaitNoSegments(String what) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!dsm.segments().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(List.of(), dsm.segments(), what);
    }

    @Test
    void sessionWithoutWorkersGets0A000() {
        PgException e = assertThrows(PgException.class, () -> TestShmMq.basic(new TestSession(), 1024, "x", 1, 1));
        assertEquals("0A000", e.sqlState());
    }
}
