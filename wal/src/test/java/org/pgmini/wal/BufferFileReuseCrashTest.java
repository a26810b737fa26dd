package org.pgmini.wal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pgmini.wal.buffer.WalInserter.Inserted;
import org.pgmini.wal.io.FaultInjectingFileLayer;
import org.pgmini.wal.io.LibPmem;
import org.pgmini.wal.io.RealFileLayer;
import org.pgmini.wal.mode.PmemBuffersStorage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * pmem_buffers and nvwal reuse a place of the buffer file for a new page once the old page is
 * durable in its segment. The new occupant's stores are not persisted yet, but some may reach
 * the media anyway (cache-line eviction, the kernel writing back a dirty page) while the place's
 * header line does not. Recovery must then not take the place for the old page: its body is
 * partly the new page's. Here everything of the place but its first cache line "landed".
 *
 * (This is what CrashRecoveryTest hit on a loaded machine: its tear scan was preempted in the
 * middle of a place, an inserter re-initialized the place meanwhile, and the scan then kept the
 * new zeros under the old header — an acknowledged record failed its CRC.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BufferFileReuseCrashTest {
    private Path dir;

    @BeforeEach
    void setUp() throws Exception { dir = WalTestSupport.tempDir(); }

    @AfterEach
    void tearDown() throws Exception { WalTestSupport.deleteTree(dir); }

    static Stream<Arguments> bufferFileModes() {
        List<Arguments> l = new ArrayList<>();
        for (WalPmemMode m : List.of(WalPmemMode.PMEM_BUFFERS, WalPmemMode.NVWAL)) {
            l.add(Arguments.of(m, WalPmemFlush.MSYNC));
            if (LibPmem.available()) l.add(Arguments.of(m, WalPmemFlush.LIBPMEM));
        }
        return l.stream();
    }

    @ParameterizedTest
    @MethodSource("bufferFileModes")
    void reusedPlaceNeverPassesForItsOldPage(WalPmemMode mode, WalPmemFlush flushMethod) throws Exception {
        WalSettings s = WalTestSupport.settings(mode, dir);
        s.walPmemFlush = flushMethod;
        Path data = WalTestSupport.initCluster(dir, s, new RealFileLayer());
        long places = (mode == WalPmemMode.NVWAL ? s.nvwalSize : PmemBuffersStorage.ringBytes(s.walBuffers)) / WalLayout.PAGE_SIZE;

        FaultInjectingFileLayer layer = new FaultInjectingFileLayer(new RealFileLayer(flushMethod));
        Wal wal = Wal.open(data, s, layer, WalTestSupport.registry(new TestRmgr()));
        long start = wal.insertLsn();
        // Page `reused` takes the place of page `reused - places` pages, which is all acknowledged.
        long reused = WalLayout.pageStart(start) + (places + 1) * WalLayout.PAGE_SIZE;
        List<Inserted> acked = new ArrayList<>();
        Inserted last;
        long seq = 0;
        while (true) {
            last = wal.insert(TestRmgr.record(0, seq, 40 + (int) (seq * 37 % 260)));
            seq++;
            if (last.endLsn() > reused) break;          // reaches into the reused place: not committed
            wal.commit(last.endLsn(), SynchronousCommit.ON);
            acked.add(last);
        }
        assertTrue(WalLayout.pageStart(last.endLsn() - 1) >= reused, "the place was re-initialized for a new page");
        assertTrue(acked.size() > places * 20, "the old occupant holds acknowledged records");
        int place = (int) ((reused / WalLayout.PAGE_SIZE) % places);
        // Everything of the place but its first cache line (the header) reached the media.
        layer.powerLossKeeping(s.nvwalPath, (long) place * WalLayout.PAGE_SIZE + 64, WalLayout.PAGE_SIZE - 64);
        wal.abandon();

        TestRmgr rm = new TestRmgr();
        try (Wal again = Wal.open(data, s, new FaultInjectingFileLayer(new RealFileLayer(flushMethod)), WalTestSupport.registry(rm))) {
            long end = again.recoveryResult().endLsn();
            Inserted lastAcked = acked.get(acked.size() - 1);
            assertTrue(end >= lastAcked.endLsn(), "acknowledged WAL up to " + Lsn.format(lastAcked.endLsn())
                    + " survives, recovered only to " + Lsn.format(end) + ": " + again.recoveryResult().endReason());
            List<TestRmgr.Replayed> got = rm.replayed.stream().filter(r -> r.lsn() >= start).toList();
            assertTrue(got.size() >= acked.size(), "replayed " + got.size() + " of " + acked.size() + " acknowledged records");
            for (int i = 0; i < acked.size(); i++) {
                assertEquals(acked.get(i).lsn(), got.get(i).lsn(), "record " + i);
                assertEquals(i, got.get(i).seq(), "record " + i);
            }
        }
    }
}
