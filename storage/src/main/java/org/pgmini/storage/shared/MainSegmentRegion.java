package org.pgmini.storage.shared;

import org.pgmini.shmem.main.MainSharedMemory;
import org.pgmini.shmem.main.ShmemStruct;
import org.pgmini.shmem.region.MappedRegion;

import java.nio.ByteBuffer;

import static org.pgmini.storage.smgr.StorageConstants.BLCKSZ;

/**
 * A {@link SharedRegion} that is one named structure of shmem's main shared memory segment
 * (ShmemInitStruct), seen through its {@link MappedRegion}: how the buffer pool and the clog
 * buffers live where worker processes find them by name.
 *
 * <p>Placement: main-segment allocations are only 128-byte aligned, but pages must not straddle
 * one of MappedRegion's 1 GiB windows (a page is handed out as one ByteBuffer). So the structure
 * is allocated with {@link #BLCKSZ} bytes of slack and this region starts at the first 8 KiB
 * aligned offset inside it; every process computes the same start from the structure's offset.
 * Atomic accesses stay naturally aligned because the mapping is page aligned.
 */
public final class MainSegmentRegion implements SharedRegion {
    private final MappedRegion mapped;
    private final long base;
    private final long size;
    private final boolean found;

    private MainSegmentRegion(MappedRegion mapped, ShmemStruct s, long size) {
        long aligned = (s.offset() + BLCKSZ - 1) & -(long) BLCKSZ;
        if (aligned + size > s.offset() + s.size()) throw new IllegalArgumentException("structure \"" + s.name() + "\" is too small");
        this.mapped = mapped;
        this.base = aligned;
        this.size = size;
        this.found = s.found();
    }

    /**
     * The structure {@code name} of {@code size} usable bytes, allocated if new; {@link #found()}
     * says whether it existed (then do not initialize what is in it).
     */
    public static MainSegmentRegion initStruct(MainSharedMemory shm, String name, long size) {
        ShmemStruct s = shm.initStruct(name, size + BLCKSZ);
        return new MainSegmentRegion(shm.region(), s, size);
    }

    /** An existing structure (a worker attaching): fails if the postmaster did not create it. */
    public static MainSegmentRegion attach(MainSharedMemory shm, String name) {
        ShmemStruct s = shm.lookup(name);
        if (s == null) throw new IllegalStateException("shared memory structure \"" + name + "\" does not exist");
        return new MainSegmentRegion(shm.region(), s, s.size() - BLCKSZ);
    }

    public boolean found() { return found; }

    private long at(long offset) {
        if (offset < 0 || offset > size) throw new IndexOutOfBoundsException("offset " + offset + " outside a region of " + size);
        return base + offset;
    }

    @Override public long size() { return size; }

    @Override
    public ByteBuffer window(long offset, int length) {
        if (offset + length > size) throw new IndexOutOfBoundsException("window beyond the region");
        return mapped.buffer(at(offset), length);
    }

    @Override public int getInt(long offset) { return mapped.getInt(at(offset)); }
    @Override public void putInt(long offset, int value) { mapped.putInt(at(offset), value); }
    @Override public long getLong(long offset) { return mapped.getLong(at(offset)); }
    @Override public void putLong(long offset, long value) { mapped.putLong(at(offset), value); }
    @Override public int getIntVolatile(long offset) { return mapped.getIntVolatile(at(offset)); }
    @Override public void putIntVolatile(long offset, int value) { mapped.putIntVolatile(at(offset), value); }
    @Override public boolean compareAndSetInt(long offset, int expected, int value) { return mapped.compareAndSetInt(at(offset), expected, value); }
    @Override public int getAndAddInt(long offset, int delta) { return mapped.getAndAddInt(at(offset), delta); }
    @Override public long getLongVolatile(long offset) { return mapped.getLongVolatile(at(offset)); }
    @Override public void putLongVolatile(long offset, long value) { mapped.putLongVolatile(at(offset), value); }
    @Override public boolean compareAndSetLong(long offset, long expected, long value) { return mapped.compareAndSetLong(at(offset), expected, value); }
    @Override public long getAndAddLong(long offset, long delta) { return mapped.getAndAddLong(at(offset), delta); }
}
