package org.pgmini.shmem.sync;

import org.pgmini.error.PgException;
import org.pgmini.shmem.libc.Processes;
import org.pgmini.shmem.region.MappedRegion;

import java.util.concurrent.locks.LockSupport;

/**
 * A test-and-set lock in shared memory for very short critical sections (a few loads and stores,
 * never a call that can block or throw half-way).
 *
 * <p>Layout: one int at {@code offset}, 0 when free, else the pid of the holding process (threads
 * of one process exclude each other too: the CAS needs the word to be 0). The pid lets a waiter
 * tell a dead holder from a slow one. A holder that died inside the critical section may have
 * left the protected data half-updated, so the waiter does not take the lock over: it raises a
 * PANIC, and the postmaster answers with crash-and-restart, which discards all shared memory
 * (PostgreSQL reacts to a backend dying the same way).
 *
 * <p>Ordering: acquire is a CAS (full fence), release a release-store, so everything written
 * inside the section is visible to the next holder.
 *
 * <p>Waiting: spin with PAUSE for a short while, then sleep with growing delays (never spin
 * for long: on 2 cores spinning steals the holder's CPU).
 */
public final class SpinLock {
    public static final int SIZE = 4;
    private static final long STUCK_NANOS = 60_000_000_000L;

    private final MappedRegion region;
    private final long offset;

    public SpinLock(MappedRegion region, long offset) {
        if ((offset & 3) != 0) {
            throw new IllegalArgumentException("spinlock must be 4-byte aligned");
        }
        this.region = region;
        this.offset = offset;
    }

    /** Initialises the lock word as free; only before anyone else can see it. */
    public static SpinLock init(MappedRegion region, long offset) {
        region.putIntVolatile(offset, 0);
        return new SpinLock(region, offset);
    }

    public boolean tryLock() {
        return region.getInt(offset) == 0 && region.compareAndSetInt(offset, 0, Processes.myPid());
    }

    public void lock() {
        if (!tryLock()) {
            slowLock();
        }
    }

    private void slowLock() {
        long start = System.nanoTime();
        long delay = 1_000;
        int spins = 0;
        long lastCheck = start;
        while (!tryLock()) {
            if (++spins < 100) {
                Thread.onSpinWait();
                continue;
            }
            LockSupport.parkNanos(delay);
            delay = Math.min(delay * 2, 1_000_000);
            long now = System.nanoTime();
            if (now - lastCheck > 100_000_000L) {
                lastCheck = now;
                int holder = region.getIntVolatile(offset);
                if (holder != 0 && !Processes.isAlive(holder)) {
                    throw new PgException("PANIC", "XX000", "stuck spinlock detected",
                            "The process holding it (PID " + holder + ") has exited.", null, 0, null, null);
                }
                if (now - start > STUCK_NANOS) {
                    throw new PgException("PANIC", "XX000", "stuck spinlock detected",
                            "Held by PID " + holder + " for more than 60 seconds.", null, 0, null, null);
                }
            }
        }
    }

    public void unlock() {
        region.putIntRelease(offset, 0);
    }

    /** pid of the holder, 0 if free (a racy snapshot, for diagnostics). */
    public int holder() {
        return region.getIntVolatile(offset);
    }
}
