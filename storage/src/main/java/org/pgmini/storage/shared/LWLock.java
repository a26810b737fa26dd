package org.pgmini.storage.shared;

/**
 * A reader/writer lock whose whole state is one 4-byte word in a {@link SharedRegion}, so that
 * several processes can share it (PostgreSQL's LWLock). The word is the only state: any
 * implementation may be swapped in (shmem will bring one that sleeps on a futex) as long as it
 * keeps the encoding readable by the others, or all users switch together.
 */
public interface LWLock {
    /** Bytes a lock word needs (and its alignment). */
    int SIZE = 4;

    void acquire(SharedRegion region, long offset, boolean exclusive);

    /** Takes the lock if that is possible without waiting. */
    boolean tryAcquire(SharedRegion region, long offset, boolean exclusive);

    /** Releases a lock this thread holds in the given mode. */
    void release(SharedRegion region, long offset, boolean exclusive);

    boolean isHeldExclusive(SharedRegion region, long offset);

    /** Number of shared holders (0 when free or held exclusively). */
    int sharedHolders(SharedRegion region, long offset);

    /** Prepares a fresh lock word. */
    default void init(SharedRegion region, long offset) { region.putIntVolatile(offset, 0); }
}
