package org.pgmini.shmem.dsm;

import org.pgmini.shmem.region.MappedRegion;

/**
 * One process's mapping of one segment, as an implementation made it. Unmapping it (detach) does
 * not remove the segment; destroy does. Not thread-safe: the {@code Dsm} layer serialises use.
 */
public final class DsmMapping {
    private final int handle;
    private final String name;
    private MappedRegion region;
    /** Implementation detail: the SysV shmid; unused by the other implementations. */
    final int shmid;

    DsmMapping(int handle, String name, MappedRegion region, int shmid) {
        this.handle = handle;
        this.name = name;
        this.region = region;
        this.shmid = shmid;
    }

    public int handle() { return handle; }
    /** The name used in messages: "/PostgreSQL.123", "123" (sysv), "pg_dynshmem/mmap.123". */
    public String name() { return name; }
    public MappedRegion region() { return region; }
    public long size() { return region.size(); }
    public boolean isMapped() { return region != null && region.isValid(); }

    void replaceRegion(MappedRegion newRegion) { this.region = newRegion; }
}
