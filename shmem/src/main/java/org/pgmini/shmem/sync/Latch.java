package org.pgmini.shmem.sync;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.shmem.libc.Futex;
import org.pgmini.shmem.region.MappedRegion;

import java.util.function.BooleanSupplier;

/**
 * A latch in shared memory: one process waits until another sets it, as PostgreSQL's latches.
 *
 * <p>Layout (16 bytes, 4-aligned): int {@code isSet} at +0 (0/1, the futex word), int
 * {@code waiters} at +4 (how many are in or about to enter futex wait), int {@code ownerPid} at
 * +8 (informational), 4 bytes padding.
 *
 * <p>Protocol (no lost wake-ups): the waiter publishes {@code waiters+1}, re-checks {@code isSet}
 * and sleeps only while it is still 0; the setter stores {@code isSet=1} and then reads
 * {@code waiters}, waking sleepers only if there are any — the futex syscall is skipped when nobody
 * sleeps. Both pairs are sequentially consistent accesses, so one side always sees the other.
 *
 * <p>Usage as in PostgreSQL: {@code for (;;) { if (condition) break; latch.await(...); latch.reset(); }}
 * — the condition's data must be published (with at least a release store) before set() is called,
 * and reset() is a sequentially consistent store, so the re-check after reset sees it.
 *
 * <p>Waiting spins briefly first (a round trip through the futex costs several microseconds), then
 * sleeps in slices of {@link #POLL_NANOS} so it can notice the postmaster's or a counterparty's
 * death without anyone setting the latch.
 */
public final class Latch {
    public static final int SIZE = 16;
    /** Result bits, with PostgreSQL's WL_* values. */
    public static final int WL_LATCH_SET = 1;
    public static final int WL_TIMEOUT = 1 << 3;
    public static final int WL_POSTMASTER_DEATH = 1 << 4;
    /** Our addition: the {@code stillAlive} check given to {@link #await} failed. */
    public static final int WL_PEER_DEATH = 1 << 8;

    static final long POLL_NANOS = 50_000_000L;
    /** How long a waiter spins before it sleeps; system property pgmini.shmem.spinNanos. */
    public static final long SPIN_NANOS = Long.getLong("pgmini.shmem.spinNanos", 10_000L);

    private final MappedRegion region;
    private final long offset;
    private final long address;

    public Latch(MappedRegion region, long offset) {
        if ((offset & 3) != 0) {
            throw new IllegalArgumentException("latch must be 4-byte aligned");
        }
        this.region = region;
        this.offset = offset;
        this.address = region.addressOf(offset);
    }

    public static Latch init(MappedRegion region, long offset, int ownerPid) {
        region.putInt(offset, 0);
        region.putInt(offset + 4, 0);
        region.putIntVolatile(offset + 8, ownerPid);
        return new Latch(region, offset);
    }

    public long offset() { return offset; }
    public int ownerPid() { return region.getIntVolatile(offset + 8); }
    public void setOwnerPid(int pid) { region.putIntVolatile(offset + 8, pid); }
    public boolean isSet() { return region.getIntVolatile(offset) != 0; }

    /** Sets the latch and wakes its waiter if one sleeps. Cheap when already set. */
    public void set() {
        if (region.getIntVolatile(offset) != 0) {
            return;
        }
        region.putIntVolatile(offset, 1);
        if (region.getIntVolatile(offset + 4) > 0) {
            Futex.wake(address, Integer.MAX_VALUE);
        }
    }

    public void reset() {
        region.putIntVolatile(offset, 0);
    }

    /**
     * Waits until the latch is set, {@code timeoutNanos} passes (negative: no limit), the watched
     * postmaster dies, or {@code stillAlive} (may be null) returns false. Returns a WL_* bit.
     * A thread interrupt ends the wait with a query-cancel error (57014).
     */
    public int await(long timeoutNanos, BooleanSupplier stillAlive) {
        if (isSet()) {
            return WL_LATCH_SET;
        }
        if (timeoutNanos == 0) {
            return WL_TIMEOUT;
        }
        long start = System.nanoTime();
        // Spin phase: check the time only every 32 pauses, nanoTime is not free.
        for (int i = 1; ; i++) {
            Thread.onSpinWait();
            if (region.getIntVolatile(offset) != 0) {
                return WL_LATCH_SET;
            }
            if ((i & 31) == 0 && System.nanoTime() - start > SPIN_NANOS) {
                break;
            }
        }
        for (;;) {
            long now = System.nanoTime();
            long slice = POLL_NANOS;
            if (timeoutNanos >= 0) {
                long left = timeoutNanos - (now - start);
                if (left <= 0) {
                    return WL_TIMEOUT;
                }
                slice = Math.min(slice, left);
            }
            region.getAndAddInt(offset + 4, 1);
            try {
                if (region.getIntVolatile(offset) != 0) {
                    return WL_LATCH_SET;
                }
                Futex.await(address, 0, slice);
            } finally {
                region.getAndAddInt(offset + 4, -1);
            }
            if (region.getIntVolatile(offset) != 0) {
                return WL_LATCH_SET;
            }
            if (Thread.interrupted()) {
                throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
            if (PostmasterDeath.isDead()) {
                return WL_POSTMASTER_DEATH;
            }
            if (stillAlive != null && !stillAlive.getAsBoolean()) {
                return WL_PEER_DEATH;
            }
        }
    }
}
