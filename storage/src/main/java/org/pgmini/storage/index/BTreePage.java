package org.pgmini.storage.index;

import org.pgmini.storage.page.Page;

import java.nio.ByteBuffer;

import static org.pgmini.storage.smgr.StorageConstants.BLCKSZ;

/**
 * Layout of B-tree pages on top of the slotted {@link Page} (line pointers, items from the end,
 * as heap pages), plus a 16-byte special area:
 *
 * <pre>
 *  special+0  int32 prev    left sibling on the same level (0 = none: block 0 is the metapage)
 *  special+4  int32 next    right sibling (0 = none: the rightmost page of its level)
 *  special+8  int32 level   0 for leaves, parent = child + 1
 *  special+12 int16 flags   LEAF 1, ROOT 2, META 8
 * </pre>
 *
 * Items: {@code int32 downlink} (internal pages; 0 on leaves and in high keys) followed by the
 * key bytes ({@link KeyCodec}). On a page that is not the rightmost of its level, item 1 is the
 * <em>high key</em>: every key on the page is below it and every key of the right sibling is at
 * or above it (Lehman and Yao's upper bound). The first data item of an internal page carries
 * no key (minus infinity): it points to the child holding everything below the second item.
 * Leaf keys end with the heap TID, so all keys of a level are distinct and ordered.
 */
final class BTreePage {
    private BTreePage() {}

    static final int SPECIAL_SIZE = 16;
    static final int NONE = 0;
    static final int LEAF = 1, ROOT = 2, META = 8;
    /** Bytes before the key in an item. */
    static final int ITEM_HEADER = 4;

    static void init(Page p, int level, int flags, int prev, int next) {
        p.init(SPECIAL_SIZE);
        ByteBuffer b = p.buffer();
        int s = p.special();
        b.putInt(s, prev);
        b.putInt(s + 4, next);
        b.putInt(s + 8, level);
        b.putShort(s + 12, (short) flags);
    }

    static int prev(Page p) { return p.buffer().getInt(p.special()); }
    static int next(Page p) { return p.buffer().getInt(p.special() + 4); }
    static int level(Page p) { return p.buffer().getInt(p.special() + 8); }
    static int flags(Page p) { return Short.toUnsignedInt(p.buffer().getShort(p.special() + 12)); }
    static void setPrev(Page p, int v) { p.buffer().putInt(p.special(), v); }
    static void setNext(Page p, int v) { p.buffer().putInt(p.special() + 4, v); }
    static void setFlags(Page p, int v) { p.buffer().putShort(p.special() + 12, (short) v); }

    static boolean isRightmost(Page p) { return next(p) == NONE; }
    static boolean isLeaf(Page p) { return (flags(p) & LEAF) != 0; }
    static boolean isRoot(Page p) { return (flags(p) & ROOT) != 0; }

    /** Offset number of the first data item (after the high key, if any). */
    static int firstDataKey(Page p) { return isRightmost(p) ? 1 : 2; }

    static int keyPos(Page p, int off) { return p.itemOffset(off) + ITEM_HEADER; }
    static int keyLen(Page p, int off) { return p.itemLength(off) - ITEM_HEADER; }
    static int downlink(Page p, int off) { return p.buffer().getInt(p.itemOffset(off)); }

    static int downlinkOf(byte[] item) { return ByteBuffer.wrap(item).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(0); }

    static byte[] keyBytes(Page p, int off) {
        byte[] k = new byte[keyLen(p, off)];
        p.buffer().get(keyPos(p, off), k);
        return k;
    }

    static byte[] item(int downlink, byte[] key) {
        byte[] it = new byte[ITEM_HEADER + key.length];
        ByteBuffer.wrap(it).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0, downlink);
        System.arraycopy(key, 0, it, ITEM_HEADER, key.length);
        return it;
    }

    /** Space an item takes on a page, line pointer included. */
    static int spaceFor(int itemLen) { return Page.maxAlign(itemLen) + Page.ITEM_ID_SIZE; }

    /** Usable bytes of an empty page (PageGetFreeSpace of a fresh index page, plus one line pointer). */
    static final int USABLE = BLCKSZ - Page.HEADER_SIZE - SPECIAL_SIZE;

    /**
     * Inserts an item at {@code offnum}, shifting the line pointers from there up by one
     * (PageAddItem for index pages). Returns false (page unchanged) if it does not fit.
     */
    static boolean insertItem(Page p, int offnum, byte[] item) {
        int n = p.maxOffsetNumber();
        if (offnum < 1 || offnum > n + 1) throw new IllegalArgumentException("index item offset " + offnum + " out of range 1.." + (n + 1));
        if (p.addItem(item, n + 1, false) == Page.INVALID_OFFSET_NUMBER) return false;
        if (offnum <= n) {
            ByteBuffer b = p.buffer();
            int moved = b.getInt(lpPos(n + 1));
            for (int o = n; o >= offnum; o--) b.putInt(lpPos(o + 1), b.getInt(lpPos(o)));
            b.putInt(lpPos(offnum), moved);
        }
        return true;
    }

    /** Appends an item (building pages in order). Returns false if it does not fit. */
    static boolean appendItem(Page p, byte[] item) {
        return p.addItem(item, p.maxOffsetNumber() + 1, false) != Page.INVALID_OFFSET_NUMBER;
    }

    private static int lpPos(int offnum) { return Page.HEADER_SIZE + (offnum - 1) * Page.ITEM_ID_SIZE; }

    /** Sets pd_lower (its place in the page header: offset 12) for pages with content after the header (metapage). */
    static void setLower(Page p, int lower) { p.buffer().putShort(12, (short) lower); }
}
