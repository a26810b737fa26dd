package org.pgmini.storage.tuple;

import java.nio.ByteBuffer;

/**
 * Field access to a heap tuple header at {@code base} in a little-endian ByteBuffer (a page in
 * shared buffers, or a private copy). The layout is PostgreSQL's:
 *
 * <pre>
 * offset size field
 *  0     4    t_xmin       inserting transaction
 *  4     4    t_xmax       deleting or locking transaction, 0 if none
 *  8     4    t_cid        command id (cmin, cmax, or a combo command id)
 * 12     6    t_ctid       block (hi 16, lo 16 bits) and offset: itself, or the newer version
 * 18     2    t_infomask2  number of attributes (11 bits) + HOT/KEYS_UPDATED flags
 * 20     2    t_infomask   HASNULL, hint bits, lock and update flags (constants below)
 * 22     1    t_hoff       offset of the user data, MAXALIGN'd
 * 23     ...  t_bits       null bitmap (bit set = not null), present when HEAP_HASNULL
 * </pre>
 *
 * Hint bits (XMIN_COMMITTED/INVALID, XMAX_COMMITTED/INVALID) may be set while holding only a
 * shared content lock on the buffer (they only cache what the commit log says); every other
 * field changes only under an exclusive content lock, through a WAL-logged page change.
 */
public final class HeapTupleHeader {
    private HeapTupleHeader() {}

    public static final int SIZE = 23;
    public static final int MAX_ATTRIBUTES = 1600;

    public static final int HEAP_HASNULL = 0x0001;
    public static final int HEAP_HASVARWIDTH = 0x0002;
    public static final int HEAP_HASEXTERNAL = 0x0004;
    public static final int HEAP_HASOID_OLD = 0x0008;
    public static final int HEAP_XMAX_KEYSHR_LOCK = 0x0010;
    public static final int HEAP_COMBOCID = 0x0020;
    public static final int HEAP_XMAX_EXCL_LOCK = 0x0040;
    public static final int HEAP_XMAX_LOCK_ONLY = 0x0080;
    public static final int HEAP_XMIN_COMMITTED = 0x0100;
    public static final int HEAP_XMIN_INVALID = 0x0200;
    public static final int HEAP_XMIN_FROZEN = HEAP_XMIN_COMMITTED | HEAP_XMIN_INVALID;
    public static final int HEAP_XMAX_COMMITTED = 0x0400;
    public static final int HEAP_XMAX_INVALID = 0x0800;
    public static final int HEAP_XMAX_IS_MULTI = 0x1000;
    public static final int HEAP_UPDATED = 0x2000;
    public static final int HEAP_XACT_MASK = 0xFFF0;
    /** The bits that only cache commit-log facts. */
    public static final int HINT_BITS = HEAP_XMIN_COMMITTED | HEAP_XMIN_INVALID | HEAP_XMAX_COMMITTED | HEAP_XMAX_INVALID;

    public static final int HEAP_NATTS_MASK = 0x07FF;
    public static final int HEAP_KEYS_UPDATED = 0x2000;
    public static final int HEAP_HOT_UPDATED = 0x4000;
    public static final int HEAP_ONLY_TUPLE = 0x8000;

    private static final int OFF_XMIN = 0, OFF_XMAX = 4, OFF_CID = 8, OFF_CTID = 12, OFF_INFOMASK2 = 18,
            OFF_INFOMASK = 20, OFF_HOFF = 22, OFF_BITS = 23;

    public static int xmin(ByteBuffer b, int base) { return b.getInt(base + OFF_XMIN); }
    public static void setXmin(ByteBuffer b, int base, int xid) { b.putInt(base + OFF_XMIN, xid); }
    public static int xmax(ByteBuffer b, int base) { return b.getInt(base + OFF_XMAX); }
    public static void setXmax(ByteBuffer b, int base, int xid) { b.putInt(base + OFF_XMAX, xid); }
    /** The raw t_cid field (may be a combo command id, see HEAP_COMBOCID). */
    public static int rawCommandId(ByteBuffer b, int base) { return b.getInt(base + OFF_CID); }
    public static void setRawCommandId(ByteBuffer b, int base, int cid) { b.putInt(base + OFF_CID, cid); }

    public static ItemPointer ctid(ByteBuffer b, int base) {
        int hi = Short.toUnsignedInt(b.getShort(base + OFF_CTID));
        int lo = Short.toUnsignedInt(b.getShort(base + OFF_CTID + 2));
        int off = Short.toUnsignedInt(b.getShort(base + OFF_CTID + 4));
        return new ItemPointer((hi << 16) | lo, off);
    }

    public static void setCtid(ByteBuffer b, int base, ItemPointer tid) {
        b.putShort(base + OFF_CTID, (short) (tid.block() >>> 16));
        b.putShort(base + OFF_CTID + 2, (short) tid.block());
        b.putShort(base + OFF_CTID + 4, (short) tid.offset());
    }

    public static int infomask(ByteBuffer b, int base) { return Short.toUnsignedInt(b.getShort(base + OFF_INFOMASK)); }
    public static void setInfomask(ByteBuffer b, int base, int v) { b.putShort(base + OFF_INFOMASK, (short) v); }
    public static int infomask2(ByteBuffer b, int base) { return Short.toUnsignedInt(b.getShort(base + OFF_INFOMASK2)); }
    public static void setInfomask2(ByteBuffer b, int base, int v) { b.putShort(base + OFF_INFOMASK2, (short) v); }
    public static int hoff(ByteBuffer b, int base) { return Byte.toUnsignedInt(b.get(base + OFF_HOFF)); }
    public static void setHoff(ByteBuffer b, int base, int v) { b.put(base + OFF_HOFF, (byte) v); }
    public static int natts(ByteBuffer b, int base) { return infomask2(b, base) & HEAP_NATTS_MASK; }
    public static int bitsOffset() { return OFF_BITS; }

    /** True if attribute {@code attnum} (0-based) is null according to the null bitmap. */
    public static boolean isNull(ByteBuffer b, int base, int attnum) {
        if ((infomask(b, base) & HEAP_HASNULL) == 0) return attnum >= natts(b, base);
        if (attnum >= natts(b, base)) return true;
        int bits = b.get(base + OFF_BITS + (attnum >> 3));
        return (bits & (1 << (attnum & 7))) == 0;
    }

    /** Sets hint bits with one 16-bit store; callers hold at least a shared content lock. */
    public static void setHintBits(ByteBuffer b, int base, int bits) {
        setInfomask(b, base, infomask(b, base) | bits);
    }

    public static boolean xmaxIsLockedOnly(int infomask) {
        return (infomask & HEAP_XMAX_LOCK_ONLY) != 0;
    }
}
