package org.pgmini.shmem.sync;

import org.pgmini.shmem.libc.Futex;
import org.pgmini.shmem.region.MappedRegion;

/**
 * A shared/exclusive lock in shared memory for sections that may take a while (unlike
 * {@link SpinLock}); waiters sleep on a futex.
 *
 * <p>Layout (8 bytes, 4-aligned): int {@code state} at +0 — bit 30 set while held exclusively,
 * the low bits count shared holders; int {@code waiters} at +4 — processes/threads about to sleep
 * or sleeping on the state word.
 *
 * <p>No lost wake-up: a waiter increments {@code waiters}, re-reads {@code state} and sleeps only
 * while the state still equals what it read (the kernel compares atomically). A releaser changes
 * {@code state} first and reads {@code waiters} after; both sides use sequentially consistent
 * accesses, so at least one of them sees the other's write: either the waiter sees the new state
 * and does not sleep, or the releaser sees the waiter and wakes it.
 *
 * <p>Simple by design: no fairness (a stream of shared holders can starve an exclusive waiter),
 * no deadlock detection, no release on holder death (a dead holder means crash-and-restart).
 * Lock order rule for callers: never wait for an LWLock while holding a SpinLock.
 */
public final class LWLock {
    public static final int SIZE = 8;
    private static final int EXCLUSIVE = 1 << 30;
    private static final long SLEEP_NANOS = 1_000_000_000L;

    public enum Mode { SHARED, EXCLUSIVE }

    private final MappedRegion region;
    private final long offset;

    public LWLock(MappedRegion region, long offset) {
        if ((offset & 3) != 0) {
            throw new IllegalArgumentException("LWLock must be 4-byte aligned");
        }
        this.region = region;
        this.offset = offset;
    }

    public static LWLock init(MappedRegion region, long offset) {
        region.putIntVolatile(offset, 0);
        region.putIntVolatile(offset + 4, 0);
        return new LWLock(region, offset);
    }

    public boolean tryAcquire(Mode mode) {
        int s = region.getIntVolatile(offset);
        if (mode == Mode.EXCLUSIVE) {
            return s == 0 && region.compareAndSetInt(offset, 0, EXCLUSIVE);
        }
        while ((s & EXCLUSIVE) == 0) {
            int witness = region.compareAndExchangeInt(offset, s, s + 1);
            if (witness == s) {
                return true;
            }
            s = witness;
        }
        return false;
    }

    public void acquire(Mode mode) {
        for (int spins = 0; spins < 64; spins++) {
            if (tryAcquire(mode)) {
                return;
            }
            Thread.onSpinWait();
        }
        long stateAddr = region.addressOf(offset);
        while (!tryAcquire(mode)) {
            region.getAndAddInt(offset + 4, 1);
            try {
                int s = region.getIntVolatile(offset);
                boolean conflicts = mode == Mode.EXCLUSIVE ? s != 0 : (s & EXCLUSIVE) != 0;
                if (conflicts) {
                    Futex.await(stateAddr, s, SLEEP_NANOS);
                }
            } finally {
                region.getAndAddInt(offset + 4, -1);
            }
        }
    }

    /** Releases a hold in whichever mode this caller has it. */
    public void release() {
        int s = region.getIntVolatile(offset);
        if ((s & EXCLUSIVE) != 0) {
            region.getAndAddInt(offset, -EXCLUSIVE);
        } else if (s > 0) {
            region.getAndAddInt(offset, -1);
        } else {
            throw new IllegalStateException("LWLock released but not held");
        }
        if (region.getIntVolatile(offset + 4) > 0) {
            Futex.wake(region.addressOf(offset), Integer.MAX_VALUE);
        }
    }

    public boolean isHeldExclusively() {
        return (region.getIntVolatile(offset) & EXCLUSIVE) != 0;
    }

    public int sharedHolders() {
        return region.getIntVolatile(offset) & (EXCLUSIVE - 1);
    }
}
