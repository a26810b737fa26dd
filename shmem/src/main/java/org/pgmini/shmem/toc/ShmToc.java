package org.pgmini.shmem.toc;

import org.pgmini.error.PgException;
import org.pgmini.shmem.region.MappedRegion;
import org.pgmini.shmem.sync.SpinLock;

/**
 * A table of contents at the start of a segment (PostgreSQL's shm_toc): the process that builds a
 * parallel query's segment allocates chunks and files each under a 64-bit key; workers attach and
 * look the chunks up by key. Everything is an offset from the TOC's start, never an address: each
 * process maps the segment elsewhere.
 *
 * <p>Layout at {@code base}: +0 magic (long), +8 spinlock, +12 nkeys (int), +16 total bytes
 * (long), +24 allocated bytes (long, taken from the end of the space), +32 entries of 16 bytes
 * (key, offset). Entries grow up from the front, chunks down from the back; they must not meet.
 *
 * <p>Concurrency: allocate and insert take the spinlock; lookup reads {@code nkeys} with acquire
 * and needs no lock, because an entry is complete before the release store of {@code nkeys} that
 * makes it visible, and entries are never changed or removed.
 */
public final class ShmToc {
    static final int HEADER = 32;
    static final int ENTRY = 16;
    /** Chunks are aligned like PostgreSQL's BUFFERALIGN (we use a cache line). */
    public static final int ALIGN = 64;

    private final MappedRegion region;
    private final long base;
    private final SpinLock lock;

    private ShmToc(MappedRegion region, long base) {
        this.region = region;
        this.base = base;
        this.lock = new SpinLock(region, base + 8);
    }

    /** shm_toc_create: formats {@code nbytes} at {@code base} (8-aligned) as an empty TOC. */
    public static ShmToc create(long magic, MappedRegion region, long base, long nbytes) {
        if ((base & 7) != 0 || nbytes < HEADER || base + nbytes > region.size()) {
            throw new IllegalArgumentException("bad TOC placement");
        }
        region.putInt(base + 12, 0);
        region.putLong(base + 16, nbytes);
        region.putLong(base + 24, 0);
        SpinLock.init(region, base + 8);
        region.putLongVolatile(base, magic);
        return new ShmToc(region, base);
    }

    /** shm_toc_attach: null if the magic does not match (not the segment we expected). */
    public static ShmToc attach(long magic, MappedRegion region, long base) {
        if (region.getLongVolatile(base) != magic) {
            return null;
        }
        return new ShmToc(region, base);
    }

    public MappedRegion region() { return region; }
    /** Where the TOC starts in the region; chunk offsets returned here are region offsets. */
    public long base() { return base; }

    private static long alignUp(long n) {
        return (n + ALIGN - 1) & -ALIGN;
    }

    /**
     * shm_toc_allocate: {@code nbytes} from the back of the space; returns the chunk's region
     * offset. Not zeroed beyond what a fresh segment already is.
     */
    public long allocate(long nbytes) {
        long size = alignUp(nbytes);
        lock.lock();
        try {
            long total = region.getLong(base + 16);
            long allocated = region.getLong(base + 24);
            int nkeys = region.getInt(base + 12);
            long toc = HEADER + (long) nkeys * ENTRY;
            // Aligned down in region offsets, so chunks are aligned even if the TOC's end is not.
            long start = alignDownAbs(base + total - allocated - size);
            if (start < base + toc) {
                throw new PgException("53200", "out of shared memory");
            }
            region.putLong(base + 24, base + total - start);
            return start;
        } finally {
            lock.unlock();
        }
    }

    private static long alignDownAbs(long off) {
        return off & -ALIGN;
    }

    /** shm_toc_insert: files the chunk at region offset {@code offset} under {@code key}. */
    public void insert(long key, long offset) {
        lock.lock();
        try {
            long total = region.getLong(base + 16);
            long allocated = region.getLong(base + 24);
            int nkeys = region.getInt(base + 12);
            long entry = base + HEADER + (long) nkeys * ENTRY;
            if (entry + ENTRY > base + total - allocated) {
                throw new PgException("53200", "out of shared memory");
            }
            region.putLong(entry, key);
            region.putLong(entry + 8, offset);
            region.putIntRelease(base + 12, nkeys + 1);
        } finally {
            lock.unlock();
        }
    }

    /** shm_toc_lookup: the region offset filed under {@code key}; -1 if absent and {@code noError}. */
    public long lookup(long key, boolean noError) {
        int nkeys = region.getIntAcquire(base + 12);
        for (int i = 0; i < nkeys; i++) {
            long entry = base + HEADER + (long) i * ENTRY;
            if (region.getLong(entry) == key) {
                return region.getLong(entry + 8);
            }
        }
        if (noError) {
            return -1;
        }
        throw new PgException("XX000", "could not find key " + Long.toUnsignedString(key) + " in shm TOC at offset " + base);
    }

    /** Bytes not yet used by entries or chunks. */
    public long freeSpace() {
        lock.lock();
        try {
            long used = HEADER + (long) region.getInt(base + 12) * ENTRY + region.getLong(base + 24);
            return region.getLong(base + 16) - used;
        } finally {
            lock.unlock();
        }
    }
}
