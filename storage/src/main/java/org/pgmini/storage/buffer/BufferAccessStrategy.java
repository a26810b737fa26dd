package org.pgmini.storage.buffer;

/**
 * A ring of buffers reused by one large operation, so that a sequential scan or a VACUUM of a
 * big table recycles a few buffers instead of evicting the whole pool. Private to the backend
 * running the operation (not shared). Buffers enter the ring when the clock sweep hands them out;
 * a ring slot is reused only if nobody else pinned it and its usage count is at most 1.
 * A bulk-read ring gives up a buffer somebody dirtied (writing it would mean a WAL flush for a
 * read-only scan: PostgreSQL's StrategyRejectBuffer); a vacuum ring writes its dirty buffers
 * out itself, since it dirtied them.
 */
public final class BufferAccessStrategy {
    /** 256 KiB of 8 KiB buffers, as PostgreSQL's bulk-read and vacuum rings. */
    public static final int BULK_READ_RING = 32;

    final int[] ring;
    /** True for bulk reads: a dirty ring buffer is dropped from the ring instead of written. */
    final boolean rejectDirty;
    int current = -1;
    /** True while the buffer being handed out came from the ring (not from the clock sweep). */
    boolean currentWasInRing;

    public BufferAccessStrategy(int size, boolean rejectDirty) {
        this.ring = new int[size];
        this.rejectDirty = rejectDirty;
        java.util.Arrays.fill(ring, -1);
    }

    /** BAS_BULKREAD: for sequential scans of tables larger than a quarter of the pool. */
    public static BufferAccessStrategy bulkRead(int nbuffers) {
        return new BufferAccessStrategy(Math.max(1, Math.min(BULK_READ_RING, nbuffers / 8)), true);
    }

    /** BAS_VACUUM: VACUUM dirties what it reads and writes its own ring buffers back. */
    public static BufferAccessStrategy vacuum(int nbuffers) {
        return new BufferAccessStrategy(Math.max(1, Math.min(BULK_READ_RING, nbuffers / 8)), false);
    }

    /** Pool-wide buffers a scan of {@code nblocks} blocks would be allowed to take before a ring is used. */
    public static boolean worthUsing(int nblocks, int nbuffers) { return nblocks > nbuffers / 4; }
}
