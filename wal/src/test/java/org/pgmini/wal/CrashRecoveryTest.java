package org.pgmini.wal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pgmini.wal.io.LibPmem;
import org.pgmini.wal.buffer.WalInserter.Inserted;
import org.pgmini.wal.io.FaultInjectingFileLayer;
import org.pgmini.wal.io.RealFileLayer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Simulated power loss with the fault-injecting file layer, for every wal_pmem_mode: writers
 * insert and commit concurrently (with checkpoints in between) until the power fails at a random
 * moment, sometimes tearing an unsynced write. After restart, recovery must replay every record
 * whose flush returned, and exactly the inserted records up to the end of valid WAL — nothing
 * missing before that point and nothing after it.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CrashRecoveryTest {
    private Path dir;

    @BeforeEach
    void setUp() throws Exception { dir = WalTestSupport.tempDir(); }

    @AfterEach
    void tearDown() throws Exception { WalTestSupport.deleteTree(dir); }

    record Written(long lsn, long endLsn, int writer, long seq) {}

    static Stream<Arguments> modesAndFlushMethods() {
        List<Arguments> l = new ArrayList<>();
        for (WalPmemMode m : WalPmemMode.values()) {
            l.add(Arguments.of(m, WalPmemFlush.MSYNC));
            if (m != WalPmemMode.OFF && LibPmem.available()) l.add(Arguments.of(m, WalPmemFlush.LIBPMEM));
        }
        return l.stream();
    }

    @ParameterizedTest
    @MethodSource("modesAndFlushMethods")
    void acknowledgedCommitsSurvivePowerLoss(WalPmemMode mode, WalPmemFlush flushMethod) throws Exception {
        WalSettings s = WalTestSupport.settings(mode, dir);
        s.walPmemFlush = flushMethod;
        s.walWriterDelay = 3;
        Path data = WalTestSupport.initCluster(dir, s, new RealFileLayer());
        Random rnd = new Random(mode.ordinal() * 31L + 7);
        List<Written> inserted = new ArrayList<>();
        List<Written> acked = new ArrayList<>();
        long roundStart = 0;
        int rounds = 5;
        for (int round = 0; round <= rounds; round++) {
            FaultInjectingFileLayer layer = new FaultInjectingFileLayer(new RealFileLayer(flushMethod));
            TestRmgr rm = new TestRmgr();
            Wal wal = Wal.open(data, s, layer, WalTestSupport.registry(rm));
            if (mode != WalPmemMode.OFF) assertEquals(flushMethod.gucValue(), wal.pmemFlushInUse());
            if (round > 0) verifyRound(wal, rm, roundStart, inserted, acked, mode, round);
            if (round == rounds) {
                wal.close();
                break;
            }
            if (round % 2 == 1) wal.checkpoint(CheckpointKind.END_OF_RECOVERY, WalTestSupport.hooks());
            roundStart = wal.insertLsn();
            inserted = java.util.Collections.synchronizedList(new ArrayList<>());
            acked = java.util.Collections.synchronizedList(new ArrayList<>());
            runUntilPowerLoss(wal, layer, inserted, acked, rnd, round);
        }
    }

    private void runUntilPowerLoss(Wal wal, FaultInjectingFileLayer layer, List<Written> inserted, List<Written> acked,
                                   Random rnd, int round) throws Exception {
        int writers = 3;
        List<Thread> ts = new ArrayList<>();
        long seed = rnd.nextLong();
        for (int w = 0; w < writers; w++) {
            final int writer = w;
            Thread t = new Thread(() -> {
                Random r = new Random(seed + writer);
                try {
                    for (long seq = 0; ; seq++) {
                        int len = r.nextInt(10) == 0 ? 3000 + r.nextInt(20000) : 12 + r.nextInt(300);
                        Inserted at = wal.insert(TestRmgr.record(writer, seq, len));
                        Written wr = new Written(at.lsn(), at.endLsn(), writer, seq);
                        inserted.add(wr);
                        if (r.nextBoolean()) {
                            wal.commit(at.endLsn(), SynchronousCommit.ON);
                            acked.add(wr);
                        }
                        if (writer == 0 && seq % 97 == 96) wal.checkpoint(CheckpointKind.ONLINE, WalTestSupport.hooks());
                    }
                } catch (Throwable e) {
                    // The power went out: writes fail from now on, nothing more is acknowledged.
                }
            });
            ts.add(t);
            t.start();
        }
        // Let the writers get going (the machine may be busy), then cut the power at a random moment.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (acked.size() < 5 && System.nanoTime() < deadline) Thread.sleep(1);
        Thread.sleep(rnd.nextInt(60));
        layer.powerLoss(round % 2 == 0 ? null : new Random(rnd.nextLong()));
        for (Thread t : ts) t.join(30_000);
        for (Thread t : ts) assertTrue(!t.isAlive(), "writer stopped after the power loss");
        wal.abandon();
        assertTrue(inserted.size() > 0);
    }

    private static void verifyRound(Wal wal, TestRmgr rm, long roundStart, List<Written> insertedList, List<Written> ackedList,
                                    WalPmemMode mode, int round) {
        List<Written> inserted = new ArrayList<>(insertedList);
        List<Written> acked = new ArrayList<>(ackedList);
        String ctx = mode.gucValue() + " round " + round + ": ";
        WalLayout layout = wal.layout();
        long end = layout.lsnToBytePos(wal.recoveryResult().endLsn());
        long from = Math.max(roundStart, wal.recoveryResult().redoLsn());
        if (Boolean.getBoolean("walDebug")) System.err.println(ctx + inserted.size() + " inserted, " + acked.size() + " acked, end " + Lsn.format(wal.recoveryResult().endLsn()));
        assertTrue(acked.size() >= 5, ctx + "some commits were acknowledged");
        for (Written a : acked) {
            assertTrue(layout.lsnToBytePos(a.endLsn()) <= end, ctx + "acknowledged record at " + Lsn.format(a.lsn())
                    + " lies beyond the end of recovered WAL " + Lsn.format(wal.recoveryResult().endLsn()) + ": " + wal.recoveryResult().endReason());
        }
        List<Written> expected = inserted.stream()
                .filter(w -> w.lsn() >= from && layout.lsnToBytePos(w.lsn()) < end)
                .sorted(Comparator.comparingLong(Written::lsn)).toList();
        List<TestRmgr.Replayed> got = rm.replayed.stream().filter(r -> r.lsn() >= from).toList();
        assertEquals(expected.size(), got.size(), ctx + "replayed records of the round (end "
                + Lsn.format(wal.recoveryResult().endLsn()) + ", " + wal.recoveryResult().endReason() + ")");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).lsn(), got.get(i).lsn(), ctx + "record " + i);
            assertEquals(expected.get(i).writer(), got.get(i).writer(), ctx + "record " + i);
            assertEquals(expected.get(i).seq(), got.get(i).seq(), ctx + "record " + i);
        }
    }
}
