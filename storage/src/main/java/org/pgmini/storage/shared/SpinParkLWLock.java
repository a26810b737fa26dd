package org.pgmini.storage.shared;

import java.util.concurrent.locks.LockSupport;

/**
 * The default {@link LWLock}: CAS on the lock word, and a waiter spins briefly, then yields, then
 * sleeps with growing pauses (up to 1 ms) before looking again. Nothing but the word is shared,
 * so waiters in other processes work the same way; the price is that a sleeping waiter notices a
 * release up to a pause late. The futex-based lock from shmem replaces this.
 *
 * <p>Word encoding: bit 31 = held exclusively; bits 0..30 = number of shared holders. Only the
 * holder clears the exclusive bit; each shared holder decrements once.
 * Writers are not given priority: a steady stream of shared holders can delay an exclusive
 * waiter (acceptable for buffer content locks, whose shared holds are short).
 */
public final class SpinParkLWLock implements LWLock {
    public static final SpinParkLWLock INSTANCE = new SpinParkLWLock();
    private static final int EXCLUSIVE = 0x8000_0000;

    @Override
    public void acquire(SharedRegion region, long offset, boolean exclusive) {
        int attempt = 0;
        while (!tryAcquire(region, offset, exclusive)) {
            backoff(attempt++);
        }
    }

    /** Waiting policy shared by storage's lock-word users: spin, then yield, then park. */
    public static void backoff(int attempt) {
        if (attempt < 64) Thread.onSpinWait();
        else if (attempt < 96) Thread.yield();
        else LockSupport.parkNanos(Math.min(1_000_000L, 1_000L << Math.min(attempt - 96, 10)));
    }

    @Override
    public boolean tryAcquire(SharedRegion region, long offset, boolean exclusive) {
        int s = region.getIntVolatile(offset);
        if (exclusive) return s == 0 && region.compareAndSetInt(offset, 0, EXCLUSIVE);
        while ((s & EXCLUSIVE) == 0) {
            if (region.compareAndSetInt(offset, s, s + 1)) return true;
            s = region.getIntVolatile(offset);
        }
        return false;
    }

    @Override
    public void release(SharedRegion region, long offset, boolean exclusive) {
        if (exclusive) {
            if (!region.compareAndSetInt(offset, EXCLUSIVE, 0)) {
                throw new IllegalStateException("lock not held exclusively: " + Integer.toHexString(region.getIntVolatile(offset)));
            }
        } else {
            int before = region.getAndAddInt(offset, -1);
            if ((before & EXCLUSIVE) != 0 || before == 0) throw new IllegalStateException("lock not held shared");
        }
    }

    @Override
    public boolean isHeldExclusive(SharedRegion region, long offset) {
        return (region.getIntVolatile(offset) & EXCLUSIVE) != 0;
    }

    @Override
    public int sharedHolders(SharedRegion region, long offset) {
        int s = region.getIntVolatile(offset);
        return (s & EXCLUSIVE) != 0 ? 0 : s;
    }
}
