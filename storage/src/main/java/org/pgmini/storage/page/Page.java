package org.pgmini.storage.page;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import static org.pgmini.storage.smgr.StorageConstants.BLCKSZ;

/**
 * A slotted 8 KiB page with PostgreSQL's layout, over a ByteBuffer window of exactly BLCKSZ bytes
 * (a shared buffer, or a private copy). All fields are little-endian.
 *
 * <pre>
 * offset size field
 *  0     8    pd_lsn            LSN of the last WAL record that changed the page
 *  8     2    pd_checksum       see {@link PageChecksum}; set only when the page is written out
 * 10     2    pd_flags          PD_HAS_FREE_LINES | PD_PAGE_FULL | PD_ALL_VISIBLE
 * 12     2    pd_lower          end of the line pointer array
 * 14     2    pd_upper          start of tuple space
 * 16     2    pd_special        start of the special space (BLCKSZ for heap pages)
 * 18     2    pd_pagesize_version  BLCKSZ | layout version 4
 * 20     4    pd_prune_xid      oldest xmax that may make a tuple prunable, 0 if none
 * 24     4*n  line pointers     lp_off:15 | lp_flags:2 | lp_len:15 (bit order as PostgreSQL's)
 * ...         free space
 * upper       tuples (each at a MAXALIGN'd offset), growing downwards
 * special     special space
 * </pre>
 *
 * Offset numbers are 1-based, like PostgreSQL's. A page whose pd_upper is 0 is "new" (never
 * initialized) and is valid only if it is all zeros.
 *
 * <p>This class does not lock: the caller holds the buffer's content lock (shared to read,
 * exclusive to change anything except hint bits) and logs the change (see the WAL hook).
 */
public final class Page {
    public static final int HEADER_SIZE = 24;
    public static final int ITEM_ID_SIZE = 4;
    public static final int MAXALIGN = 8;
    public static final int LAYOUT_VERSION = 4;

    public static final int LP_UNUSED = 0;
    public static final int LP_NORMAL = 1;
    public static final int LP_REDIRECT = 2;
    public static final int LP_DEAD = 3;

    public static final int PD_HAS_FREE_LINES = 0x0001;
    public static final int PD_PAGE_FULL = 0x0002;
    public static final int PD_ALL_VISIBLE = 0x0004;
    public static final int PD_VALID_FLAG_BITS = 0x0007;

    /** Smallest heap tuple header (23 bytes) MAXALIGN'd plus its line pointer. */
    public static final int MAX_HEAP_TUPLES_PER_PAGE = (BLCKSZ - HEADER_SIZE) / (maxAlign(23) + ITEM_ID_SIZE);
    public static final int INVALID_OFFSET_NUMBER = 0;

    private static final int OFF_LSN = 0, OFF_CHECKSUM = 8, OFF_FLAGS = 10, OFF_LOWER = 12, OFF_UPPER = 14,
            OFF_SPECIAL = 16, OFF_PAGESIZE_VERSION = 18, OFF_PRUNE_XID = 20;

    private final ByteBuffer buf;

    private Page(ByteBuffer buf) { this.buf = buf; }

    /** Wraps BLCKSZ bytes starting at the buffer's position (absolute indexing from there). */
    public static Page wrap(ByteBuffer b) {
        ByteBuffer s = b.slice(b.position(), BLCKSZ).order(ByteOrder.LITTLE_ENDIAN);
        return new Page(s);
    }

    /** A new private all-zero page (not in shared buffers). */
    public static Page allocate() { return new Page(ByteBuffer.allocate(BLCKSZ).order(ByteOrder.LITTLE_ENDIAN)); }

    public static int maxAlign(int n) { return (n + MAXALIGN - 1) & ~(MAXALIGN - 1); }

    /** The page's bytes (little-endian, position 0, limit BLCKSZ); shares content with the page. */
    public ByteBuffer buffer() { return buf; }

    /** Formats an empty page with {@code specialSize} bytes of special space (PageInit). */
    private static final byte[] ZERO_PAGE = new byte[BLCKSZ];

    public void init(int specialSize) {
        specialSize = maxAlign(specialSize);
        buf.put(0, ZERO_PAGE); // one bulk copy instead of 1024 putLong calls (COPY extends pages often)
        setLower(HEADER_SIZE);
        setUpper(BLCKSZ - specialSize);
        setSpecial(BLCKSZ - specialSize);
        buf.putShort(OFF_PAGESIZE_VERSION, (short) (BLCKSZ | LAYOUT_VERSION));
    }

