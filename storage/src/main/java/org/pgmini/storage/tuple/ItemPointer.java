package org.pgmini.storage.tuple;

import org.pgmini.storage.page.Page;

/**
 * A tuple identifier (TID): block number (unsigned 32 bits) and 1-based line pointer offset.
 * Printed as PostgreSQL prints a ctid: {@code (block,offset)}.
 */
public record ItemPointer(int block, int offset) {
    public static final ItemPointer INVALID = new ItemPointer(0xFFFFFFFF, Page.INVALID_OFFSET_NUMBER);

    public boolean isValid() { return offset != Page.INVALID_OFFSET_NUMBER; }

    /** Packs into one long (block in the high 32 bits, offset in the low 16). */
    public long pack() { return (Integer.toUnsignedLong(block) << 16) | (offset & 0xFFFF); }

    public static ItemPointer unpack(long v) { return new ItemPointer((int) (v >>> 16), (int) (v & 0xFFFF)); }

    @Override
    public String toString() { return "(" + Integer.toUnsignedString(block) + "," + offset + ")"; }
}
