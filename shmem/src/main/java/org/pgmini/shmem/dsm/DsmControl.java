package org.pgmini.shmem.dsm;

import org.pgmini.error.PgException;
import org.pgmini.shmem.region.MappedRegion;
import org.pgmini.shmem.sync.SpinLock;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The control segment: which DSM segments exist and who references them. It is itself a DSM
 * segment, created by the postmaster; every process that uses DSM maps it.
 *
 * <p>Layout (all ints 4-aligned, longs 8-aligned):
 * <pre>
 *  header (64 bytes): +0 magic, +4 spinlock, +8 maxItems, +12 maxAttachments, +16 impl ordinal,
 *                     +20 postmaster pid
 *  items[maxItems], 32 bytes each: +0 handle, +4 state (FREE/LIVE/DESTROYING), +8 refcnt,
 *                     +12 pinned (0/1), +16 size (long), +24 creator pid
 *  attachments[maxAttachments], 16 bytes each: +0 item index + 1 (0 = free entry), +4 pid,
 *                     +8 count (mappings of that item held by that pid)
 * </pre>
 *
 * <p>Invariants, all guarded by the spinlock (every field above is read and written only while
 * holding it, except magic and the sizes, which never change after creation):
 * <ul>
 * <li>refcnt of a LIVE item = sum of its attachment counts + pinned. It never reaches 0 while
 *     LIVE: the operation that brings it to 0 turns the item DESTROYING, and that caller — only
 *     that one — destroys the segment (outside the lock) and then frees the item.</li>
 * <li>Attach succeeds only on LIVE items, so no one maps a segment being destroyed.</li>
 * <li>Per-pid attachment counts let the postmaster drop the references of a process that died
 *     without detaching (kill -9), see {@link #releaseReferencesOf}.</li>
 * </ul>
 * Nothing inside the lock can block or fail half-way (no syscalls, no allocation of shared state
 * that could be left inconsistent); checks that can fail happen before the first store.
 */
final class DsmControl {
    static final int MAGIC = 0x70674453; // "pgDS"
    static final int HEADER = 64;
    static final int ITEM_SIZE = 32;
    static final int ATTACH_SIZE = 16;
    static final int FREE = 0, LIVE = 1, DESTROYING = 2;
    /** As PostgreSQL: a fixed number of slots plus some per backend. */
    static final int FIXED_SLOTS = 64;
    static final int SLOTS_PER_BACKEND = 5;
    static final int ATTACHMENTS_PER_SLOT = 4;
    // Field offsets inside an item and an attachment entry (see the layout above).
    private static final int ITEM_STATE = 4, ITEM_REFCNT = 8, ITEM_PINNED = 12, ITEM_SIZE_BYTES = 16, ITEM_CREATOR = 24;
    private static final int ATT_PID = 4, ATT_COUNT = 8;

    private final MappedRegion r;
    private final SpinLock lock;
    private final int maxItems;
    private final int maxAttachments;

    private DsmControl(MappedRegion r) {
        this.r = r;
        this.lock = new SpinLock(r, 4);
        this.maxItems = r.getInt(8);
        this.maxAttachments = r.getInt(12);
    }

    static int maxItemsFor(int maxBackends) {
        return FIXED_SLOTS + SLOTS_PER_BACKEND * maxBackends;
    }

    static long sizeFor(int maxItems) {
        return HEADER + (long) maxItems * ITEM_SIZE + (long) maxItems * ATTACHMENTS_PER_SLOT * ATTACH_SIZE;
    }

    /** Formats a fresh control segment (the region is zero-filled by the kernel). */
    static DsmControl format(MappedRegion r, int maxItems, DsmImplKind kind, int postmasterPid) {
        r.putInt(8, maxItems);
        r.putInt(12, maxItems * ATTACHMENTS_PER_SLOT);
        r.putInt(16, kind.ordinal());
        r.putInt(20, postmasterPid);
        r.putIntVolatile(4, 0);
        r.putIntVolatile(0, MAGIC); // last: a reader that sees the magic sees the rest
        return new DsmControl(r);
    }

    static DsmControl open(MappedRegion r, String name) {
        if (r.size() < HEADER || r.getIntVolatile(0) != MAGIC) {
            throw new PgException("XX000", "dynamic shared memory control segment \"" + name + "\" is not valid");
        }
        DsmControl c = new DsmControl(r);
        if (sizeFor(c.maxItems) > r.size()) {
            throw new PgException("XX000", "dynamic shared memory control segment \"" + name + "\" is not valid");
        }
        return c;
    }

    DsmImplKind implKind() { return DsmImplKind.values()[r.getInt(16)]; }
    int postmasterPid() { return r.getInt(20); }
    int maxItems() { return maxItems; }

    private long item(int i) { return HEADER + (long) i * ITEM_SIZE; }
    private long attachment(int j) { return HEADER + (long) maxItems * ITEM_SIZE + (long) j * ATTACH_SIZE; }

    private static PgException tooMany() {
        return new PgException("53000", "too many dynamic shared memory segments");
    }

    /** Registers a segment just created by {@code pid}, with one reference (the creator's mapping). */
    int register(int handle, long size, int pid) {
        lock.lock();
        try {
            int free = -1;
            for (int i = 0; i < maxItems; i++) {
                if (r.getInt(item(i) + ITEM_STATE) == FREE) {
                    free = i;
                    break;
                }
            }
            if (free < 0) {
                throw tooMany();
            }
            int att = findAttachment(free, pid, true);
            if (att < 0) {
                throw tooMany();
            }
            long it = item(free);
            r.putInt(it, handle);
            r.putInt(it + ITEM_STATE, LIVE);
            r.putInt(it + ITEM_REFCNT, 1);
            r.putInt(it + ITEM_PINNED, 0);
            r.putLong(it + ITEM_SIZE_BYTES, size);
            r.putInt(it + ITEM_CREATOR, pid);
            bumpAttachment(att, free, pid, 1);
            return free;
        } finally {
            lock.unlock();
        }
    }

    /** Adds a reference for a new mapping by {@code pid}; returns the item index or -1 if no such live segment. */
    int addReference(int handle, int pid) {
        lock.lock();
        try {
            int i = findLive(handle);
            if (i < 0) {
                return -1;
            }
            int att = findAttachment(i, pid, true);
            if (att < 0) {
                throw tooMany();
            }
            r.putInt(item(i) + ITEM_REFCNT, r.getInt(item(i) + ITEM_REFCNT) + 1);
            bumpAttachment(att, i, pid, 1);
            return i;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Drops one mapping's reference. Returns true if it was the last reference: the item is now
     * DESTROYING and the caller must destroy the segment and then call {@link #free}.
     */
    boolean dropReference(int index, int handle, int pid) {
        lock.lock();
        try {
            long it = item(index);
            if (r.getInt(it) != handle || r.getInt(it + ITEM_STATE) != LIVE) {
                return false; // already released by the postmaster (e.g. after we were presumed dead)
            }
            int att = findAttachment(index, pid, false);
            if (att < 0) {
                return false; // our references were already dropped by releaseReferencesOf
            }
            bumpAttachment(att, index, pid, -1);
            return decrement(it, 1);
        } finally {
            lock.unlock();
        }
    }

    /** dsm_pin_segment: one extra reference that keeps the segment without any mapping. */
    void pin(int handle) {
        lock.lock();
        try {
            int i = requireLive(handle);
            long it = item(i);
            if (r.getInt(it + ITEM_PINNED) != 0) {
                throw new PgException("XX000", "cannot pin a segment that is already pinned");
            }
            r.putInt(it + ITEM_PINNED, 1);
            r.putInt(it + ITEM_REFCNT, r.getInt(it + ITEM_REFCNT) + 1);
        } finally {
            lock.unlock();
        }
    }

    /** Returns the item index to destroy and free if this removed the last reference, else -1. */
    int unpin(int handle) {
        lock.lock();
        try {
            int i = requireLive(handle);
            long it = item(i);
            if (r.getInt(it + ITEM_PINNED) == 0) {
                throw new PgException("XX000", "cannot unpin a segment that is not pinned");
            }
            r.putInt(it + ITEM_PINNED, 0);
            return decrement(it, 1) ? i : -1;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Drops every reference {@code pid} holds (the process died without detaching). Returns the
     * items whose last reference this was: they are DESTROYING, the caller destroys and frees them.
     */
    List<int[]> releaseReferencesOf(int pid) {
        List<int[]> toDestroy = new ArrayList<>();
        lock.lock();
        try {
            for (int j = 0; j < maxAttachments; j++) {
                long a = attachment(j);
                int slot = r.getInt(a) - 1;
                if (slot >= 0 && r.getInt(a + ATT_PID) == pid) {
                    int count = r.getInt(a + ATT_COUNT);
                    clearAttachment(a);
                    long it = item(slot);
                    if (r.getInt(it + ITEM_STATE) == LIVE && decrement(it, count)) {
                        toDestroy.add(new int[] {slot, r.getInt(it)});
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        return toDestroy;
    }

    /** Pids that hold references, for the dead-process sweep. */
    Set<Integer> attachedPids() {
        Set<Integer> pids = new LinkedHashSet<>();
        lock.lock();
        try {
            for (int j = 0; j < maxAttachments; j++) {
                long a = attachment(j);
                if (r.getInt(a) != 0) {
                    pids.add(r.getInt(a + ATT_PID));
                }
            }
        } finally {
            lock.unlock();
        }
        return pids;
    }

    void updateSize(int index, int handle, long size) {
        lock.lock();
        try {
            if (r.getInt(item(index)) == handle) {
                r.putLong(item(index) + ITEM_SIZE_BYTES, size);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Frees an item after its segment was destroyed. */
    void free(int index) {
        lock.lock();
        try {
            long it = item(index);
            r.putInt(it + ITEM_STATE, FREE);
            r.putInt(it, 0);
            r.putInt(it + ITEM_REFCNT, 0);
            r.putInt(it + ITEM_PINNED, 0);
            r.putLong(it + ITEM_SIZE_BYTES, 0);
            r.putInt(it + ITEM_CREATOR, 0);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Handles of all items not FREE (the postmaster destroys them at shutdown / after a crash).
     * Read WITHOUT the spinlock, as PostgreSQL's cleanup reads its control segment: callers run
     * only when every other process that mapped this segment is gone, and one of those may have
     * been killed while holding the spinlock (taking it would then report a stuck spinlock and
     * leave every segment behind). A slot half-written by a killed process is still either FREE
     * or names the handle it was created for, since the handle is stored before the state.
     */
    List<Integer> allHandles() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < maxItems; i++) {
            if (r.getInt(item(i) + ITEM_STATE) != FREE) {
                out.add(r.getInt(item(i)));
            }
        }
        return out;
    }

    /** Rows for pg_dsm_segments. */
    List<DsmSegmentInfo> list() {
        List<DsmSegmentInfo> out = new ArrayList<>();
        String impl = implKind().gucName();
        lock.lock();
        try {
            for (int i = 0; i < maxItems; i++) {
                long it = item(i);
                if (r.getInt(it + ITEM_STATE) == LIVE) {
                    out.add(new DsmSegmentInfo(Integer.toUnsignedLong(r.getInt(it)), impl, r.getLong(it + ITEM_SIZE_BYTES),
                            r.getInt(it + ITEM_REFCNT), r.getInt(it + ITEM_PINNED) != 0, r.getInt(it + ITEM_CREATOR)));
                }
            }
        } finally {
            lock.unlock();
        }
        return out;
    }

    // ---- helpers; caller holds the lock ----

    private int findLive(int handle) {
        for (int i = 0; i < maxItems; i++) {
            long it = item(i);
            if (r.getInt(it + ITEM_STATE) == LIVE && r.getInt(it) == handle) {
                return i;
            }
        }
        return -1;
    }

    private int requireLive(int handle) {
        int i = findLive(handle);
        if (i < 0) {
            throw new PgException("XX000", "dynamic shared memory segment " + Integer.toUnsignedString(handle) + " not found");
        }
        return i;
    }

    /** Index of the (item, pid) attachment entry; with {@code orFree}, a free entry if none exists yet. */
    private int findAttachment(int index, int pid, boolean orFree) {
        int free = -1;
        for (int j = 0; j < maxAttachments; j++) {
            long a = attachment(j);
            int slot = r.getInt(a) - 1;
            if (slot == index && r.getInt(a + ATT_PID) == pid) {
                return j;
            }
            if (slot < 0 && free < 0) {
                free = j;
            }
        }
        return orFree ? free : -1;
    }

    private void bumpAttachment(int j, int index, int pid, int delta) {
        long a = attachment(j);
        int count = (r.getInt(a) == 0 ? 0 : r.getInt(a + ATT_COUNT)) + delta;
        if (count <= 0) {
            clearAttachment(a);
        } else {
            r.putInt(a, index + 1);
            r.putInt(a + ATT_PID, pid);
            r.putInt(a + ATT_COUNT, count);
        }
    }

    private void clearAttachment(long a) {
        r.putInt(a, 0);
        r.putInt(a + ATT_PID, 0);
        r.putInt(a + ATT_COUNT, 0);
    }

    /** refcnt -= n; at zero the item becomes DESTROYING and true is returned. */
    private boolean decrement(long it, int n) {
        int refcnt = r.getInt(it + ITEM_REFCNT) - n;
        if (refcnt <= 0) {
            r.putInt(it + ITEM_REFCNT, 0);
            r.putInt(it + ITEM_STATE, DESTROYING);
            return true;
        }
        r.putInt(it + ITEM_REFCNT, refcnt);
        return false;
    }
}