    // ---- header fields ----
    public boolean isNew() { return upper() == 0; }
    public long lsn() { return buf.getLong(OFF_LSN); }
    public void setLsn(long lsn) { buf.putLong(OFF_LSN, lsn); }
    public int checksum() { return Short.toUnsignedInt(buf.getShort(OFF_CHECKSUM)); }
    public void setChecksum(int c) { buf.putShort(OFF_CHECKSUM, (short) c); }
    public int flags() { return Short.toUnsignedInt(buf.getShort(OFF_FLAGS)); }
    public void setFlags(int f) { buf.putShort(OFF_FLAGS, (short) f); }
    public int lower() { return Short.toUnsignedInt(buf.getShort(OFF_LOWER)); }
    public int upper() { return Short.toUnsignedInt(buf.getShort(OFF_UPPER)); }
    public int special() { return Short.toUnsignedInt(buf.getShort(OFF_SPECIAL)); }
    private void setLower(int v) { buf.putShort(OFF_LOWER, (short) v); }
    private void setUpper(int v) { buf.putShort(OFF_UPPER, (short) v); }
    private void setSpecial(int v) { buf.putShort(OFF_SPECIAL, (short) v); }
    public int pageSizeVersion() { return Short.toUnsignedInt(buf.getShort(OFF_PAGESIZE_VERSION)); }
    public int pruneXid() { return buf.getInt(OFF_PRUNE_XID); }
    public void setPruneXid(int xid) { buf.putInt(OFF_PRUNE_XID, xid); }
    public boolean hasFreeLinePointers() { return (flags() & PD_HAS_FREE_LINES) != 0; }

    // ---- line pointers ----
    /** Number of line pointers (the highest offset number in use or once used). */
    public int maxOffsetNumber() {
        int lower = lower();
        return lower <= HEADER_SIZE ? 0 : (lower - HEADER_SIZE) / ITEM_ID_SIZE;
    }

    private int lpPos(int offnum) { return HEADER_SIZE + (offnum - 1) * ITEM_ID_SIZE; }
    private int lpWord(int offnum) { return buf.getInt(lpPos(offnum)); }
    public int itemOffset(int offnum) { return lpWord(offnum) & 0x7FFF; }
    public int itemFlags(int offnum) { return (lpWord(offnum) >>> 15) & 0x3; }
    public int itemLength(int offnum) { return (lpWord(offnum) >>> 17) & 0x7FFF; }
    public boolean itemIsNormal(int offnum) { return itemFlags(offnum) == LP_NORMAL; }
    public boolean itemIsUsed(int offnum) { return itemFlags(offnum) != LP_UNUSED; }
    public boolean itemHasStorage(int offnum) { return itemLength(offnum) != 0; }
    /** For an LP_REDIRECT item: the offset number it points to. */
    public int itemRedirectTarget(int offnum) { return itemOffset(offnum); }

    private void setItemId(int offnum, int off, int flags, int len) {
        buf.putInt(lpPos(offnum), (off & 0x7FFF) | ((flags & 0x3) << 15) | ((len & 0x7FFF) << 17));
    }

    /** Marks an item unused; its storage becomes free at the next {@link #repairFragmentation()}. */
    public void setItemUnused(int offnum) { setItemId(offnum, 0, LP_UNUSED, 0); setFlags(flags() | PD_HAS_FREE_LINES); }
    /** Marks an item dead without storage (its tuple is gone, the line pointer stays). */
    public void setItemDead(int offnum) { setItemId(offnum, 0, LP_DEAD, 0); }
    /** Turns an item into a redirect to another offset number (HOT chains). */
    public void setItemRedirect(int offnum, int target) { setItemId(offnum, target, LP_REDIRECT, 0); }

