package org.pgmini.wal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pgmini.error.PgException;
import org.pgmini.wal.control.ControlFile;
import org.pgmini.wal.control.ControlFileData;
import org.pgmini.wal.control.DbState;
import org.pgmini.wal.io.FaultInjectingFileLayer;
import org.pgmini.wal.io.RealFileLayer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ControlFileAndSettingsTest {
    private Path dir;

    @BeforeEach
    void setUp() throws Exception { dir = WalTestSupport.tempDir(); }

    @AfterEach
    void tearDown() throws Exception { WalTestSupport.deleteTree(dir); }

    @Test
    void controlFileRoundTripsAndDetectsCorruption() throws Exception {
        WalSettings s = WalTestSupport.settings(WalPmemMode.OFF, dir);
        Path data = WalTestSupport.initCluster(dir, s, new RealFileLayer());
        ControlFile cf = new ControlFile(new RealFileLayer(), data);
        ControlFileData d = cf.read();
        assertEquals(DbState.SHUTDOWNED, d.state());
        assertEquals(WalTestSupport.SEGMENT, d.walSegmentSize());
        assertEquals(d.checkPoint(), d.checkPointCopy().redo());
        assertEquals(16384, d.checkPointCopy().nextOid());
        assertEquals(ControlFileData.FILE_SIZE, Files.size(ControlFile.pathIn(data)));
        String text = d.describe();
        assertTrue(text.contains("Database cluster state:               shut down\n"), text);
        assertTrue(text.contains("Latest checkpoint location:           0/10028\n"), text);
        assertTrue(text.contains("Latest checkpoint's REDO WAL file:    000000010000000000000001\n"), text);
        assertTrue(text.contains("Latest checkpoint's NextXID:          0:3\n"), text);

        byte[] bytes = Files.readAllBytes(ControlFile.pathIn(data));
        bytes[9] ^= 1;
        Files.write(ControlFile.pathIn(data), bytes);
        PgException e = assertThrows(PgException.class, () -> new ControlFile(new RealFileLayer(), data).read());
        assertEquals("incorrect checksum in control file", e.getMessage());
        assertEquals("FATAL", e.severity());
    }

    @Test
    void controlFileWriteIsAtomicUnderPowerLoss() throws Exception {
        WalSettings s = WalTestSupport.settings(WalPmemMode.OFF, dir);
        Path data = WalTestSupport.initCluster(dir, s, new RealFileLayer());
        for (int i = 0; i < 20; i++) {
            FaultInjectingFileLayer layer = new FaultInjectingFileLayer(new RealFileLayer());
            ControlFile cf = new ControlFile(layer, data);
            ControlFileData before = cf.read();
            ControlFileData after = before.withState(i % 2 == 0 ? DbState.IN_PRODUCTION : DbState.SHUTDOWNED, 1000 + i);
            cf.write(after);
            // A later write that never reached its directory sync is lost as a whole, torn or not.
            Thread t = new Thread(() -> {
                try { cf.write(after.withState(DbState.IN_CRASH_RECOVERY, 5)); } catch (Exception ignored) { /* power loss */ }
            });
            t.start();
            if (i % 3 == 0) Thread.sleep(1);
            layer.powerLoss(new Random(i));
            t.join();
            ControlFileData now = new ControlFile(new RealFileLayer(), data).read();
            assertTrue(now.equals(after) || now.state() == DbState.IN_CRASH_RECOVERY, "old or new version, never a mix");
        }
    }

    @Test
    void waldirPutsPgWalElsewhereThroughASymlink() throws Exception {
        WalSettings s = WalTestSupport.settings(WalPmemMode.OFF, dir);
        Path data = dir.resolve("data");
        Path waldir = dir.resolve("elsewhere").resolve("wal");
        Wal.initialize(data, waldir, s, new RealFileLayer(), 42, CheckpointCounters.initial(3, 10000));
        assertTrue(Files.isSymbolicLink(data.resolve("pg_wal")));
        assertTrue(Files.exists(waldir.resolve("000000010000000000000001")));
        try (Wal wal = Wal.open(data, s, new RealFileLayer(), WalTestSupport.registry(new TestRmgr()))) {
            wal.flush(wal.insert(TestRmgr.record(0, 0, 10)).endLsn());
            assertEquals(42, wal.systemIdentifier());
        }
    }

    @Test
    void badSettingCombinationsFailClearly() throws Exception {
        WalSettings s = WalTestSupport.settings(WalPmemMode.NVWAL, dir);
        Path data = WalTestSupport.initCluster(dir, WalTestSupport.settings(WalPmemMode.OFF, dir), new RealFileLayer());
        s.nvwalPath = null;
        PgException e = assertThrows(PgException.class, () -> Wal.open(data, s, new RealFileLayer(), new org.pgmini.wal.recovery.ResourceManagerRegistry()));
        assertEquals("wal_pmem_mode \"nvwal\" requires nvwal_path to be set", e.getMessage());
        assertEquals("22023", e.sqlState());
        s.nvwalPath = dir.resolve("nv");
        s.nvwalSize = WalTestSupport.SEGMENT * 2 + 8192;
        e = assertThrows(PgException.class, () -> Wal.open(data, s, new RealFileLayer(), new org.pgmini.wal.recovery.ResourceManagerRegistry()));
        assertTrue(e.getMessage().startsWith("nvwal_size (139264 bytes) must be a positive multiple of wal_segment_size (65536 bytes)"), e.getMessage());
        WalSettings p = WalTestSupport.settings(WalPmemMode.PMEM_BUFFERS, dir);
        p.nvwalPath = null;
        e = assertThrows(PgException.class, () -> Wal.open(data, p, new RealFileLayer(), new org.pgmini.wal.recovery.ResourceManagerRegistry()));
        assertEquals("wal_pmem_mode \"pmem_buffers\" requires nvwal_path to be set", e.getMessage());
        assertThrows(PgException.class, () -> WalPmemMode.fromGuc("dax"));
        assertEquals(WalPmemMode.SEGMENTS_AS_BUFFERS, WalPmemMode.fromGuc("segments_as_buffers"));
        assertEquals(WalSyncMethod.OPEN_DATASYNC, WalSyncMethod.fromGuc("open_datasync"));
        assertThrows(PgException.class, () -> new WalLayout(3 * 1024 * 1024));
    }

    @Test
    void bufferFileMustMatchForCrashRecovery() throws Exception {
        WalSettings nv = WalTestSupport.settings(WalPmemMode.NVWAL, dir);
        Path data = WalTestSupport.initCluster(dir, nv, new RealFileLayer());
        Wal wal = Wal.open(data, nv, new RealFileLayer(), WalTestSupport.registry(new TestRmgr()));
        wal.flush(wal.insert(TestRmgr.record(0, 0, 20)).endLsn());
        wal.abandon();
        WalSettings bigger = WalTestSupport.settings(WalPmemMode.NVWAL, dir);
        bigger.nvwalSize = 4 * WalTestSupport.SEGMENT;
        PgException e = assertThrows(PgException.class, () -> Wal.open(data, bigger, new RealFileLayer(), WalTestSupport.registry(new TestRmgr())));
        assertTrue(e.getMessage().contains("has 131072 bytes, but the settings ask for 262144"), e.getMessage());
        Files.move(nv.nvwalPath, dir.resolve("moved"));
        e = assertThrows(PgException.class, () -> Wal.open(data, nv, new RealFileLayer(), WalTestSupport.registry(new TestRmgr())));
        assertTrue(e.getMessage().startsWith("could not open WAL buffer file"), e.getMessage());
        Files.move(dir.resolve("moved"), nv.nvwalPath);
        TestRmgr rm = new TestRmgr();
        try (Wal w = Wal.open(data, nv, new RealFileLayer(), WalTestSupport.registry(rm))) {
            assertTrue(w.recoveryResult().crashRecovery());
            assertEquals(1, rm.replayed.size());
        }
    }

    @Test
    void modeCannotChangeBeforeRecoveryRan() throws Exception {
        WalSettings off = WalTestSupport.settings(WalPmemMode.OFF, dir);
        Path data = WalTestSupport.initCluster(dir, off, new RealFileLayer());
        Wal wal = Wal.open(data, off, new RealFileLayer(), WalTestSupport.registry(new TestRmgr()));
        wal.insert(TestRmgr.record(0, 0, 20));
        wal.abandon();
        WalSettings nv = WalTestSupport.settings(WalPmemMode.NVWAL, dir);
        PgException e = assertThrows(PgException.class, () -> Wal.open(data, nv, new RealFileLayer(), WalTestSupport.registry(new TestRmgr())));
        assertTrue(e.getMessage().contains("not properly shut down with wal_pmem_mode = \"off\""), e.getMessage());
        // Recover with the old mode, shut down cleanly, then the new mode starts.
        try (Wal w = Wal.open(data, off, new RealFileLayer(), WalTestSupport.registry(new TestRmgr()))) {
            w.shutdown(WalTestSupport.hooks());
        }
        try (Wal w = Wal.open(data, nv, new RealFileLayer(), WalTestSupport.registry(new TestRmgr()))) {
            assertFalse(w.recoveryResult().crashRecovery());
            assertEquals(WalPmemMode.NVWAL, w.mode());
            assertEquals(WalPmemMode.NVWAL, w.controlData().walPmemMode());
        }
    }
}
