package org.pgmini.shmem.main;

import org.pgmini.error.PgException;
import org.pgmini.shmem.dsm.DsmImpls;
import org.pgmini.shmem.dsm.PosixDsmImpl;
import org.pgmini.shmem.libc.Processes;
import org.pgmini.shmem.region.MappedRegion;
import org.pgmini.shmem.sync.SpinLock;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The main shared memory segment: shared buffers, clog buffers, proc/latch slots, worker slots —
 * everything sized once at postmaster start. It is a named POSIX segment ({@code /pgmini.<n>})
 * rather than PostgreSQL's anonymous mmap, because our workers are separate JVMs started from
 * scratch, not fork()ed children that inherit the mapping. It is created fresh at every
 * postmaster start and crash-restart; its name is recorded in {@code pg_dynshmem/state}.
 *
 * <p>Allocation works like ShmemInitStruct: named structures, allocated once by whoever asks
 * first, found by name by everyone else, never freed. Every allocation is aligned to 128 bytes
 * (a cache-line pair, so that structures never share a line).
 *
 * <p>Layout: header (64 bytes): +0 magic, +4 spinlock, +8 total size, +16 next free offset,
 * +24 index capacity, +28 index count, +32 creator pid; then the index, {@link #INDEX_ENTRY} bytes
 * per entry: name (UTF-8, NUL-padded, at most {@link #MAX_NAME_BYTES}), offset (long), size (long);
 * then the data area. The spinlock guards the free offset and the index; an entry is complete
 * before the count that makes it visible is published with a release store.
 */
public final class MainSharedMemory {
    public static final String NAME_PREFIX = "/pgmini.";
    public static final int ALIGN = 128;
    public static final int MAX_NAME_BYTES = 79;
    static final int MAGIC = 0x70674d53; // "pgMS"
    static final int HEADER = 64;
    static final int INDEX_ENTRY = 96;
    public static final int DEFAULT_INDEX_CAPACITY = 256;

    private static final PosixDsmImpl POSIX = new PosixDsmImpl();

    private final String name;
    private final MappedRegion region;
    private final SpinLock lock;
    private final boolean owner;

    private MainSharedMemory(String name, MappedRegion region, boolean owner) {
        this.name = name;
        this.region = region;
        this.lock = new SpinLock(region, 4);
        this.owner = owner;
    }

    /** Bytes needed for {@code dataBytes} of structures (each rounded up to {@link #ALIGN}) and the index. */
    public static long sizeFor(long dataBytes, int indexCapacity) {
        return align(HEADER + (long) indexCapacity * INDEX_ENTRY) + align(dataBytes);
    }

    public static long align(long n) {
        return (n + ALIGN - 1) & -ALIGN;
    }

    /** Creates a fresh segment under a new random name (postmaster start / crash-restart). */
    public static MainSharedMemory create(long size, int indexCapacity) {
        long minimum = align(HEADER + (long) indexCapacity * INDEX_ENTRY);
        if (size < minimum) {
            throw new IllegalArgumentException("main shared memory of " + size + " bytes cannot hold its index");
        }
        for (int attempt = 0; attempt < 1000; attempt++) {
            String n = NAME_PREFIX + Integer.toUnsignedString(DsmImpls.randomHandle());
            MappedRegion r = POSIX.createNamed(n, size);
            if (r != null) {
                r.putLong(8, size);
                r.putLong(16, minimum);
                r.putInt(24, indexCapacity);
                r.putInt(28, 0);
                r.putInt(32, Processes.myPid());
                r.putIntVolatile(0, MAGIC);
                return new MainSharedMemory(n, r, true);
            }
        }
        throw new PgException("XX000", "could not find a free name for the main shared memory segment");
    }

    /** Maps the segment a postmaster created (worker start). */
    public static MainSharedMemory attach(String name) {
        MappedRegion r = POSIX.attachNamed(name);
        if (r.getIntVolatile(0) != MAGIC || r.getLong(8) != r.size()) {
            PosixDsmImpl.unmapRegion(r, name);
            throw new PgException("XX000", "shared memory segment \"" + name + "\" is not a pgmini main segment");
        }
        return new MainSharedMemory(name, r, false);
    }

    public String name() { return name; }
    public MappedRegion region() { return region; }
    public long size() { return region.size(); }
    public int creatorPid() { return region.getInt(32); }

    /**
     * ShmemInitStruct: the structure called {@code structName}, allocated (zero-filled) on first
     * request. {@link ShmemStruct#found()} tells the caller whether to initialise it.
     */
    public ShmemStruct initStruct(String structName, long size) {
        byte[] key = structName.getBytes(StandardCharsets.UTF_8);
        if (key.length == 0 || key.length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("shared memory structure name must have 1.." + MAX_NAME_BYTES + " bytes");
        }
        lock.lock();
        try {
            int count = region.getInt(28);
            for (int i = 0; i < count; i++) {
                long e = entry(i);
                if (nameEquals(e, key)) {
                    long have = region.getLong(e + 88);
                    if (have != size) {
                        throw new PgException("XX000", "ShmemIndex entry size is wrong for data structure \""
                                + structName + "\": expected " + size + ", actual " + have);
                    }
                    return new ShmemStruct(structName, region.getLong(e + 80), have, true);
                }
            }
            if (count >= region.getInt(24)) {
                throw new PgException("53200", "could not create ShmemIndex entry for data structure \"" + structName + "\"");
            }
            long free = region.getLong(16);
            long aligned = align(size);
            if (aligned > region.size() - free) {
                throw new PgException("53200", "not enough shared memory for data structure \"" + structName
                        + "\" (" + size + " bytes requested)");
            }
            long e = entry(count);
            region.putBytes(e, key, 0, key.length);
            region.putLong(e + 80, free);
            region.putLong(e + 88, size);
            region.putLong(16, free + aligned);
            region.putIntRelease(28, count + 1);
            return new ShmemStruct(structName, free, size, false);
        } finally {
            lock.unlock();
        }
    }

    /** The structure called {@code structName}, or null if nobody allocated it. */
    public ShmemStruct lookup(String structName) {
        byte[] key = structName.getBytes(StandardCharsets.UTF_8);
        int count = region.getIntAcquire(28);
        for (int i = 0; i < count; i++) {
            long e = entry(i);
            if (nameEquals(e, key)) {
                return new ShmemStruct(structName, region.getLong(e + 80), region.getLong(e + 88), true);
            }
        }
        return null;
    }

    /** All allocations, for a pg_shmem_allocations-like listing. */
    public List<ShmemStruct> allocations() {
        int count = region.getIntAcquire(28);
        List<ShmemStruct> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long e = entry(i);
            byte[] raw = new byte[MAX_NAME_BYTES + 1];
            region.getBytes(e, raw, 0, raw.length);
            int len = 0;
            while (len < raw.length && raw[len] != 0) {
                len++;
            }
            out.add(new ShmemStruct(new String(raw, 0, len, StandardCharsets.UTF_8),
                    region.getLong(e + 80), region.getLong(e + 88), true));
        }
        return out;
    }

    /** Bytes still free for allocations. */
    public long freeBytes() {
        lock.lock();
        try {
            return region.size() - region.getLong(16);
        } finally {
            lock.unlock();
        }
    }

    /** Unmaps this process's mapping. */
    public void detach() {
        PosixDsmImpl.unmapRegion(region, name);
    }

    /** Unmaps and removes the segment (postmaster exit / crash-restart). */
    public void destroy() {
        detach();
        POSIX.destroyNamed(name);
    }

    public boolean isOwner() { return owner; }

    private long entry(int i) {
        return HEADER + (long) i * INDEX_ENTRY;
    }

    private boolean nameEquals(long e, byte[] key) {
        for (int j = 0; j < key.length; j++) {
            if (region.getByte(e + j) != key[j]) {
                return false;
            }
        }
        return region.getByte(e + key.length) == 0;
    }
}