    /** A read-only view of an item's bytes (position 0, little-endian). */
    public ByteBuffer item(int offnum) {
        return buf.slice(itemOffset(offnum), itemLength(offnum)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Absolute position of an item's first byte in {@link #buffer()}. */
    public int itemPosition(int offnum) { return itemOffset(offnum); }

    /** Copies an item's bytes. */
    public byte[] itemBytes(int offnum) {
        byte[] out = new byte[itemLength(offnum)];
        buf.get(itemOffset(offnum), out);
        return out;
    }

    // ---- free space ----
    /** Bytes available for one new item including its new line pointer (PageGetFreeSpace). */
    public int freeSpace() {
        int space = upper() - lower();
        return space < ITEM_ID_SIZE ? 0 : space - ITEM_ID_SIZE;
    }

    /**
     * Free space for a new heap tuple (PageGetHeapFreeSpace): 0 when no line pointer can be added
     * any more because the page already has MaxHeapTuplesPerPage of them and none is unused.
     */
    public int heapFreeSpace() {
        int space = freeSpace();
        if (space > 0 && maxOffsetNumber() >= MAX_HEAP_TUPLES_PER_PAGE) {
            if (!hasFreeLinePointers()) return 0;
            boolean found = false;
            for (int o = 1; o <= maxOffsetNumber(); o++) {
                if (!itemIsUsed(o)) { found = true; break; }
            }
            if (!found) return 0;
        }
        return space;
    }

    /** Free space after compaction: what VACUUM reports to the free space map. */
    public int exactFreeSpace() { return upper() - lower(); }

    // ---- adding and removing items ----
    /**
     * Adds an item (PageAddItem for heap pages). With {@code offnum == 0} the first unused line
     * pointer is reused (if the page says it has one) or a new one appended. With a given
     * {@code offnum} (WAL redo) that slot must be unused or one past the end.
     *
     * @return the offset number, or {@link #INVALID_OFFSET_NUMBER} if the item does not fit
     */
    public int addItem(byte[] item, int len, int offnum, boolean isHeap) {
        if (len > 0x7FFF || len <= 0) throw new IllegalArgumentException("bad item length " + len);
        int lower = lower(), upper = upper(), special = special();
        if (lower < HEADER_SIZE || lower > upper || upper > special || special > BLCKSZ) {
            throw new IllegalStateException("corrupted page pointers: lower = " + lower + ", upper = " + upper + ", special = " + special);
        }
        int limit = maxOffsetNumber() + 1;
        boolean reuse = false;
        if (offnum == INVALID_OFFSET_NUMBER) {
            offnum = limit;
            if (hasFreeLinePointers()) {
                for (int o = 1; o < limit; o++) {
                    if (!itemIsUsed(o) && !itemHasStorage(o)) { offnum = o; reuse = true; break; }
                }
                if (!reuse) setFlags(flags() & ~PD_HAS_FREE_LINES); // the hint was stale
            }
        } else {
            if (offnum > limit) throw new IllegalArgumentException("specified item offset is too large");
            if (offnum < limit) {
                if (itemIsUsed(offnum) || itemHasStorage(offnum)) throw new IllegalStateException("will not overwrite a used ItemId");
                reuse = true;
            }
        }
        if (isHeap && offnum > MAX_HEAP_TUPLES_PER_PAGE) return INVALID_OFFSET_NUMBER;
        int newLower = reuse ? lower : lower + ITEM_ID_SIZE;
        int aligned = maxAlign(len);
        int newUpper = upper - aligned;
        if (newLower > newUpper) return INVALID_OFFSET_NUMBER;
        buf.put(newUpper, item, 0, len);
        for (int i = len; i < aligned; i++) buf.put(newUpper + i, (byte) 0);
        setItemId(offnum, newUpper, LP_NORMAL, len);
        setLower(newLower);
        setUpper(newUpper);
        return offnum;
    }

    public int addItem(byte[] item, int offnum, boolean isHeap) { return addItem(item, item.length, offnum, isHeap); }

    /**
     * Removes an item and its line pointer entirely, shifting later line pointers down and
     * closing the gap in tuple space at once (PageIndexTupleDelete). Offset numbers of later
     * items change, so this is for pages nobody references by TID (index pages); heap pages use
     * {@link #setItemUnused} plus {@link #repairFragmentation()}.
     */
    public void removeItem(int offnum) {
        int n = maxOffsetNumber();
        if (offnum < 1 || offnum > n) throw new IllegalArgumentException("invalid index offnum: " + offnum);
        int off = itemOffset(offnum);
        int size = itemHasStorage(offnum) ? maxAlign(itemLength(offnum)) : 0;
        int upper = upper();
        if (size > 0) {
            // shift tuple data below the removed item up by its size
            byte[] moved = new byte[off - upper];
            buf.get(upper, moved);
            buf.put(upper + size, moved);
            for (int i = 0; i < size; i++) buf.put(upper + i, (byte) 0);
        }
        for (int o = offnum; o < n; o++) buf.putInt(lpPos(o), buf.getInt(lpPos(o + 1)));
        buf.putInt(lpPos(n), 0);
        setLower(lower() - ITEM_ID_SIZE);
        if (size > 0) {
            setUpper(upper + size);
            for (int o = 1; o < n; o++) {
                if (itemHasStorage(o) && itemOffset(o) < off) {
                    setItemId(o, itemOffset(o) + size, itemFlags(o), itemLength(o));
                }
            }
        }
    }

    /**
     * Compacts tuple space (PageRepairFragmentation): every item with storage keeps its line
     * pointer and offset number, and the tuples are packed against the special space, so all free
     * space becomes one hole between pd_lower and pd_upper. Sets or clears PD_HAS_FREE_LINES.
     *
     * @return number of unused line pointers
     */
    public int repairFragmentation() {
        int n = maxOffsetNumber();
        int special = special();
        int count = 0;
        int[] offs = new int[n];
        int[] nums = new int[n];
        int unused = 0;
        for (int o = 1; o <= n; o++) {
            if (itemIsNormal(o) && itemHasStorage(o)) {
                offs[count] = itemOffset(o);
                nums[count] = o;
                count++;
            } else {
                if (!itemIsUsed(o)) { setItemId(o, 0, LP_UNUSED, 0); unused++; }
                else if (itemFlags(o) == LP_DEAD) setItemId(o, 0, LP_DEAD, 0);
            }
        }
        // Move tuples starting from the one nearest the special space: each moves towards higher
        // addresses (or stays), so a copy never overwrites a tuple not yet moved.
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Integer.compare(offs[b], offs[a]));
        int upper = special;
        byte[] tmp = new byte[BLCKSZ];
        for (Integer idx : order) {
            int o = nums[idx];
            int len = itemLength(o);
            int aligned = maxAlign(len);
            upper -= aligned;
            if (upper != offs[idx]) {
                buf.get(offs[idx], tmp, 0, len);
                buf.put(upper, tmp, 0, len);
                for (int i = len; i < aligned; i++) buf.put(upper + i, (byte) 0);
                setItemId(o, upper, LP_NORMAL, len);
            }
        }
        for (int i = lower(); i < upper; i++) buf.put(i, (byte) 0);
        setUpper(upper);
        int flags = flags();
        setFlags(unused > 0 ? flags | PD_HAS_FREE_LINES : flags & ~PD_HAS_FREE_LINES);
        return unused;
    }

    /**
     * Drops trailing unused line pointers (PageTruncateLinePointerArray), so a page whose tuples
     * were all removed gets its whole line pointer array back.
     */
    public void truncateLinePointerArray() {
        int n = maxOffsetNumber();
        while (n > 0 && !itemIsUsed(n)) {
            buf.putInt(lpPos(n), 0);
            n--;
        }
        setLower(HEADER_SIZE + n * ITEM_ID_SIZE);
        boolean anyUnused = false;
        for (int o = 1; o <= n; o++) if (!itemIsUsed(o)) { anyUnused = true; break; }
        setFlags(anyUnused ? flags() | PD_HAS_FREE_LINES : flags() & ~PD_HAS_FREE_LINES);
    }

    // ---- verification ----
    /**
     * Checks a page just read from disk (PageIsVerified): a new page must be all zeros; an
     * initialized one must have sane header pointers and a checksum that matches.
     */
    public boolean verify(int blockNumber) {
        if (isNew()) {
            for (int i = 0; i < BLCKSZ; i += 8) if (buf.getLong(i) != 0) return false;
            return true;
        }
        int lower = lower(), upper = upper(), special = special();
        boolean headerOk = (flags() & ~PD_VALID_FLAG_BITS) == 0
                && lower >= HEADER_SIZE && lower <= upper && upper <= special && special <= BLCKSZ
                && special == maxAlign(special);
        return headerOk && checksum() == PageChecksum.compute(buf, blockNumber);
    }

    /** Sets pd_checksum for writing the page as block {@code blockNumber} (on a private copy). */
    public void setChecksumFor(int blockNumber) {
        if (isNew()) return; // an all-zero page stays all-zero
        setChecksum(PageChecksum.compute(buf, blockNumber));
    }
}
