package org.pgmini.shmem.dsm;

import org.pgmini.shmem.libc.LibC;
import org.pgmini.shmem.region.MappedRegion;

/**
 * {@code dynamic_shared_memory_type = posix}: shm_open("/PostgreSQL.&lt;handle&gt;"), which lives in
 * /dev/shm on Linux. The default, as in PostgreSQL.
 */
public final class PosixDsmImpl extends FileBackedDsmImpl {
    /** Name prefix of DSM segments, as PostgreSQL names them. */
    public static final String PREFIX = "/PostgreSQL.";

    @Override public DsmImplKind kind() { return DsmImplKind.POSIX; }
    @Override int openFd(String path, int flags, int mode) { return LibC.shm_open(path, flags, mode); }
    @Override int unlinkName(String path) { return LibC.shm_unlink(path); }
    @Override String pathOf(int handle) { return segmentName(handle); }
    @Override public String segmentName(int handle) { return PREFIX + Integer.toUnsignedString(handle); }

    /** Creates and maps a POSIX segment with a caller-chosen name; null if the name exists. */
    public MappedRegion createNamed(String name, long size) { return createNamed(name, name, size); }
    /** Maps an existing POSIX segment by name. */
    public MappedRegion attachNamed(String name) { return attachNamed(name, name); }
    /** shm_unlink; false if it did not exist. */
    public boolean destroyNamed(String name) { return destroyNamed(name, name); }
    /** munmap, then invalidate the region. */
    public static void unmapRegion(MappedRegion region, String name) { unmap(region, name); }
}
