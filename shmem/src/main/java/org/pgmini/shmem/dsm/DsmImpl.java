package org.pgmini.shmem.dsm;

/**
 * One way of making a segment that other processes can map by a 32-bit handle (the lower layer
 * of the 2013 design). Implementations know nothing of reference counts: {@link Dsm} does.
 *
 * <p>Errors are PgExceptions worded as PostgreSQL's dsm_impl.c words them.
 */
public interface DsmImpl {
    DsmImplKind kind();

    /**
     * Creates a segment of {@code size} bytes under {@code handle} and maps it; returns null if a
     * segment with that handle already exists (the caller picks another handle and retries).
     */
    DsmMapping create(int handle, long size);

    /** Maps an existing segment; its size is taken from the segment. */
    DsmMapping attach(int handle);

    /** Unmaps this process's mapping; the segment stays. */
    void detach(DsmMapping mapping);

    /**
     * Removes the segment from the system. Existing mappings stay usable until unmapped (true for
     * all three kinds). Returns false if it did not exist.
     */
    boolean destroy(int handle);

    /**
     * Changes the segment's size and remaps this process's mapping (other processes must re-attach
     * to see a larger size). Unsupported by sysv (0A000).
     */
    void resize(DsmMapping mapping, long newSize);

    /** The segment's name as messages show it. */
    String segmentName(int handle);
}
