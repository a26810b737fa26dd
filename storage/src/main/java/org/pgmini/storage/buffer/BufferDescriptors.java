package org.pgmini.storage.buffer;

import org.pgmini.storage.shared.LWLock;
import org.pgmini.storage.shared.SharedRegion;
import org.pgmini.storage.shared.SpinParkLWLock;
import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.smgr.RelFileLocator;

import static org.pgmini.storage.buffer.BufferState.*;

/**
 * The buffer descriptor array in a shared region: 64 bytes per buffer (one cache line).
 *
 * <pre>
 *  0  long  state          see {@link BufferState}
 *  8  int   tag dbOid      } the block held; changed only under the header lock AND the
 * 12  int   tag relNumber  } exclusive mapping-partition locks of the old and new tag, so it
 * 16  int   tag fork       } is stable for anyone holding a pin, the header lock, or the
 * 20  int   tag block      } partition lock of the bucket it is listed in
 * 24  int   content lock   an {@link LWLock} word
 * 28  int   mapping next   next buffer in the same hash bucket chain, -1 at the end
 *                          (protected by that bucket's partition lock)
 * </pre>
 */
final class BufferDescriptors {
    static final int DESC_SIZE = 64;
    private static final int OFF_STATE = 0, OFF_TAG = 8, OFF_CONTENT_LOCK = 24, OFF_NEXT = 28;

    private final SharedRegion region;
    private final long base;
    private final int nbuffers;
    private final LWLock contentLock;

    BufferDescriptors(SharedRegion region, long base, int nbuffers, LWLock contentLock) {
        this.region = region;
        this.base = base;
        this.nbuffers = nbuffers;
        this.contentLock = contentLock;
    }

    void initialize() {
        for (int b = 0; b < nbuffers; b++) {
            region.putLongVolatile(off(b) + OFF_STATE, 0L);
            for (int i = 0; i < 4; i++) region.putInt(off(b) + OFF_TAG + 4L * i, 0);
            contentLock.init(region, off(b) + OFF_CONTENT_LOCK);
            region.putInt(off(b) + OFF_NEXT, -1);
        }
    }

    int nbuffers() { return nbuffers; }

    private long off(int buf) { return base + (long) buf * DESC_SIZE; }

    long state(int buf) { return region.getLongVolatile(off(buf) + OFF_STATE); }

    boolean casState(int buf, long expected, long value) {
        return region.compareAndSetLong(off(buf) + OFF_STATE, expected, value);
    }

    /** Takes the header spinlock; returns the state (with LOCKED set). */
    long lockHeader(int buf) {
        int attempt = 0;
        while (true) {
            long s = state(buf);
            if ((s & LOCKED) == 0 && casState(buf, s, s | LOCKED)) return s | LOCKED;
            SpinParkLWLock.backoff(attempt++);
        }
    }

    /** Releases the header spinlock, publishing {@code newState} (LOCKED is cleared). */
    void unlockHeader(int buf, long newState) {
        region.putLongVolatile(off(buf) + OFF_STATE, newState & ~LOCKED);
    }

    /** Waits until the header lock is free and returns the state seen. */
    long waitHeaderUnlocked(int buf) {
        int attempt = 0;
        long s;
        while (((s = state(buf)) & LOCKED) != 0) SpinParkLWLock.backoff(attempt++);
        return s;
    }

    /** Adds a pin; with {@code ringStrategy} the usage count rises only from 0 to 1. Returns the new state. */
    long pin(int buf, boolean ringStrategy) {
        while (true) {
            long s = waitHeaderUnlocked(buf);
            long n = s + REFCOUNT_ONE;
            int usage = usageCount(s);
            if (ringStrategy ? usage == 0 : usage < MAX_USAGE_COUNT) n += USAGE_ONE;
            if (casState(buf, s, n)) return n;
        }
    }

    /** Adds a pin while holding the header lock, and releases it (PinBuffer_Locked). */
    void pinLockedAndUnlock(int buf, long lockedState) {
        unlockHeader(buf, lockedState + REFCOUNT_ONE);
    }

    void unpin(int buf) {
        while (true) {
            long s = waitHeaderUnlocked(buf);
            if (refcount(s) == 0) throw new IllegalStateException("unpin of unpinned buffer " + buf);
            if (casState(buf, s, s - REFCOUNT_ONE)) return;
        }
    }

    /** Sets flag bits by CAS (e.g. DIRTY | JUST_DIRTIED). */
    void setFlags(int buf, long bits) {
        while (true) {
            long s = waitHeaderUnlocked(buf);
            if ((s & bits) == bits) return;
            if (casState(buf, s, s | bits)) return;
        }
    }

    private static final ForkNumber[] FORKS = ForkNumber.values();

    BufferTag tag(int buf) {
        long o = off(buf) + OFF_TAG;
        return new BufferTag(new RelFileLocator(region.getInt(o), region.getInt(o + 4)),
                FORKS[region.getInt(o + 8)], region.getInt(o + 12));
    }

    /** The tag's block number alone (same stability rules as the tag). */
    int blockNumber(int buf) { return region.getInt(off(buf) + OFF_TAG + 12); }

    boolean tagEquals(int buf, BufferTag t) {
        long o = off(buf) + OFF_TAG;
        return region.getInt(o + 12) == t.block() && region.getInt(o + 4) == t.rel().relNumber()
                && region.getInt(o) == t.rel().dbOid() && region.getInt(o + 8) == t.fork().ordinal();
    }

    void setTag(int buf, BufferTag t) {
        long o = off(buf) + OFF_TAG;
        region.putInt(o, t.rel().dbOid());
        region.putInt(o + 4, t.rel().relNumber());
        region.putInt(o + 8, t.fork().ordinal());
        region.putInt(o + 12, t.block());
    }

    int next(int buf) { return region.getInt(off(buf) + OFF_NEXT); }
    void setNext(int buf, int next) { region.putInt(off(buf) + OFF_NEXT, next); }

    long contentLockOffset(int buf) { return off(buf) + OFF_CONTENT_LOCK; }
}
