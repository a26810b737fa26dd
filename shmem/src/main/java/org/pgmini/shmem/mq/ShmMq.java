package org.pgmini.shmem.mq;

import org.pgmini.shmem.region.MappedRegion;
import org.pgmini.shmem.sync.Latch;

/**
 * A single-sender, single-receiver message queue in shared memory (PostgreSQL's shm_mq): a ring
 * buffer with two 8-byte counters. Use it through {@link ShmMqSender} and {@link ShmMqReceiver};
 * this class owns the layout.
 *
 * <p>Layout at {@code base} (8-aligned; hot words on separate 64-byte lines to avoid false sharing):
 * <pre>
 *   +0    ring size (long)            immutable after create
 *   +8    sender pid (int)            written once by the sender when it attaches
 *   +12   receiver pid (int)          written once by the receiver when it attaches
 *   +16   detached (int, 0/1)         set by whichever side leaves first (or finds the other dead); never cleared
 *   +24   receiver latch offset (long) region offset of the latch the sender sets after publishing data
 *   +32   sender latch offset (long)   region offset of the latch the receiver sets after freeing space
 *   +64   bytes written (long)        written ONLY by the sender
 *   +128  bytes read (long)           written ONLY by the receiver
 *   +192  the queue's own receiver latch (16 bytes)
 *   +256  the queue's own sender latch (16 bytes)
 *   +320  ring data
 * </pre>
 *
 * <p>Invariants: 0 ≤ written − read ≤ ring size; both counters only grow and are multiples of 8;
 * ring position = counter mod ring size. A message is an 8-byte length word followed by the
 * payload padded to 8 bytes, so a length word never wraps; payloads wrap freely, and one larger
 * than the ring streams through it.
 *
 * <p>Memory ordering: the sender copies data with plain stores and then publishes bytes written
 * with a volatile (sequentially consistent) store; the receiver reads bytes written with a volatile
 * load before reading data — release/acquire makes the data visible. Symmetrically for bytes read,
 * which tells the sender the space may be overwritten. The stores are sequentially consistent (not
 * just release) because each is followed by a check of the peer's latch: store counter / load
 * latch state on one side against store latch reset / load counter on the other is the
 * store-buffer (Dekker) pattern, which needs a full fence on x86.
 *
 * <p>Latches may be replaced (before use) by latches elsewhere in the same region, e.g. one
 * receiver latch shared by several queues so a Gather can sleep on all its workers at once.
 */
public final class ShmMq {
    static final int RING_SIZE = 0;
    static final int SENDER_PID = 8;
    static final int RECEIVER_PID = 12;
    static final int DETACHED = 16;
    static final int RECEIVER_LATCH_OFFSET = 24;
    static final int SENDER_LATCH_OFFSET = 32;
    static final int BYTES_WRITTEN = 64;
    static final int BYTES_READ = 128;
    static final int OWN_RECEIVER_LATCH = 192;
    static final int OWN_SENDER_LATCH = 256;
    public static final int HEADER = 320;
    /** Largest message, as PostgreSQL's MaxAllocSize. */
    public static final long MAX_MESSAGE = 0x3fffffffL;
    public static final long MIN_RING = 64;

    private final MappedRegion region;
    private final long base;
    private final long ringSize;

    private ShmMq(MappedRegion region, long base) {
        this.region = region;
        this.base = base;
        this.ringSize = region.getLongVolatile(base + RING_SIZE);
    }

    /** Bytes a queue with a ring of {@code ringSize} bytes occupies. */
    public static long sizeFor(long ringSize) {
        return HEADER + (ringSize & ~7L);
    }

    /**
     * shm_mq_create: formats {@code totalBytes} at {@code base} as an empty queue whose ring takes
     * all the space after the header (rounded down to 8).
     */
    public static ShmMq create(MappedRegion region, long base, long totalBytes) {
        if ((base & 63) != 0) {
            throw new IllegalArgumentException("shm_mq must be 64-byte aligned");
        }
        long ring = (totalBytes - HEADER) & ~7L;
        if (ring < MIN_RING || base + totalBytes > region.size()) {
            throw new IllegalArgumentException("shm_mq of " + totalBytes + " bytes is too small or outside the region");
        }
        region.putInt(base + SENDER_PID, 0);
        region.putInt(base + RECEIVER_PID, 0);
        region.putInt(base + DETACHED, 0);
        region.putLong(base + BYTES_WRITTEN, 0);
        region.putLong(base + BYTES_READ, 0);
        Latch.init(region, base + OWN_RECEIVER_LATCH, 0);
        Latch.init(region, base + OWN_SENDER_LATCH, 0);
        region.putLong(base + RECEIVER_LATCH_OFFSET, base + OWN_RECEIVER_LATCH);
        region.putLong(base + SENDER_LATCH_OFFSET, base + OWN_SENDER_LATCH);
        region.putLongVolatile(base + RING_SIZE, ring);
        return new ShmMq(region, base);
    }

    /** A queue that some process created at {@code base}. */
    public static ShmMq at(MappedRegion region, long base) {
        ShmMq mq = new ShmMq(region, base);
        if (mq.ringSize < MIN_RING || base + HEADER + mq.ringSize > region.size()) {
            throw new IllegalStateException("no shm_mq at offset " + base);
        }
        return mq;
    }

    /** Lets the sender wake {@code latch} (in the same region) instead of the queue's own receiver latch. */
    public void setReceiverLatch(Latch latch) {
        region.putLongVolatile(base + RECEIVER_LATCH_OFFSET, latch.offset());
    }

    public void setSenderLatch(Latch latch) {
        region.putLongVolatile(base + SENDER_LATCH_OFFSET, latch.offset());
    }

    public MappedRegion region() { return region; }
    public long base() { return base; }
    public long ringSize() { return ringSize; }
    public int senderPid() { return region.getIntVolatile(base + SENDER_PID); }
    public int receiverPid() { return region.getIntVolatile(base + RECEIVER_PID); }
    public boolean isDetached() { return region.getIntVolatile(base + DETACHED) != 0; }
    /** Bytes published by the sender so far (diagnostics). */
    public long bytesWritten() { return region.getLongVolatile(base + BYTES_WRITTEN); }
    public long bytesRead() { return region.getLongVolatile(base + BYTES_READ); }

    Latch receiverLatch() { return new Latch(region, region.getLongVolatile(base + RECEIVER_LATCH_OFFSET)); }
    Latch senderLatch() { return new Latch(region, region.getLongVolatile(base + SENDER_LATCH_OFFSET)); }

    /** Registers {@code pid} in the sender or receiver word; fails if that side is taken. */
    void claim(int field, int pid) {
        if (!region.compareAndSetInt(base + field, 0, pid)) {
            throw new IllegalStateException("shm_mq " + (field == SENDER_PID ? "sender" : "receiver") + " is already set");
        }
    }

    /** Marks the queue detached and wakes {@code peerLatch}. */
    void markDetached(Latch peerLatch) {
        region.putIntVolatile(base + DETACHED, 1);
        peerLatch.set();
    }
}
