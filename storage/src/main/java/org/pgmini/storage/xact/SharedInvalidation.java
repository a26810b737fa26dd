package org.pgmini.storage.xact;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The shared invalidation counter (a very small sinval): every commit that changed catalog rows
 * bumps it after its commit is in the commit log and before it releases its locks; caches built
 * from the catalog remember the value read before their catalog snapshot was taken and are
 * dropped as soon as the counter differs. So any session sees committed DDL at its next catalog
 * lookup (at the latest at its next statement, which looks its relations up again).
 *
 * <p>Invariant: a cache entry tagged g was built from a snapshot taken after the counter was g;
 * any DDL committed after that snapshot bumps the counter past g. Today the counter is an
 * AtomicLong in the postmaster's JVM; in the multi-process design it becomes one 64-bit word of
 * the main shared memory segment (read with acquire, bumped with fetch-and-add), with each
 * process keeping its own caches.
 */
public final class SharedInvalidation {
    private final AtomicLong counter = new AtomicLong();

    public long current() { return counter.get(); }

    /** Called at commit of a transaction that changed the catalog. */
    public void bump() { counter.incrementAndGet(); }
}
