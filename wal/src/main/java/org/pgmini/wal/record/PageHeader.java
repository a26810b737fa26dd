package org.pgmini.wal.record;

import org.pgmini.wal.WalLayout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * WAL page header, little-endian:
 * <pre>
 *  0 u16 magic   2 u16 info flags   4 u32 timeline   8 u64 page address (its LSN)
 * 16 u32 remaining length of a record continued from the previous page   20 u32 zero
 * long header (first page of a segment) adds:
 * 24 u64 system identifier   32 u32 segment size   36 u32 page size
 * </pre>
 */
public final class PageHeader {
    private PageHeader() {}

    /** Our own magic (the format is not PostgreSQL's, so its 0xD110 would mislead tools). */
    public static final int MAGIC = 0xD0A7;
    public static final int FIRST_IS_CONTRECORD = 0x0001;
    public static final int LONG_HEADER = 0x0002;

    public static final int OFF_MAGIC = 0;
    public static final int OFF_INFO = 2;
    public static final int OFF_TIMELINE = 4;
    public static final int OFF_PAGEADDR = 8;
    public static final int OFF_REMLEN = 16;
    public static final int OFF_SYSID = 24;
    public static final int OFF_SEGSIZE = 32;
    public static final int OFF_PAGESIZE = 36;

    /** Writes a fresh header at {@code base} of {@code buf} (absolute puts; the buffer's order is ignored). */
    public static void write(ByteBuffer buf, int base, long pageAddr, int timeline, long systemId, long segmentSize, boolean longHeader) {
        ByteBuffer b = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(base + OFF_MAGIC, (short) MAGIC);
        b.putShort(base + OFF_INFO, (short) (longHeader ? LONG_HEADER : 0));
        b.putInt(base + OFF_TIMELINE, timeline);
        b.putLong(base + OFF_PAGEADDR, pageAddr);
        b.putInt(base + OFF_REMLEN, 0);
        b.putInt(base + 20, 0);
        if (longHeader) {
            b.putLong(base + OFF_SYSID, systemId);
            b.putInt(base + OFF_SEGSIZE, (int) segmentSize);
            b.putInt(base + OFF_PAGESIZE, WalLayout.PAGE_SIZE);
        }
    }

    /** Marks the page as starting with the continuation of a record with {@code remaining} bytes left. */
    public static void markContinuation(ByteBuffer buf, int base, int remaining) {
        ByteBuffer b = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(base + OFF_INFO, (short) ((b.getShort(base + OFF_INFO) & 0xFFFF) | FIRST_IS_CONTRECORD));
        b.putInt(base + OFF_REMLEN, remaining);
    }

    /**
     * True when the page image at {@code base} of {@code buf} carries our magic and names the page
     * {@code pageStart}: how recovery, startup and waldump decide that a place of the pmem_buffers
     * or nvwal buffer file holds that page (see mode.RetiringRingMemory for why that is safe).
     */
    public static boolean namesPage(ByteBuffer buf, int base, long pageStart) {
        ByteBuffer b = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        return (b.getShort(base + OFF_MAGIC) & 0xFFFF) == MAGIC && b.getLong(base + OFF_PAGEADDR) == pageStart;
    }

    public static int magic(ByteBuffer page) { return page.duplicate().order(ByteOrder.LITTLE_ENDIAN).getShort(OFF_MAGIC) & 0xFFFF; }
    public static int info(ByteBuffer page) { return page.duplicate().order(ByteOrder.LITTLE_ENDIAN).getShort(OFF_INFO) & 0xFFFF; }
    public static int timeline(ByteBuffer page) { return page.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(OFF_TIMELINE); }
    public static long pageAddr(ByteBuffer page) { return page.duplicate().order(ByteOrder.LITTLE_ENDIAN).getLong(OFF_PAGEADDR); }
    public static int remLen(ByteBuffer page) { return page.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(OFF_REMLEN); }
    public static long systemId(ByteBuffer page) { return page.duplicate().order(ByteOrder.LITTLE_ENDIAN).getLong(OFF_SYSID); }
    public static long segmentSize(ByteBuffer page) { return page.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(OFF_SEGSIZE) & 0xFFFFFFFFL; }
}
