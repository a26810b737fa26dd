package org.pgmini.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.error.PgException;
import org.pgmini.server.guc.ServerConfig;
import org.pgmini.server.testing.RealPostmaster;
import org.pgmini.storage.StorageEngine;
import org.pgmini.wal.WalPmemFlush;
import org.pgmini.wal.WalPmemMode;
import org.pgmini.wal.WalSettings;
import org.pgmini.wal.WalSyncMethod;

/** GUCs → WalSettings and the storage engine's sizes, and the checks a start makes first. */
@Timeout(60)
class StorageSettingsTest {
    @TempDir
    Path tmp;

    private ServerConfig config(Path data, Map<String, String> settings) {
        return ServerConfig.load(data, List.copyOf(settings.entrySet()), Map.of());
    }

    @Test
    void gucValuesReachTheWalAndTheEngine() throws Exception {
        Path data = tmp.resolve("data");
        RealPostmaster.initdb(data);
        ServerConfig c = config(data, Map.of("wal_pmem_mode", "nvwal", "nvwal_path", "wal.buf", "nvwal_size", "64MB",
                "wal_pmem_flush", "msync", "shared_buffers", "64MB", "wal_sync_method", "open_datasync",
                "full_page_writes", "off", "commit_delay", "10", "max_wal_size", "256MB", "fsync", "off"));
        WalSettings w = StorageSettings.walSettings(c, data);
        assertEquals(WalPmemMode.NVWAL, w.walPmemMode);
        assertEquals(data.resolve("wal.buf"), w.nvwalPath, "a relative nvwal_path is in the data directory");
        assertEquals(64L << 20, w.nvwalSize);
        assertEquals(WalPmemFlush.MSYNC, w.walPmemFlush);
        assertEquals(WalSyncMethod.OPEN_DATASYNC, w.walSyncMethod);
        assertFalse(w.fullPageWrites);
        assertFalse(w.fsync);
        assertEquals(10, w.commitDelay);
        assertEquals(256L << 20, w.maxWalSize);
        assertEquals(2L << 20, w.walBuffers, "wal_buffers -1: shared_buffers / 32");
        StorageEngine.Config e = StorageSettings.engineConfig(c);
        assertEquals(8192, e.sharedBuffers());
        assertTrue(e.maxBackends() > c.getInt("max_connections"));
    }

    @Test
    void walBuffersAutoTuneIsPostgresOne() {
        assertEquals(64 * 1024, StorageSettings.walBuffersBytes(-1, 16), "at least 64kB");
        assertEquals(16L << 20, StorageSettings.walBuffersBytes(-1, 1 << 20), "at most one 16MB segment");
        assertEquals(4L << 20, StorageSettings.walBuffersBytes(-1, 16384), "128MB / 32");
        assertEquals(8 * 8192, StorageSettings.walBuffersBytes(8, 16384), "explicit value in 8kB blocks");
    }

    @Test
    void aBadCombinationIsRefusedBeforeAnythingStarts() throws Exception {
        Path data = tmp.resolve("data");
        RealPostmaster.initdb(data);
        PgException e = assertThrows(PgException.class,
                () -> new ServerDatabase(data, config(data, Map.of("wal_pmem_mode", "pmem_buffers"))));
        assertEquals("FATAL", e.severity());
        assertEquals("22023", e.sqlState());
        assertEquals("wal_pmem_mode \"pmem_buffers\" requires nvwal_path to be set", e.getMessage());
    }
}
