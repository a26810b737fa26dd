package org.pgmini.wal.buffer;

/**
 * WAL insertion locks (PostgreSQL's WALInsertLocks): every inserter holds one of a few slots
 * while it reserves space and copies its record into the WAL pages. Before a range of WAL may
 * be written out, {@link #waitForInsertions} makes sure nobody is still copying into it.
 *
 * Protocol (all fields of a slot are guarded by the slot's monitor):
 * <ul>
 * <li>An inserter acquires a slot BEFORE it reserves space, so any reservation below a position
 *     read from the insert position was made by a thread that holds a slot at that moment.</li>
 * <li>{@code insertingAt == 0} means "copying now". An inserter that must wait for a page to be
 *     initialized (which may need WAL to be written or flushed) first publishes, in
 *     {@code insertingAt}, a position below which it has nothing left to copy, and resets it to 0
 *     when it copies again. Waiters never wait for a published slot — they take its position as
 *     a bound instead — so the thread that writes WAL can never deadlock with an inserter that
 *     is waiting for that write.</li>
 * </ul>
 */
public final class InsertionLocks {
    public static final int COUNT = 8;

    private static final class Slot {
        boolean held;
        long insertingAt;
    }

    private final Slot[] slots = new Slot[COUNT];
    private static final ThreadLocal<Integer> PREFERRED = ThreadLocal.withInitial(
            () -> (int) (Thread.currentThread().getId() % COUNT));

    public InsertionLocks() {
        for (int i = 0; i < COUNT; i++) slots[i] = new Slot();
    }

    /** Takes this thread's slot, waiting if another thread holds it; returns its index. */
    public int acquire() {
        int idx = PREFERRED.get();
        Slot s = slots[idx];
        synchronized (s) {
            boolean interrupted = false;
            while (s.held) {
                try { s.wait(); } catch (InterruptedException e) { interrupted = true; }
            }
            s.held = true;
            s.insertingAt = 0;
            if (interrupted) Thread.currentThread().interrupt();
        }
        return idx;
    }

    /** The holder will wait for a page; it has copied everything of its own below {@code position}. */
    public void publish(int idx, long position) {
        Slot s = slots[idx];
        synchronized (s) {
            s.insertingAt = position;
            s.notifyAll();
        }
    }

    /** The holder copies again (after {@link #publish}). */
    public void resume(int idx) {
        Slot s = slots[idx];
        synchronized (s) { s.insertingAt = 0; }
    }

    public void release(int idx) {
        Slot s = slots[idx];
        synchronized (s) {
            s.held = false;
            s.insertingAt = 0;
            s.notifyAll();
        }
    }

    /**
     * Takes every slot (in index order, so two callers cannot deadlock): no insertion is in
     * flight until {@link #releaseAll}. A checkpoint reads its redo pointer this way, so every
     * record before it is completely inserted (and its page already marked dirty by storage).
     */
    public void acquireAll() {
        boolean interrupted = false;
        for (Slot s : slots) {
            synchronized (s) {
                while (s.held) {
                    try { s.wait(); } catch (InterruptedException e) { interrupted = true; }
                }
                s.held = true;
                // Held, but nothing to copy: waiters must not wait for us (we may be waiting for them).
                s.insertingAt = Long.MAX_VALUE;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    public void releaseAll() {
        for (int i = 0; i < COUNT; i++) release(i);
    }

    /**
     * Waits until every insertion that reserved space below {@code upto} has either finished or
     * published a position, and returns the LSN below which all reserved bytes are copied: upto,
     * or less when an inserter waits for a page. The caller must have read {@code upto} from the
     * insert position (or below it) before calling.
     */
    public long waitForInsertions(long upto) {
        long finished = upto;
        boolean interrupted = false;
        for (Slot s : slots) {
            synchronized (s) {
                while (s.held && s.insertingAt == 0) {
                    try { s.wait(); } catch (InterruptedException e) { interrupted = true; }
                }
                if (s.held && s.insertingAt < finished) finished = s.insertingAt;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        return finished;
    }
}
