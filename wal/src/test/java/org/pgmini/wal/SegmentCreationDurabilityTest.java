package org.pgmini.wal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pgmini.wal.io.FaultInjectingFileLayer;
import org.pgmini.wal.io.FileLayer;
import org.pgmini.wal.io.PersistentRegion;
import org.pgmini.wal.io.RealFileLayer;
import org.pgmini.wal.io.WalFile;
import org.pgmini.wal.mode.SegmentFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A segment another thread has just renamed into place is visible before its name is durable
 * (the directory sync comes after the rename). Nobody may write WAL into it and call that
 * durable in between: after a power loss the file — name and data — would be gone. (Found by
 * CrashRecoveryTest under load: pmem_buffers copied a page into such a segment, then reused the
 * page's buffer place, and recovery found neither copy: "no such page".)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SegmentCreationDurabilityTest {
    private Path dir;

    @BeforeEach
    void setUp() throws Exception { dir = WalTestSupport.tempDir(); }

    @AfterEach
    void tearDown() throws Exception { WalTestSupport.deleteTree(dir); }

    /** Holds the first directory sync until released (the creating thread is "slow" right after its rename). */
    static final class StallingDirSyncLayer implements FileLayer {
        final FileLayer inner;
        final CountDownLatch stalled = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean armed = new AtomicBoolean(true);

        StallingDirSyncLayer(FileLayer inner) { this.inner = inner; }

        @Override
        public void syncDirectory(Path d) throws IOException {
            if (armed.getAndSet(false)) {
                stalled.countDown();
                try { release.await(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            }
            inner.syncDirectory(d);
        }

        @Override public WalFile open(Path p, boolean create, OpenMode mode) throws IOException { return inner.open(p, create, mode); }
        @Override public PersistentRegion map(Path p, long size) throws IOException { return inner.map(p, size); }
        @Override public boolean exists(Path p) { return inner.exists(p); }
        @Override public long size(Path p) throws IOException { return inner.size(p); }
        @Override public void delete(Path p) throws IOException { inner.delete(p); }
        @Override public void rename(Path from, Path to) throws IOException { inner.rename(from, to); }
        @Override public void createDirectories(Path d) throws IOException { inner.createDirectories(d); }
        @Override public List<String> list(Path d) throws IOException { return inner.list(d); }
        @Override public long syncCount() { return inner.syncCount(); }
        @Override public String mapFlushMethod() { return inner.mapFlushMethod(); }
    }

    @Test
    void walWrittenIntoANewSegmentIsNeverDurableBeforeItsName() throws Exception {
        Path walDir = Files.createDirectories(dir.resolve("pg_wal"));
        WalSettings s = WalTestSupport.settings(WalPmemMode.OFF, dir);
        FaultInjectingFileLayer faults = new FaultInjectingFileLayer(new RealFileLayer());
        StallingDirSyncLayer layer = new StallingDirSyncLayer(faults);
        SegmentFiles segments = new SegmentFiles(layer, walDir, new WalLayout(s.walSegmentSize), 1, s);
        long segNo = 5;

        Thread creator = new Thread(() -> {
            try { segments.ensureExists(segNo); } catch (IOException expected) { /* the power went out */ }
        });
        creator.start();
        assertTrue(layer.stalled.await(10, TimeUnit.SECONDS), "the creator renamed the segment into place");

        byte[] page = new byte[WalLayout.PAGE_SIZE];
        java.util.Arrays.fill(page, (byte) 0x5A);
        AtomicBoolean durable = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            try (WalFile f = segments.open(segNo, FileLayer.OpenMode.NORMAL)) {
                f.write(ByteBuffer.wrap(page), 0);
                f.force(false);
                durable.set(true);                           // what a committer would acknowledge
            } catch (IOException expected) { /* the power went out */ }
        });
        writer.start();
        writer.join(500);                                    // give it every chance to finish early

        faults.powerLoss(null);
        layer.release.countDown();
        creator.join(10_000);
        writer.join(10_000);
        assertTrue(!creator.isAlive() && !writer.isAlive());

        if (durable.get()) {
            Path seg = segments.path(segNo);
            assertTrue(Files.exists(seg), "a segment that received durable WAL survives the power loss");
            byte[] got = java.util.Arrays.copyOf(Files.readAllBytes(seg), WalLayout.PAGE_SIZE);
            assertArrayEquals(page, got, "and so does its WAL");
        }
    }
}
