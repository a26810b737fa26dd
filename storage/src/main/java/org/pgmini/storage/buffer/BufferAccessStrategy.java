package org.pgmini.storage.buffer;

/**
 * A ring of buffers reused by one large operation (BAS_BULKREAD), so that a sequential scan of
 * a big table recycles a few buffers instead of evicting the whole pool. Private to the backend
 * running the scan (not shared). Buffers enter the ring when the clock sweep hands them out; a
 * ring slot is reused only if nobody else pinned it and its usage count is at most 1.
 */
public final class BufferAccessStrategy {
    /** 256 KiB of 8 KiB buffers, as PostgreSQL's bulk-read ring. */
    public static final int BULK_READ_RING = 32;

    final int[] ring;
    int current = -1;
    /** True while the buffer being handed out came from the ring (not from the clock sweep). */
    boolean currentWasInRing;

    public BufferAccessStrategy(int size) {
        this.ring = new int[size];
        java.util.Arrays.fill(ring, -1);
    }

    public static BufferAccessStrategy bulkRead(int nbuffers) {
        return new BufferAccessStrategy(Math.max(1, Math.min(BULK_READ_RING, nbuffers / 8)));
    }

    /** Pool-wide buffers a scan of {@code nblocks} blocks would be allowed to take before a ring is used. */
    public static boolean worthUsing(int nblocks, int nbuffers) { return nblocks > nbuffers / 4; }
}
