package org.pgmini.wal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pgmini.wal.buffer.WalInserter.Inserted;
import org.pgmini.wal.io.FileLayer;
import org.pgmini.wal.io.PersistentRegion;
import org.pgmini.wal.io.RealFileLayer;
import org.pgmini.wal.io.WalFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Group commit: many committers, fewer syncs. Syncs are counted through the file layer; a sync
 * that takes a moment (as a disk's does) lets committers queue up behind it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GroupCommitTest {
    private Path dir;

    @BeforeEach
    void setUp() throws Exception { dir = WalTestSupport.tempDir(); }

    @AfterEach
    void tearDown() throws Exception { WalTestSupport.deleteTree(dir); }

    /** Counts data syncs of segment files; each takes 5 ms, as a slow disk's would. */
    static final class SlowSyncLayer implements FileLayer {
        final FileLayer real = new RealFileLayer();
        final AtomicLong syncs = new AtomicLong();

        @Override
        public WalFile open(Path path, boolean create, OpenMode mode) throws IOException {
            WalFile f = real.open(path, create, mode);
            return new WalFile() {
                @Override public void write(ByteBuffer src, long position) throws IOException { f.write(src, position); }
                @Override public int read(ByteBuffer dst, long position) throws IOException { return f.read(dst, position); }
                @Override public long size() throws IOException { return f.size(); }
                @Override public void close() throws IOException { f.close(); }

                @Override
                public void force(boolean metadata) throws IOException {
                    syncs.incrementAndGet();
                    try { Thread.sleep(5); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                    f.force(metadata);
                }
            };
        }

        @Override public PersistentRegion map(Path path, long size) throws IOException { return real.map(path, size); }
        @Override public boolean exists(Path path) { return real.exists(path); }
        @Override public long size(Path path) throws IOException { return real.size(path); }
        @Override public void delete(Path path) throws IOException { real.delete(path); }
        @Override public void rename(Path from, Path to) throws IOException { real.rename(from, to); }
        @Override public void syncDirectory(Path d) throws IOException { real.syncDirectory(d); }
        @Override public void createDirectories(Path d) throws IOException { real.createDirectories(d); }
        @Override public List<String> list(Path d) throws IOException { return real.list(d); }
        @Override public long syncCount() { return syncs.get(); }
        @Override public String mapFlushMethod() { return real.mapFlushMethod(); }
    }

    private long commitsWithSyncs(WalSettings s, int threads, int commitsEach) throws Exception {
        SlowSyncLayer layer = new SlowSyncLayer();
        Path data = WalTestSupport.initCluster(dir.resolve("c" + System.nanoTime()), s, layer);
        try (Wal wal = Wal.open(data, s, layer, WalTestSupport.registry(new TestRmgr()))) {
            long before = layer.syncCount();
            WalTestSupport.runTogether(threads, writer -> {
                for (int i = 0; i < commitsEach; i++) {
                    Inserted at = wal.insert(TestRmgr.record(writer, i, 40));
                    wal.commit(at.endLsn(), SynchronousCommit.ON);
                    assertTrue(wal.flushLsn() >= at.endLsn());
                }
            });
            return layer.syncCount() - before;
        }
    }

    @Test
    void concurrentCommittersShareSyncs() throws Exception {
        WalSettings s = WalTestSupport.settings(WalPmemMode.OFF, dir);
        s.walBuffers = 64 * WalLayout.PAGE_SIZE;
        int threads = 16, each = 20;
        long syncs = commitsWithSyncs(s, threads, each);
        assertTrue(syncs > 0);
        assertTrue(syncs < threads * each / 3, "expected far fewer syncs than commits, got " + syncs);
    }

    @Test
    void singleCommitterSyncsEveryCommit() throws Exception {
        WalSettings s = WalTestSupport.settings(WalPmemMode.OFF, dir);
        long syncs = commitsWithSyncs(s, 1, 30);
        assertEquals(30, syncs);
    }

    @Test
    void synchronousCommitOffLeavesFlushToTheWalwriter() throws Exception {
        WalSettings s = WalTestSupport.settings(WalPmemMode.OFF, dir);
        s.walWriterDelay = 300;
        SlowSyncLayer layer = new SlowSyncLayer();
        Path data = WalTestSupport.initCluster(dir, s, layer);
        try (Wal wal = Wal.open(data, s, layer, WalTestSupport.registry(new TestRmgr()))) {
            long before = layer.syncCount();
            Inserted last = null;
            for (int i = 0; i < 50; i++) {
                last = wal.insert(TestRmgr.record(0, i, 40));
                wal.commit(last.endLsn(), SynchronousCommit.OFF);
            }
            long syncsRightAfter = layer.syncCount() - before;
            assertTrue(syncsRightAfter <= 2, "asynchronous commits must not sync each: " + syncsRightAfter);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (wal.flushLsn() < last.endLsn() && System.nanoTime() < deadline) Thread.sleep(5);
            assertTrue(wal.flushLsn() >= last.endLsn(), "the walwriter flushed the asynchronous commits");
        }
    }

    @Test
    void fsyncOffNeverSyncs() throws Exception {
        WalSettings s = WalTestSupport.settings(WalPmemMode.OFF, dir);
        s.fsync = false;
        long syncs = commitsWithSyncs(s, 2, 20);
        assertEquals(0, syncs);
    }

    @Test
    void commitDelayGathersMoreCommitsPerSync() throws Exception {
        WalSettings s = WalTestSupport.settings(WalPmemMode.OFF, dir);
        s.walBuffers = 64 * WalLayout.PAGE_SIZE;
        s.commitDelay = 3000;
        s.commitSiblings = 1;
        int threads = 8, each = 10;
        long syncs = commitsWithSyncs(s, threads, each);
        assertTrue(syncs < threads * each / 3, "commit_delay should group commits, got " + syncs + " syncs");
    }
}
