package org.pgmini.shmem.dsm;

/**
 * One row of {@code pg_dsm_segments(handle, impl, size, refcnt, pinned)}: a snapshot of a control
 * segment item. {@code refcnt} counts mappings in all processes plus one if pinned.
 */
public record DsmSegmentInfo(long handle, String impl, long size, int refcnt, boolean pinned, int creatorPid) {
}
