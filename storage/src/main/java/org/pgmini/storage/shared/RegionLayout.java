package org.pgmini.storage.shared;

/**
 * Hands out aligned offsets while a structure lays itself out in a region: first to compute the
 * size it needs ({@link #end()}), then to place its parts at the same offsets when attaching.
 */
public final class RegionLayout {
    private long next;

    public RegionLayout(long start) { this.next = start; }

    public long allocate(long size, int alignment) {
        long off = (next + alignment - 1) & -(long) alignment;
        next = off + size;
        return off;
    }

    public long end() { return next; }
}
