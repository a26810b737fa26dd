package org.pgmini.storage.smgr;

/** Sizes fixed by the on-disk format. */
public final class StorageConstants {
    private StorageConstants() {}

    /** Block (page) size in bytes, as PostgreSQL's default BLCKSZ. */
    public static final int BLCKSZ = 8192;
    /** Default blocks per segment file: 1 GiB segments, as PostgreSQL's RELSEG_SIZE. */
    public static final int DEFAULT_BLOCKS_PER_SEGMENT = (1 << 30) / BLCKSZ;
    /** Block numbers are unsigned 32-bit; 0xFFFFFFFF is InvalidBlockNumber. */
    public static final int INVALID_BLOCK_NUMBER = 0xFFFFFFFF;
}
