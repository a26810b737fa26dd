package org.pgmini.wal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pgmini.wal.buffer.WalInserter.Inserted;
import org.pgmini.wal.io.FaultInjectingFileLayer;
import org.pgmini.wal.io.RealFileLayer;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every wal_sync_method makes a returned flush survive power loss; unflushed records may go, torn ones never replay. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SyncMethodCrashTest {
    private Path dir;

    @BeforeEach
    void setUp() throws Exception { dir = WalTestSupport.tempDir(); }

    @AfterEach
    void tearDown() throws Exception { WalTestSupport.deleteTree(dir); }

    @ParameterizedTest
    @EnumSource(WalSyncMethod.class)
    void flushedRecordsSurvive(WalSyncMethod method) throws Exception {
        WalSettings s = WalTestSupport.settings(WalPmemMode.OFF, dir);
        s.walSyncMethod = method;
        Path data = WalTestSupport.initCluster(dir, s, new RealFileLayer());
        FaultInjectingFileLayer layer = new FaultInjectingFileLayer(new RealFileLayer());
        Wal wal = Wal.open(data, s, layer, WalTestSupport.registry(new TestRmgr()));
        Random rnd = new Random(method.ordinal());
        int acked = 0;
        Inserted lastAcked = null;
        for (int i = 0; i < 200; i++) {
            Inserted at = wal.insert(TestRmgr.record(0, i, 50 + rnd.nextInt(3000)));
            if (i < 150) {
                wal.flush(at.endLsn());
                acked++;
                lastAcked = at;
            }
        }
        // The 50 unflushed records went through the 4-page ring, so some were written (not synced).
        layer.powerLoss(new Random(99));
        wal.abandon();
        TestRmgr rm = new TestRmgr();
        try (Wal again = Wal.open(data, s, new RealFileLayer(), WalTestSupport.registry(rm))) {
            assertTrue(again.recoveryResult().crashRecovery());
            assertTrue(rm.replayed.size() >= acked, "all flushed records replayed");
            assertEquals(lastAcked.lsn(), rm.replayed.get(acked - 1).lsn());
            for (int i = 0; i < rm.replayed.size(); i++) assertEquals(i, rm.replayed.get(i).seq(), "a prefix, in order");
        }
    }
}
