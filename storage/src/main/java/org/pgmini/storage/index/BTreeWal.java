package org.pgmini.storage.index;

import org.pgmini.storage.page.Page;
import org.pgmini.storage.walhook.PageChangeRecord;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.pgmini.storage.smgr.StorageConstants.BLCKSZ;

/**
 * Payloads of the B-tree's WAL records and their redo. Formats (little-endian):
 *
 * <ul>
 * <li>{@code BTREE_INSERT_LEAF}, {@code BTREE_INSERT_UPPER}: int16 offset number, then the item;
 *     redo inserts it there (line pointers from there on shift up).</li>
 * <li>{@code BTREE_VACUUM}: int16 offset numbers (ascending) of the removed leaf items.</li>
 * <li>{@code BTREE_SPLIT}, {@code BTREE_NEWROOT}, {@code BTREE_NEW_PAGES}: one part per block of
 *     the record, in block order: byte 1 = image (int16 pd_lower, int16 pd_upper, the bytes
 *     [0, pd_lower) and [pd_upper, 8192): the page as it is after the change), or byte 2 = new
 *     left-sibling link (int32) of the page right of a split.</li>
 * </ul>
 * Splits and new roots log images: they rewrite most of a page anyway (PostgreSQL logs the
 * right half of a split in full too); the frequent change, one insert, logs only its item.
 */
final class BTreeWal {
    private BTreeWal() {}

    static final byte PART_IMAGE = 1, PART_SET_PREV = 2;

    static byte[] insertPayload(int offnum, byte[] item) {
        ByteBuffer b = ByteBuffer.allocate(2 + item.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) offnum).put(item);
        return b.array();
    }

    static byte[] vacuumPayload(List<Integer> offsets) {
        ByteBuffer b = ByteBuffer.allocate(2 * offsets.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (int o : offsets) b.putShort((short) o);
        return b.array();
    }

    /** Builds a multi-part payload. */
    static final class Parts {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Parts image(Page p) {
            int lower = p.lower(), upper = p.upper();
            out.write(PART_IMAGE);
            out.write(lower & 0xFF);
            out.write(lower >>> 8);
            out.write(upper & 0xFF);
            out.write(upper >>> 8);
            byte[] a = new byte[lower];
            p.buffer().get(0, a);
            out.writeBytes(a);
            byte[] z = new byte[BLCKSZ - upper];
            p.buffer().get(upper, z);
            out.writeBytes(z);
            return this;
        }

        Parts setPrev(int prev) {
            out.write(PART_SET_PREV);
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(prev).array());
            return this;
        }

        byte[] bytes() { return out.toByteArray(); }
    }

    /** Applies the part of {@code r} that concerns {@code r.blocks()[blockIndex]} to {@code page}. */
    static void redo(PageChangeRecord r, int blockIndex, Page page) {
        ByteBuffer p = ByteBuffer.wrap(r.payload()).order(ByteOrder.LITTLE_ENDIAN);
        switch (r.kind()) {
            case BTREE_INSERT_LEAF, BTREE_INSERT_UPPER -> {
                int off = Short.toUnsignedInt(p.getShort(0));
                byte[] item = java.util.Arrays.copyOfRange(r.payload(), 2, r.payload().length);
                if (!BTreePage.insertItem(page, off, item)) {
                    throw new IllegalStateException("btree redo: item does not fit at offset " + off + " of block "
                            + Integer.toUnsignedString(r.blocks()[blockIndex]));
                }
            }
            case BTREE_VACUUM -> {
                for (int i = r.payload().length - 2; i >= 0; i -= 2) page.removeItem(Short.toUnsignedInt(p.getShort(i)));
            }
            case BTREE_SPLIT, BTREE_NEWROOT, BTREE_NEW_PAGES -> applyPart(p, blockIndex, page);
            default -> throw new IllegalStateException("not a btree record: " + r.kind());
        }
    }

    private static void applyPart(ByteBuffer p, int blockIndex, Page page) {
        int at = 0;
        for (int i = 0; ; i++) {
            byte kind = p.get(at);
            int size;
            if (kind == PART_IMAGE) {
                int lower = Short.toUnsignedInt(p.getShort(at + 1)), upper = Short.toUnsignedInt(p.getShort(at + 3));
                size = 5 + lower + (BLCKSZ - upper);
                if (i == blockIndex) {
                    ByteBuffer b = page.buffer();
                    b.put(0, new byte[BLCKSZ]);
                    b.put(0, p.array(), at + 5, lower);
                    b.put(upper, p.array(), at + 5 + lower, BLCKSZ - upper);
                    return;
                }
            } else if (kind == PART_SET_PREV) {
                size = 5;
                if (i == blockIndex) {
                    BTreePage.setPrev(page, p.getInt(at + 1));
                    return;
                }
            } else {
                throw new IllegalStateException("btree redo: bad part " + kind);
            }
            at += size;
        }
    }
}
