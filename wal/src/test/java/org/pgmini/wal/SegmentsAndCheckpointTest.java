package org.pgmini.wal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pgmini.wal.buffer.WalInserter.Inserted;
import org.pgmini.wal.io.FaultInjectingFileLayer;
import org.pgmini.wal.io.RealFileLayer;
import org.pgmini.wal.mode.SegmentFiles;
import org.pgmini.wal.record.DecodedRecord;
import org.pgmini.wal.recovery.PageSource;
import org.pgmini.wal.recovery.WalReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SegmentsAndCheckpointTest {
    private Path dir;

    @BeforeEach
    void setUp() throws Exception { dir = WalTestSupport.tempDir(); }

    @AfterEach
    void tearDown() throws Exception { WalTestSupport.deleteTree(dir); }

    private static List<String> segmentNames(Path data) throws IOException {
        try (Stream<Path> s = Files.list(data.resolve("pg_wal"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.length() == 24).sorted().toList();
        }
    }

    @ParameterizedTest
    @EnumSource(WalPmemMode.class)
    void checkpointsRemoveOrRecycleOldSegmentsOverLongRuns(WalPmemMode mode) throws Exception {
        WalSettings s = WalTestSupport.settings(mode, dir);
        s.minWalSize = 2 * WalTestSupport.SEGMENT;
        Path data = WalTestSupport.initCluster(dir, s, new RealFileLayer());
        int maxFiles = 0;
        try (Wal wal = Wal.open(data, s, new RealFileLayer(), WalTestSupport.registry(new TestRmgr()))) {
            long seq = 0;
            for (int ckpt = 0; ckpt < 30; ckpt++) {
                Inserted last = null;
                for (int i = 0; i < 40; i++) last = wal.insert(TestRmgr.record(0, seq++, 1000));
                wal.flush(last.endLsn());
                wal.checkpoint(CheckpointKind.ONLINE, WalTestSupport.hooks());
                List<String> names = segmentNames(data);
                maxFiles = Math.max(maxFiles, names.size());
                long redoSeg = wal.layout().segmentNo(wal.controlData().checkPointCopy().redo());
                for (String n : names) {
                    assertTrue(wal.layout().segmentNoOf(n) >= redoSeg, "segment " + n + " before the redo pointer was removed");
                }
                assertTrue(wal.bytesSinceCheckpoint() < WalTestSupport.SEGMENT);
            }
            assertEquals(wal.walFileName(wal.insertLsn()), wal.layout().fileName(1, wal.layout().segmentNo(wal.insertLsn() - 1)));
        }
        // 30 checkpoints over ~18 segments of WAL; only the live ones plus a few recycled stay.
        assertTrue(maxFiles <= 6, "at most the live segments and the recycled ones: " + maxFiles);
        // And the WAL is still whole: a crash-restart replays from the last redo pointer without error.
        TestRmgr rm = new TestRmgr();
        Wal w = Wal.open(data, s, new RealFileLayer(), WalTestSupport.registry(rm));
        w.abandon();
        Wal w2 = Wal.open(data, s, new RealFileLayer(), WalTestSupport.registry(new TestRmgr()));
        w2.close();
    }

    @Test
    void recycledSegmentsNeverPassForNewWal() throws Exception {
        WalSettings s = WalTestSupport.settings(WalPmemMode.OFF, dir);
        s.minWalSize = 4 * WalTestSupport.SEGMENT;
        Path data = WalTestSupport.initCluster(dir, s, new RealFileLayer());
        long lastEnd;
        try (Wal wal = Wal.open(data, s, new RealFileLayer(), WalTestSupport.registry(new TestRmgr()))) {
            long seq = 0;
            Inserted last = null;
            for (int round = 0; round < 6; round++) {
                for (int i = 0; i < 60; i++) last = wal.insert(TestRmgr.record(0, seq++, 900));
                wal.flush(last.endLsn());
                wal.checkpoint(CheckpointKind.ONLINE, WalTestSupport.hooks());
            }
            lastEnd = wal.flushLsn();
            // Files ahead of the insert position exist (recycled), full of old WAL...
            long current = wal.layout().segmentNo(wal.insertLsn());
            assertTrue(segmentNames(data).stream().anyMatch(n -> wal.layout().segmentNoOf(n) > current), segmentNames(data).toString());
            // ...yet reading stops exactly at the end of what was written.
            try (PageSource src = wal.openPageSource()) {
                WalReader r = new WalReader(src, wal.layout(), wal.systemIdentifier());
                r.seek(wal.controlData().checkPoint(), 0);
                DecodedRecord rec;
                DecodedRecord lastRec = null;
                while ((rec = r.next()) != null) lastRec = rec;
                assertNotNull(lastRec);
                assertEquals(wal.controlData().checkPoint(), lastRec.lsn());
                assertTrue(r.errorMessage().contains("invalid record length") || r.errorMessage().contains("pageaddr")
                        || r.errorMessage().contains("magic"), r.errorMessage());
            }
        }
        assertTrue(lastEnd > 0);
    }

    /**
     * Stale WAL in the next segment must not pass for new WAL even when the new records land at
     * exactly the old positions (same sizes, same prev chain).
     */
    @ParameterizedTest
    @EnumSource(WalPmemMode.class)
    void staleNextSegmentIsNotReplayedAfterRewritingTheSamePositions(WalPmemMode mode) throws Exception {
        WalSettings s = WalTestSupport.settings(mode, dir);
        Path data = WalTestSupport.initCluster(dir, s, new RealFileLayer());
        long seq = 0;
        Inserted x;
        int xLen;
        int before;
        try (Wal wal = Wal.open(data, s, new RealFileLayer(), WalTestSupport.registry(new TestRmgr()))) {
            long segEnd = wal.layout().segmentStart(wal.layout().segmentNo(wal.insertLsn()) + 1);
            int n = 0;
            while (segEnd - wal.insertLsn() > 2000 || segEnd - wal.insertLsn() < 40) {
                wal.insert(TestRmgr.record(0, seq++, 700));
                n++;
            }
            before = n;
            xLen = (int) (segEnd - wal.insertLsn()) - 24;
            x = wal.insert(TestRmgr.record(0, seq++, xLen));
            assertEquals(segEnd, x.endLsn());
            Inserted last = null;
            for (int i = 0; i < 5; i++) last = wal.insert(TestRmgr.record(0, seq++, 300));
            wal.flush(last.endLsn());
            // close without a shutdown checkpoint: a crash for recovery's purposes, but the buffer-file
            // modes copy everything to the segments first, so the damage below is what recovery reads.
        }
        // Damage X on disk (a torn write): recovery ends in front of it.
        SegmentFiles segs = new SegmentFiles(new RealFileLayer(), data.resolve("pg_wal"), new WalLayout(WalTestSupport.SEGMENT), 1, s);
        Path segFile = segs.path(new WalLayout(WalTestSupport.SEGMENT).segmentNo(x.lsn()));
        byte[] bytes = Files.readAllBytes(segFile);
        int off = (int) (x.lsn() % WalTestSupport.SEGMENT) + 40;
        bytes[off] ^= 0x5A;
        Files.write(segFile, bytes);
        if (mode == WalPmemMode.PMEM_BUFFERS || mode == WalPmemMode.NVWAL) {
            // Everything is in the segments after close; an empty buffer file makes recovery read them.
            Files.write(s.nvwalPath, new byte[(int) Files.size(s.nvwalPath)]);
        }
        assertTrue(segs.exists(segs.layout().segmentNo(x.endLsn())), "the next segment holds the old records");
        TestRmgr rm1 = new TestRmgr();
        try (Wal wal = Wal.open(data, s, new RealFileLayer(), WalTestSupport.registry(rm1))) {
            assertEquals(before, rm1.replayed.size(), wal.recoveryResult().endReason());
            assertEquals(x.lsn(), wal.insertLsn());
            // The same record again, at the same position, with the same prev pointer.
            Inserted again = wal.insert(TestRmgr.record(0, before, xLen));
            assertEquals(x.lsn(), again.lsn());
            wal.flush(again.endLsn());
            wal.abandon();
        }
        TestRmgr rm2 = new TestRmgr();
        try (Wal wal = Wal.open(data, s, new RealFileLayer(), WalTestSupport.registry(rm2))) {
            assertEquals(before + 1, rm2.replayed.size(), "nothing of the old next segment is replayed: "
                    + wal.recoveryResult().endReason());
        }
    }

    @Test
    void powerLossDuringCheckpointRecoversFromThePreviousOne() throws Exception {
        WalSettings s = WalTestSupport.settings(WalPmemMode.OFF, dir);
        Path data = WalTestSupport.initCluster(dir, s, new RealFileLayer());
        FaultInjectingFileLayer layer = new FaultInjectingFileLayer(new RealFileLayer());
        Wal wal = Wal.open(data, s, layer, WalTestSupport.registry(new TestRmgr()));
        List<Inserted> acked = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Inserted at = wal.insert(TestRmgr.record(1, i, 700));
            wal.commit(at.endLsn(), SynchronousCommit.ON);
            acked.add(at);
        }
        long firstCkpt = wal.checkpoint(CheckpointKind.ONLINE, WalTestSupport.hooks());
        for (int i = 50; i < 100; i++) {
            Inserted at = wal.insert(TestRmgr.record(1, i, 700));
            wal.commit(at.endLsn(), SynchronousCommit.ON);
            acked.add(at);
        }
        // The second checkpoint dies while the buffers are being written.
        CheckpointHooks dying = new CheckpointHooks() {
            @Override
            public void flushBuffers(long redoLsn) throws IOException {
                layer.powerLoss(null);
                throw new IOException("power lost while writing buffers");
            }

            @Override public CheckpointCounters counters() { return CheckpointCounters.initial(5, 5); }
        };
        try {
            wal.checkpoint(CheckpointKind.ONLINE, dying);
        } catch (IOException expected) {
            // the checkpoint did not complete
        }
        wal.abandon();
        TestRmgr rm = new TestRmgr();
        try (Wal again = Wal.open(data, s, new RealFileLayer(), WalTestSupport.registry(rm))) {
            assertEquals(firstCkpt, again.recoveryResult().checkpointLsn());
            assertTrue(again.recoveryResult().crashRecovery());
            assertEquals(50, rm.replayed.size());
            assertEquals(acked.get(99).lsn(), rm.replayed.get(49).lsn());
        }
    }

    @Test
    void insertAsksForFullPageImagesAfterTheRedoPointerMoved() throws Exception {
        WalSettings s = WalTestSupport.settings(WalPmemMode.OFF, dir);
        Path data = WalTestSupport.initCluster(dir, s, new RealFileLayer());
        try (Wal wal = Wal.open(data, s, new RealFileLayer(), WalTestSupport.registry(new TestRmgr()))) {
            assertEquals(wal.controlData().checkPointCopy().redo(), wal.redoRecPtr());
            Inserted pageChange = wal.insert(TestRmgr.record(0, 0, 50));
            long pageLsn = pageChange.endLsn();
            // No checkpoint since the page was changed: no image needed, the insert goes through.
            assertNotNull(wal.insert(TestRmgr.record(0, 1, 50), pageLsn));
            wal.checkpoint(CheckpointKind.ONLINE, WalTestSupport.hooks());
            assertTrue(wal.redoRecPtr() > pageLsn);
            // The decision "no image" was based on the old redo pointer: the insert is refused.
            assertNull(wal.insert(TestRmgr.record(0, 2, 50), pageLsn));
            assertNotNull(wal.insert(TestRmgr.record(0, 2, 50), 0));
            s.fullPageWrites = false;
            assertNotNull(wal.insert(TestRmgr.record(0, 3, 50), pageLsn), "full_page_writes off: never refused");
        }
    }

    @Test
    void nextOidRecordsReachRecovery() throws Exception {
        WalSettings s = WalTestSupport.settings(WalPmemMode.OFF, dir);
        Path data = WalTestSupport.initCluster(dir, s, new RealFileLayer());
        Wal wal = Wal.open(data, s, new RealFileLayer(), WalTestSupport.registry(new TestRmgr()));
        wal.flush(wal.logNextOid(50000).endLsn());
        wal.abandon();
        try (Wal again = Wal.open(data, s, new RealFileLayer(), WalTestSupport.registry(new TestRmgr()))) {
            assertEquals(50000, again.recoveryResult().maxNextOid());
            assertEquals(3, again.recoveryResult().latestCheckpoint().nextXid());
        }
    }

    @Test
    void shutdownCheckpointMakesRestartSkipRedo() throws Exception {
        WalSettings s = WalTestSupport.settings(WalPmemMode.OFF, dir);
        Path data = WalTestSupport.initCluster(dir, s, new RealFileLayer());
        long ckpt;
        try (Wal wal = Wal.open(data, s, new RealFileLayer(), WalTestSupport.registry(new TestRmgr()))) {
            wal.insert(TestRmgr.record(0, 0, 100));
            wal.shutdown(WalTestSupport.hooks());
            ckpt = wal.controlData().checkPoint();
            assertEquals(ckpt, wal.controlData().checkPointCopy().redo(), "a shutdown checkpoint's redo is itself");
        }
        TestRmgr rm = new TestRmgr();
        try (Wal wal = Wal.open(data, s, new RealFileLayer(), WalTestSupport.registry(rm))) {
            assertFalse(wal.recoveryResult().crashRecovery());
            assertEquals(ckpt, wal.recoveryResult().lastRecordLsn());
            assertFalse(rm.startupCalled);
            Inserted next = wal.insert(TestRmgr.record(0, 1, 10));
            wal.flush(next.endLsn());
            try (PageSource src = wal.openPageSource()) {
                WalReader r = new WalReader(src, wal.layout(), 0);
                r.seek(ckpt, 0);
                assertNotNull(r.next());
                DecodedRecord after = r.next();
                assertNotNull(after);
                assertEquals(ckpt, after.prev(), "new WAL continues the prev chain");
                assertNull(r.next());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = WalPmemMode.class, names = {"PMEM_BUFFERS", "NVWAL"})
    void bufferFileModesWriteSegmentsAsTheirDesignSays(WalPmemMode mode) throws Exception {
        WalSettings s = WalTestSupport.settings(mode, dir);
        s.walWriterDelay = 5;
        s.walBuffers = 16 * 8192;
        Path data = WalTestSupport.initCluster(dir, s, new RealFileLayer());
        try (Wal wal = Wal.open(data, s, new RealFileLayer(), WalTestSupport.registry(new TestRmgr()))) {
            Inserted last = null;
            for (int i = 0; i < 20; i++) last = wal.insert(TestRmgr.record(0, i, 500));
            wal.flush(last.endLsn());
            boolean inSegments = false;
            long deadline = System.nanoTime() + (mode == WalPmemMode.PMEM_BUFFERS ? 10_000_000_000L : 200_000_000L);
            while (!inSegments && System.nanoTime() < deadline) {
                Thread.sleep(10);
                inSegments = readableFromSegmentsOnly(wal, last);
            }
            if (mode == WalPmemMode.PMEM_BUFFERS) {
                assertTrue(inSegments, "the walwriter copied flushed buffers to the segments");
            } else {
                assertFalse(inSegments, "nvwal writes segments only when its file fills");
            }
        }
    }

    private static boolean readableFromSegmentsOnly(Wal wal, Inserted last) throws IOException {
        SegmentFiles segs = new SegmentFiles(wal.fileLayer(), wal.dataDir().resolve("pg_wal"), wal.layout(), 1, wal.settings());
        try (PageSource src = segs.pageSource()) {
            WalReader r = new WalReader(src, wal.layout(), 0);
            r.seek(last.lsn(), 0);
            return r.next() != null;
        }
    }
}
