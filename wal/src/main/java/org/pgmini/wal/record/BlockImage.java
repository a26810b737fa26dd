package org.pgmini.wal.record;

import org.pgmini.wal.WalLayout;

/**
 * A full-page image of one 8 KiB page. The "hole" (the free space between the line pointers and
 * the tuples, pd_lower..pd_upper in a heap page) is left out of the record, as PostgreSQL does;
 * wal does not know page layouts, so the caller names the hole. On restore the hole is zeros.
 */
public final class BlockImage {
    public static final int PAGE_SIZE = WalLayout.PAGE_SIZE;

    private final byte[] page;
    private final int holeOffset;
    private final int holeLength;

    /** @param page a copy of the page (not copied again) @param holeOffset start of the hole, @param holeLength its length (0: no hole) */
    public BlockImage(byte[] page, int holeOffset, int holeLength) {
        if (page.length != PAGE_SIZE) throw new IllegalArgumentException("page image must be " + PAGE_SIZE + " bytes");
        if (holeLength < 0 || holeOffset < 0 || holeOffset + holeLength > PAGE_SIZE) {
            throw new IllegalArgumentException("invalid hole " + holeOffset + "+" + holeLength);
        }
        this.page = page;
        this.holeOffset = holeLength == 0 ? 0 : holeOffset;
        this.holeLength = holeLength;
    }

    public int holeOffset() { return holeOffset; }
    public int holeLength() { return holeLength; }
    /** Bytes the image takes in the record. */
    public int storedLength() { return PAGE_SIZE - holeLength; }
    byte[] page() { return page; }
}
