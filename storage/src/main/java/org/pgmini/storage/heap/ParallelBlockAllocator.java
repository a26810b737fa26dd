package org.pgmini.storage.heap;

import org.pgmini.storage.shared.SharedRegion;

/**
 * Hands out the blocks of one table scan to the participants of a parallel scan (the leader and
 * its workers, in any processes that map the region), in chunks: large ones first, so claiming
 * costs little, and smaller ones near the end, so that participants finish at about the same
 * time (the idea of PostgreSQL's parallel block table scan; our own sizes).
 *
 * <p>Layout at {@code offset} (8-byte aligned), {@link #SIZE} bytes:
 * <pre>
 *  0  long nblocks       written once by the leader in {@link #initialize}
 *  8  long participants  written once by the leader
 * 16  long chunk         largest chunk size, written once by the leader
 * 24  long next          first block not yet handed out; advanced by CAS by every participant
 * </pre>
 * Invariants: the first three words are written only by {@link #initialize}, before the region
 * is handed to any other participant (the leader launches workers after it; the volatile stores
 * and the segment's publication order them), and never change afterwards. {@code next} only
 * grows, only by a successful compare-and-set from a value read in the same call, so each block
 * below {@code nblocks} is handed out exactly once, and ranges never overlap. When it reaches
 * {@code nblocks} every {@link #next} call returns -1.
 *
 * <p>Chunk size: {@code chunk = clamp(nblocks / (participants * 8), 1, 1024)} blocks while much
 * is left; once fewer than {@code 2 * participants * chunk} blocks remain, each claim takes half
 * of its fair share of the remainder ({@code remaining / (2 * participants)}, at least 1), so the
 * last claims are single blocks.
 */
public final class ParallelBlockAllocator {
    public static final int SIZE = 32;
    private static final long OFF_NBLOCKS = 0, OFF_PARTICIPANTS = 8, OFF_CHUNK = 16, OFF_NEXT = 24;
    /** Largest chunk: 8 MiB of pages, bounds the imbalance a slow participant can cause. */
    public static final int MAX_CHUNK = 1024;

    private final SharedRegion region;
    private final long offset;

    private ParallelBlockAllocator(SharedRegion region, long offset) {
        if (offset % 8 != 0) throw new IllegalArgumentException("allocator offset must be 8-byte aligned");
        this.region = region;
        this.offset = offset;
    }

    /** The leader: formats the allocator for a scan of {@code nblocks} blocks by {@code participants}. */
    public static ParallelBlockAllocator initialize(SharedRegion region, long offset, int nblocks, int participants) {
        if (participants < 1) throw new IllegalArgumentException("participants must be at least 1");
        ParallelBlockAllocator a = new ParallelBlockAllocator(region, offset);
        long n = Integer.toUnsignedLong(nblocks);
        long chunk = Math.max(1, Math.min(MAX_CHUNK, n / (participants * 8L)));
        region.putLongVolatile(offset + OFF_NBLOCKS, n);
        region.putLongVolatile(offset + OFF_PARTICIPANTS, participants);
        region.putLongVolatile(offset + OFF_CHUNK, chunk);
        region.putLongVolatile(offset + OFF_NEXT, 0);
        return a;
    }

    /** A participant: uses an allocator the leader initialized. */
    public static ParallelBlockAllocator attach(SharedRegion region, long offset) {
        return new ParallelBlockAllocator(region, offset);
    }

    public int nblocks() { return (int) region.getLongVolatile(offset + OFF_NBLOCKS); }

    /**
     * Claims the next range of blocks: returns it packed ({@link #start}, {@link #end}), or -1
     * when every block has been handed out.
     */
    public long next() {
        long n = region.getLongVolatile(offset + OFF_NBLOCKS);
        long participants = region.getLongVolatile(offset + OFF_PARTICIPANTS);
        long chunk = region.getLongVolatile(offset + OFF_CHUNK);
        while (true) {
            long start = region.getLongVolatile(offset + OFF_NEXT);
            long remaining = n - start;
            if (remaining <= 0) return -1;
            long size = remaining >= 2 * participants * chunk ? chunk : Math.max(1, remaining / (2 * participants));
            size = Math.min(size, remaining);
            if (region.compareAndSetLong(offset + OFF_NEXT, start, start + size)) {
                return (start << 32) | (start + size);
            }
        }
    }

    /** First block of a range {@link #next} returned. */
    public static int start(long range) { return (int) (range >>> 32); }

    /** Block after the last one of a range {@link #next} returned (exclusive). */
    public static int end(long range) { return (int) range; }
}
