package org.pgmini.wal;

import org.pgmini.wal.io.FileLayer;
import org.pgmini.wal.recovery.ResourceManagerRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Stream;

/** Temp clusters on /dev/shm (the PMEM stand-in) with tiny segments and buffers. */
final class WalTestSupport {
    private WalTestSupport() {}

    static final long SEGMENT = 64 * 1024;

    static Path tempDir() throws IOException {
        Path shm = Paths.get("/dev/shm");
        Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Paths.get(System.getProperty("java.io.tmpdir"));
        return Files.createTempDirectory(base, "pgmini-wal-test-");
    }

    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static WalSettings settings(WalPmemMode mode, Path dir) {
        WalSettings s = new WalSettings();
        s.walSegmentSize = SEGMENT;
        s.walBuffers = 4 * WalLayout.PAGE_SIZE;
        s.walPmemMode = mode;
        s.nvwalPath = dir.resolve("nvwal");
        s.nvwalSize = 2 * SEGMENT;
        s.minWalSize = 3 * SEGMENT;
        s.walWriterDelay = 10_000;
        return s;
    }

    static Path initCluster(Path dir, WalSettings s, FileLayer layer) throws IOException {
        Path data = dir.resolve("data");
        Wal.initialize(data, null, s, layer, 7_000_000_000_000_000_001L, CheckpointCounters.initial(3, 16384));
        return data;
    }

    static ResourceManagerRegistry registry(TestRmgr rm) {
        ResourceManagerRegistry r = new ResourceManagerRegistry();
        r.register(rm);
        return r;
    }

    static CheckpointHooks hooks() {
        return CheckpointHooks.withoutBuffers(CheckpointCounters.initial(100, 20000));
    }

    /** The work of one of {@link #runTogether}'s threads, numbered from 0. */
    interface WriterBody {
        void run(int writer) throws Exception;
    }

    /**
     * Runs {@code body} on {@code threads} threads released at the same moment (so they contend
     * from the start), waits for all, and fails with the first error any of them threw.
     */
    static void runTogether(int threads, WriterBody body) throws InterruptedException {
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> ts = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final int writer = t;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                    body.run(writer);
                } catch (Throwable e) {
                    synchronized (errors) { errors.add(e); }
                }
            });
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) th.join();
        if (!errors.isEmpty()) throw new AssertionError(errors.get(0));
    }
}
