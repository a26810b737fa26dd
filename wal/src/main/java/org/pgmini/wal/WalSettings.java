package org.pgmini.wal;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

import java.nio.file.Path;

/**
 * The WAL's configuration, filled by the server's GUC system (names in the comments are the GUC
 * names; values are already parsed into base units). A plain mutable object: the WAL reads the
 * reloadable fields at each use and copies the postmaster-context ones at start.
 */
public final class WalSettings {
    /** wal_segment_size (bytes), fixed at initdb and kept in pg_control; used by initialize only. */
    public long walSegmentSize = WalLayout.DEFAULT_SEGMENT_SIZE;
    /** wal_buffers (bytes, postmaster); PostgreSQL's auto-tune (-1) is resolved by the server. */
    public long walBuffers = 16L * 1024 * 1024;
    /** commit_delay (microseconds). */
    public volatile int commitDelay = 0;
    /** commit_siblings. */
    public volatile int commitSiblings = 5;
    /** wal_writer_delay (milliseconds). */
    public volatile int walWriterDelay = 200;
    /** fsync. */
    public volatile boolean fsync = true;
    /** wal_sync_method (postmaster here: it decides how segment files are opened). */
    public WalSyncMethod walSyncMethod = WalSyncMethod.FDATASYNC;
    /** full_page_writes (read by storage when it builds records; kept here so both see one value). */
    public volatile boolean fullPageWrites = true;
    /** wal_pmem_mode (postmaster). */
    public WalPmemMode walPmemMode = WalPmemMode.OFF;
    /** nvwal_path (postmaster): the mapped buffer file of pmem_buffers and nvwal. */
    public Path nvwalPath = null;
    /** nvwal_size (bytes, postmaster): size of the nvwal file, a multiple of wal_segment_size. */
    public long nvwalSize = 0;
    /** wal_pmem_flush (postmaster): auto, libpmem, msync. */
    public WalPmemFlush walPmemFlush = WalPmemFlush.AUTO;
    /** min_wal_size (bytes): segments kept for recycling after a checkpoint. */
    public volatile long minWalSize = 80L * 1024 * 1024;
    /** max_wal_size (bytes): the server starts a checkpoint when this much WAL was written since the last one. */
    public volatile long maxWalSize = 1024L * 1024 * 1024;
    /** wal_init_zero: new segment files are filled with zeros so later writes do not extend them. */
    public volatile boolean walInitZero = true;
    /** wal_recycle: old segments are renamed for reuse instead of deleted. */
    public volatile boolean walRecycle = true;

    public WalSettings copy() {
        WalSettings c = new WalSettings();
        c.walSegmentSize = walSegmentSize; c.walBuffers = walBuffers; c.commitDelay = commitDelay;
        c.commitSiblings = commitSiblings; c.walWriterDelay = walWriterDelay; c.fsync = fsync;
        c.walSyncMethod = walSyncMethod; c.fullPageWrites = fullPageWrites; c.walPmemMode = walPmemMode;
        c.nvwalPath = nvwalPath; c.nvwalSize = nvwalSize; c.walPmemFlush = walPmemFlush;
        c.minWalSize = minWalSize; c.maxWalSize = maxWalSize; c.walInitZero = walInitZero; c.walRecycle = walRecycle;
        return c;
    }

    /** Checks the postmaster-context combination at start; a bad one fails with a clear message. */
    public void validate(long segmentSize) {
        if (walBuffers < 4L * WalLayout.PAGE_SIZE) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                    "wal_buffers must be at least " + (4 * WalLayout.PAGE_SIZE / 1024) + "kB");
        }
        if (walWriterDelay < 1) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "wal_writer_delay must be at least 1ms");
        }
        switch (walPmemMode) {
            case PMEM_BUFFERS:
                if (nvwalPath == null) {
                    throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                            "wal_pmem_mode \"pmem_buffers\" requires nvwal_path to be set");
                }
                break;
            case NVWAL:
                if (nvwalPath == null) {
                    throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                            "wal_pmem_mode \"nvwal\" requires nvwal_path to be set");
                }
                if (nvwalSize <= 0 || nvwalSize % segmentSize != 0) {
                    throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                            "nvwal_size (" + nvwalSize + " bytes) must be a positive multiple of wal_segment_size ("
                                    + segmentSize + " bytes)");
                }
                if (nvwalSize < 2 * segmentSize) {
                    throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                            "nvwal_size must be at least two WAL segments");
                }
                break;
            default:
                break;
        }
    }
}
