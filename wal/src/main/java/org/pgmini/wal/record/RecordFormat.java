package org.pgmini.wal.record;

/**
 * Byte layout of a record (little-endian, our own; PostgreSQL's is similar in spirit):
 * <pre>
 * header (24 bytes)
 *   0 u32 total length (header + body)     4 u32 xid
 *   8 u64 prev record's LSN               16 u8 info   17 u8 rmgr id   18 u16 block count
 *  20 u32 CRC32C of body, then of header bytes 0..19
 * per block reference (28 bytes + image + data)
 *   0 u32 tablespace  4 u32 database  8 u32 relation  12 u32 block number
 *  16 u8 fork  17 u8 flags (HAS_IMAGE)  18 u16 hole offset  20 u16 hole length  22 u16 zero
 *  24 u32 data length, then the image without its hole, then the block data
 * main data: the rest
 * </pre>
 * Records start at 8-byte aligned LSNs; the padding after a record is zeros.
 */
public final class RecordFormat {
    private RecordFormat() {}

    public static final int HEADER_SIZE = 24;
    public static final int BLOCK_HEADER_SIZE = 28;
    public static final int MAX_BLOCKS = 32;
    /** Upper bound on a record, as PostgreSQL's 1 GB limit; a bigger length means garbage. */
    public static final int MAX_RECORD_SIZE = 1 << 30;
    public static final int OFF_TOTAL_LENGTH = 0;
    public static final int OFF_XID = 4;
    public static final int OFF_PREV = 8;
    public static final int OFF_INFO = 16;
    public static final int OFF_RMGR = 17;
    public static final int OFF_BLOCK_COUNT = 18;
    public static final int OFF_CRC = 20;
    public static final int FLAG_HAS_IMAGE = 1;
}
