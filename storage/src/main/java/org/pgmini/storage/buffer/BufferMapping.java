package org.pgmini.storage.buffer;

import org.pgmini.storage.shared.LWLock;
import org.pgmini.storage.shared.SharedRegion;

/**
 * The buffer mapping table (buf_table.c), entirely in the shared region: a chained hash table
 * from {@link BufferTag} to buffer id. There is one chain link per buffer (stored in its
 * descriptor), because a buffer is listed at most once; bucket heads are an int array.
 * Buckets are split into {@link #PARTITIONS} partitions (bucket % PARTITIONS), each protected by
 * its own {@link LWLock}: shared to look up, exclusive to insert or delete. Lock order when two
 * partitions are needed: lower partition number first.
 */
final class BufferMapping {
    static final int PARTITIONS = 16;

    private final SharedRegion region;
    private final long locksOff;
    private final long bucketsOff;
    private final int nbuckets;
    private final BufferDescriptors descs;
    private final LWLock lock;

    static int bucketCount(int nbuffers) {
        int n = PARTITIONS;
        while (n < nbuffers) n <<= 1;
        return n;
    }

    BufferMapping(SharedRegion region, long locksOff, long bucketsOff, int nbuckets, BufferDescriptors descs, LWLock lock) {
        this.region = region;
        this.locksOff = locksOff;
        this.bucketsOff = bucketsOff;
        this.nbuckets = nbuckets;
        this.descs = descs;
        this.lock = lock;
    }

    void initialize() {
        for (int p = 0; p < PARTITIONS; p++) lock.init(region, lockOff(p));
        for (int b = 0; b < nbuckets; b++) region.putInt(bucketsOff + 4L * b, -1);
    }

    private long lockOff(int partition) { return locksOff + 8L * partition; }

    int bucket(int hash) { return hash & (nbuckets - 1); }

    int partition(int hash) { return bucket(hash) % PARTITIONS; }

    void lockPartition(int partition, boolean exclusive) { lock.acquire(region, lockOff(partition), exclusive); }

    void unlockPartition(int partition, boolean exclusive) { lock.release(region, lockOff(partition), exclusive); }

    /** Caller holds the tag's partition lock. Returns the buffer id or -1. */
    int lookup(BufferTag tag, int hash) {
        int b = region.getInt(bucketsOff + 4L * bucket(hash));
        while (b >= 0) {
            if (descs.tagEquals(b, tag)) return b;
            b = descs.next(b);
        }
        return -1;
    }

    /** Caller holds the partition lock exclusively; the buffer must not be listed anywhere. */
    void insert(int buf, int hash) {
        long head = bucketsOff + 4L * bucket(hash);
        descs.setNext(buf, region.getInt(head));
        region.putInt(head, buf);
    }

    /** Caller holds the partition lock exclusively. */
    void delete(int buf, int hash) {
        long head = bucketsOff + 4L * bucket(hash);
        int b = region.getInt(head);
        if (b == buf) {
            region.putInt(head, descs.next(buf));
        } else {
            while (b >= 0 && descs.next(b) != buf) b = descs.next(b);
            if (b < 0) throw new IllegalStateException("buffer " + buf + " not found in its mapping bucket");
            descs.setNext(b, descs.next(buf));
        }
        descs.setNext(buf, -1);
    }
}
