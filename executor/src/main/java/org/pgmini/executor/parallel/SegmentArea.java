package org.pgmini.executor.parallel;

import org.pgmini.shmem.region.MappedRegion;

/**
 * An extra area a particular kind of parallel node puts into the query's DSM segment beside the
 * fragment's own entries ({@link FragmentSegment}): sized before the segment is made, filled by
 * the leader before any worker is launched, and found by workers under {@link #key()} in the
 * segment's table of contents. Each implementation states which process writes which word.
 */
public interface SegmentArea {
    /** The TOC key; must differ from {@link FragmentSegment}'s keys and from every other area's. */
    long key();

    /** Bytes to reserve for {@code workers} worker slots. */
    long size(int workers);

    /** Leader, before launch: writes the area's initial contents at {@code offset} of {@code region}. */
    void initialize(MappedRegion region, long offset, int workers);
}
