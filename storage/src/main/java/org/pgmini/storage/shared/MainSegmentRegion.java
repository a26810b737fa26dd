package org.pgmini.storage.shared;

import org.pgmini.shmem.main.MainSharedMemory;
import org.pgmini.shmem.main.ShmemStruct;
import org.pgmini.shmem.region.MappedRegion;

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
public final class MainSegmentRegion extends MappedRegionSlice {
    private final boolean found;

    private MainSegmentRegion(MappedRegion mapped, ShmemStruct s, long size) {
        super(mapped, alignedStart(s, size), size);
        this.found = s.found();
    }

    private static long alignedStart(ShmemStruct s, long size) {
        long aligned = (s.offset() + BLCKSZ - 1) & -(long) BLCKSZ;
        if (aligned + size > s.offset() + s.size()) throw new IllegalArgumentException("structure \"" + s.name() + "\" is too small");
        return aligned;
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
}
