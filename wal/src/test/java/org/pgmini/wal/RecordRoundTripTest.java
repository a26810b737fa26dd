package org.pgmini.wal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pgmini.wal.buffer.WalInserter.Inserted;
import org.pgmini.wal.io.RealFileLayer;
import org.pgmini.wal.record.BlockImage;
import org.pgmini.wal.record.BlockReference;
import org.pgmini.wal.record.DecodedBlock;
import org.pgmini.wal.record.DecodedRecord;
import org.pgmini.wal.record.ForkNumber;
import org.pgmini.wal.record.RelFileLocator;
import org.pgmini.wal.record.WalRecord;
import org.pgmini.wal.recovery.PageSource;
import org.pgmini.wal.recovery.WalReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RecordRoundTripTest {
    private Path dir;

    @BeforeEach
    void setUp() throws Exception { dir = WalTestSupport.tempDir(); }

    @AfterEach
    void tearDown() throws Exception { WalTestSupport.deleteTree(dir); }

    /** Sizes around every boundary: alignment, page headers, pages, a record longer than a segment. */
    static int[] sizes() {
        return new int[] {0, 1, 7, 8, 9, 100, 8000, 8127, 8128, 8129, 8168, 8192, 8200, 16384 + 5, 3 * 8192 + 11,
                (int) WalTestSupport.SEGMENT + 100, 50, 2 * (int) WalTestSupport.SEGMENT + 3333, 12};
    }

    @ParameterizedTest
    @EnumSource(WalPmemMode.class)
    void recordsOfAllSizesComeBackAcrossPagesAndSegments(WalPmemMode mode) throws Exception {
        WalSettings s = WalTestSupport.settings(mode, dir);
        RealFileLayer layer = new RealFileLayer();
        Path data = WalTestSupport.initCluster(dir, s, layer);
        TestRmgr rm = new TestRmgr();
        List<Inserted> ins = new ArrayList<>();
        int[] sizes = sizes();
        // Fill to many different page offsets: repeat the size list with a shifting small record in between.
        try (Wal wal = Wal.open(data, s, layer, WalTestSupport.registry(rm))) {
            long seq = 0;
            for (int round = 0; round < 3; round++) {
                for (int size : sizes) {
                    ins.add(wal.insert(TestRmgr.record(0, seq++, size)));
                    ins.add(wal.insert(TestRmgr.record(0, seq++, 12 + round * 8)));
                }
            }
            wal.flush(ins.get(ins.size() - 1).endLsn());
            // Read back with a reader from the first record, checking prev links and positions.
            try (PageSource src = wal.openPageSource()) {
                WalReader reader = new WalReader(src, wal.layout(), wal.systemIdentifier());
                reader.seek(ins.get(0).lsn(), 0);
                long prev = 0;
                for (int i = 0; i < ins.size(); i++) {
                    DecodedRecord r = reader.next();
                    assertNotNull(r, "record " + i + ": " + reader.errorMessage());
                    assertEquals(ins.get(i).lsn(), r.lsn());
                    assertEquals(ins.get(i).endLsn(), r.endLsn());
                    if (prev != 0) assertEquals(prev, r.prev());
                    prev = r.lsn();
                    int expectedLen = Math.max(12, i % 2 == 0 ? sizes[(i / 2) % sizes.length] : 12 + (i / 2 / sizes.length) * 8);
                    assertEquals(expectedLen, r.mainData().length);
                    assertArrayEquals(TestRmgr.payload(0, i, expectedLen), r.mainData());
                }
                assertNull(reader.next(), "no record after the last one");
                assertNotNull(reader.errorMessage());
            }
        }
        // Clean shutdown was not done (close only): the records after the checkpoint are replayed.
        TestRmgr rm2 = new TestRmgr();
        try (Wal wal = Wal.open(data, s, layer, WalTestSupport.registry(rm2))) {
            assertTrue(wal.recoveryResult().crashRecovery());
            assertEquals(ins.size(), rm2.replayed.size());
            assertTrue(rm2.startupCalled && rm2.cleanupCalled);
            assertEquals(wal.layout().lsnToBytePos(ins.get(ins.size() - 1).endLsn()),
                    wal.layout().lsnToBytePos(wal.recoveryResult().endLsn()));
            wal.shutdown(WalTestSupport.hooks());
        }
        // After a clean shutdown nothing is replayed.
        TestRmgr rm3 = new TestRmgr();
        try (Wal wal = Wal.open(data, s, layer, WalTestSupport.registry(rm3))) {
            assertFalse(wal.recoveryResult().crashRecovery());
            assertEquals(0, rm3.replayed.size());
        }
    }

    /** A record that fills its page to the last byte, then a crash: the next page was never written. */
    @ParameterizedTest
    @EnumSource(WalPmemMode.class)
    void restartAfterARecordThatEndsExactlyAtAPageEnd(WalPmemMode mode) throws Exception {
        WalSettings s = WalTestSupport.settings(mode, dir);
        Path data = WalTestSupport.initCluster(dir, s, new RealFileLayer());
        long seq = 0;
        List<Long> lsns = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            TestRmgr rm = new TestRmgr();
            Wal wal = Wal.open(data, s, new RealFileLayer(), WalTestSupport.registry(rm));
            assertEquals(lsns.size(), rm.replayed.size(), mode + " round " + round);
            for (int i = 0; i < lsns.size(); i++) assertEquals(lsns.get(i), rm.replayed.get(i).lsn());
            // Fill up so that the next record ends exactly at the end of a page (round 2: of a segment).
            long target = round == 2 ? wal.layout().segmentStart(wal.layout().segmentNo(wal.insertLsn()) + 1)
                    : WalLayout.pageStart(wal.insertLsn()) + WalLayout.PAGE_SIZE;
            while (target - wal.insertLsn() > 2000 || target - wal.insertLsn() < 40) {
                Inserted at = wal.insert(TestRmgr.record(0, seq++, 500));
                lsns.add(at.lsn());
                if (wal.insertLsn() > target) {
                    target = round == 2 ? wal.layout().segmentStart(wal.layout().segmentNo(wal.insertLsn()) + 1)
                            : WalLayout.pageStart(wal.insertLsn()) + WalLayout.PAGE_SIZE;
                }
            }
            int len = (int) (target - wal.insertLsn()) - 24;
            Inserted exact = wal.insert(TestRmgr.record(0, seq++, len));
            lsns.add(exact.lsn());
            assertEquals(target, exact.endLsn(), "record ends at the page boundary");
            wal.flush(exact.endLsn());
            wal.abandon();
        }
        // And once more after a clean restart: insert, crash, everything is there.
        TestRmgr rm = new TestRmgr();
        try (Wal wal = Wal.open(data, s, new RealFileLayer(), WalTestSupport.registry(rm))) {
            assertTrue(wal.recoveryResult().crashRecovery());
            assertEquals(lsns.size(), rm.replayed.size());
        }
    }

    @Test
    void fullPageImagesKeepEverythingButTheHole() throws Exception {
        WalSettings s = WalTestSupport.settings(WalPmemMode.OFF, dir);
        RealFileLayer layer = new RealFileLayer();
        Path data = WalTestSupport.initCluster(dir, s, layer);
        byte[] page = new byte[BlockImage.PAGE_SIZE];
        new Random(5).nextBytes(page);
        java.util.Arrays.fill(page, 100, 5000, (byte) 0);
        RelFileLocator rel = new RelFileLocator(1663, 5, 16384);
        WalRecord rec = new WalRecord(TestRmgr.ID, TestRmgr.INFO_DATA, 42, List.of(
                BlockReference.withImage(rel, ForkNumber.MAIN, 7, new BlockImage(page, 100, 4900), new byte[] {1, 2, 3}),
                BlockReference.of(rel, ForkNumber.VM, 0, new byte[0])), TestRmgr.payload(9, 9, 20));
        try (Wal wal = Wal.open(data, s, layer, WalTestSupport.registry(new TestRmgr()))) {
            Inserted at = wal.insert(rec);
            wal.flush(at.endLsn());
            try (PageSource src = wal.openPageSource()) {
                WalReader reader = new WalReader(src, wal.layout(), 0);
                reader.seek(at.lsn(), 0);
                DecodedRecord r = reader.next();
                assertNotNull(r, reader.errorMessage());
                assertEquals(42, r.xid());
                assertEquals(2, r.blocks().size());
                DecodedBlock b0 = r.blocks().get(0);
                assertTrue(b0.hasImage());
                assertEquals(rel, b0.locator());
                assertEquals(7, b0.blockNumber());
                assertEquals(4900, b0.holeLength());
                byte[] restored = new byte[BlockImage.PAGE_SIZE];
                java.util.Arrays.fill(restored, (byte) 0x55);
                b0.restoreImage(restored);
                assertArrayEquals(page, restored);
                assertArrayEquals(new byte[] {1, 2, 3}, b0.data());
                assertFalse(r.blocks().get(1).hasImage());
                assertEquals(ForkNumber.VM, r.blocks().get(1).fork());
                assertEquals(r.totalLength() - (BlockImage.PAGE_SIZE - 4900), r.lengthWithoutImages());
            }
        }
    }
}
