package org.pgmini.shmem.toc;

/**
 * shm_toc_estimate: adds up chunks and keys first, so the segment can be created with the right
 * size before anything is placed in it.
 */
public final class ShmTocEstimator {
    private long spaceForChunks;
    private long numberOfKeys;

    public ShmTocEstimator chunk(long nbytes) {
        spaceForChunks += (nbytes + ShmToc.ALIGN - 1) & -ShmToc.ALIGN;
        return this;
    }

    public ShmTocEstimator keys(int n) {
        numberOfKeys += n;
        return this;
    }

    /** Total bytes for the TOC and all chunks, with room for alignment at the boundary. */
    public long estimate() {
        return ShmToc.HEADER + numberOfKeys * ShmToc.ENTRY + spaceForChunks + ShmToc.ALIGN;
    }
}
