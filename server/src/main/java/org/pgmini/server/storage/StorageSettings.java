package org.pgmini.server.storage;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.server.guc.ConfigView;
import org.pgmini.storage.StorageEngine;
import org.pgmini.storage.smgr.StorageConstants;
import org.pgmini.wal.WalPmemFlush;
import org.pgmini.wal.WalPmemMode;
import org.pgmini.wal.WalSettings;
import org.pgmini.wal.WalSyncMethod;

import java.nio.file.Path;

/**
 * The GUCs of storage and WAL turned into the objects those modules take: {@link WalSettings}
 * (postmaster-context values copied at start, reloadable ones refreshed by {@link #applyReload})
 * and {@link StorageEngine.Config}.
 */
public final class StorageSettings {
    private static final long KB = 1024;
    private static final long MB = 1024 * 1024;

    private StorageSettings() {
    }

    /** WalSettings from the configuration; wal_segment_size is taken from pg_control at open. */
    public static WalSettings walSettings(ConfigView c, Path dataDir) {
        WalSettings s = new WalSettings();
        s.walPmemMode = WalPmemMode.fromGuc(c.getString("wal_pmem_mode"));
        s.walPmemFlush = WalPmemFlush.fromGuc(c.getString("wal_pmem_flush"));
        String nvwal = c.getString("nvwal_path");
        s.nvwalPath = nvwal == null || nvwal.isEmpty() ? null : dataDir.resolve(nvwal);
        s.nvwalSize = c.getInt("nvwal_size") * MB;
        s.walBuffers = walBuffersBytes(c.getInt("wal_buffers"), c.getInt("shared_buffers"));
        // The WAL opens its segment files for this method at start, so a reload cannot change it
        // (PostgreSQL can: it reopens the segment); a new value takes effect at the next start.
        s.walSyncMethod = WalSyncMethod.fromGuc(c.getString("wal_sync_method"));
        applyReload(s, c);
        return s;
    }

    /**
     * PostgreSQL's wal_buffers = -1: 1/32 of shared_buffers, at least 64 kB, at most one WAL
     * segment (16 MB by default); given in 8 kB WAL blocks otherwise.
     */
    static long walBuffersBytes(int walBuffersBlocks, int sharedBuffersBlocks) {
        if (walBuffersBlocks > 0) return walBuffersBlocks * 8 * KB;
        long auto = (long) sharedBuffersBlocks * StorageConstants.BLCKSZ / 32;
        return Math.max(64 * KB, Math.min(16 * MB, auto / (8 * KB) * (8 * KB)));
    }

    /** The reloadable (sighup / superuser) WAL settings; called at start and on every reload. */
    public static void applyReload(WalSettings s, ConfigView c) {
        s.fsync = c.getBool("fsync");
        s.fullPageWrites = c.getBool("full_page_writes");
        s.walWriterDelay = c.getInt("wal_writer_delay");
        s.commitDelay = c.getInt("commit_delay");
        s.commitSiblings = c.getInt("commit_siblings");
        s.minWalSize = c.getInt("min_wal_size") * MB;
        s.maxWalSize = c.getInt("max_wal_size") * MB;
        s.walInitZero = c.getBool("wal_init_zero");
        s.walRecycle = c.getBool("wal_recycle");
    }

    /**
     * The storage engine's sizes: shared_buffers, ProcArray slots for every backend PostgreSQL
     * counts (max_connections + autovacuum workers + 1 + max_worker_processes + WAL senders) plus
     * the postmaster's own internal sessions, bgwriter settings.
     */
    public static StorageEngine.Config engineConfig(ConfigView c) {
        int backends = c.getInt("max_connections") + c.getInt("autovacuum_max_workers") + 1
                + c.getInt("max_worker_processes") + c.getInt("max_wal_senders") + 4;
        int sharedBuffers = c.getInt("shared_buffers");
        if (sharedBuffers < 16) {
            throw new PgException("FATAL", SqlState.INVALID_PARAMETER_VALUE, "shared_buffers must be at least 128kB",
                    null, null, 0, null, null);
        }
        return new StorageEngine.Config(sharedBuffers, 128, backends, c.getInt("bgwriter_delay"),
                c.getInt("bgwriter_lru_maxpages"), StorageConstants.DEFAULT_BLOCKS_PER_SEGMENT);
    }
}
