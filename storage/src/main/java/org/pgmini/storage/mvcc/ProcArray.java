package org.pgmini.storage.mvcc;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.storage.xact.CommitLog;
import org.pgmini.storage.xact.TransactionIdAllocator;
import org.pgmini.storage.xact.TransactionIds;
import org.pgmini.storage.xact.TransactionStatus;

import java.util.Arrays;

/**
 * The registry of running transactions (procarray.c): one slot per backend holding its top-level
 * xid, its running subtransaction xids and the xmin it advertises, plus latestCompletedXid. It
 * builds snapshots, answers TransactionIdIsInProgress and computes the oldest xmin that VACUUM
 * must respect.
 *
 * <p>Concurrency: every read and write of slot fields and latestCompletedXid happens under this
 * object's monitor (PostgreSQL's ProcArrayLock, taken exclusively for everything: simple, and
 * enough for now). Invariants:
 * <ul>
 * <li>An xid is published in its slot in the same critical section that allocates it, so a
 *     snapshot that sees a later xid completed also sees every earlier running xid.</li>
 * <li>A transaction's final status is written to the commit log before its xid leaves the array,
 *     so "not running and not committed" always means aborted or crashed.</li>
 * <li>latestCompletedXid only moves forward; snapshot xmax = latestCompletedXid + 1.</li>
 * </ul>
 * Waiting for a transaction to end uses this monitor too; the lock manager will replace it with
 * waits on transaction locks (with deadlock detection and lock_timeout).
 *
 * <p>Shared memory: slots are fixed-size (xid, xmin, subxid count, subxid array) and the
 * structure is meant to move into main shared memory as arrays of ints; nothing here requires
 * Java objects except the monitor, which becomes an LWLock word. Parallel workers do not need it
 * (they use the leader's snapshot and the commit log).
 */
public final class ProcArray {
    private final Proc[] slots;
    private final TransactionIdAllocator allocator;
    private final CommitLog clog;
    private int latestCompletedXid;

    /** One backend's entry. Fields are guarded by the ProcArray monitor. */
    public final class Proc {
        private final int index;
        private boolean inUse;
        private int xid = TransactionIds.INVALID;
        private int xmin = TransactionIds.INVALID;
        private int[] subxids = new int[0];
        private int nsubxids;
        private int pid;
        private int waitingForXid = TransactionIds.INVALID;

        private Proc(int index) { this.index = index; }

        public int index() { return index; }

        /** The backend's process id as shown to users (pg_backend_pid). */
        public int pid() { return pid; }

        public int xid() { synchronized (ProcArray.this) { return xid; } }

        public int xmin() { synchronized (ProcArray.this) { return xmin; } }

        /** The running subtransaction xids of this backend, oldest first. */
        public int[] subxids() { synchronized (ProcArray.this) { return Arrays.copyOf(subxids, nsubxids); } }
    }

    public ProcArray(int maxBackends, TransactionIdAllocator allocator, CommitLog clog) {
        this.slots = new Proc[maxBackends];
        for (int i = 0; i < maxBackends; i++) slots[i] = new Proc(i);
        this.allocator = allocator;
        this.clog = clog;
        int next = allocator.peekNext();
        this.latestCompletedXid = TransactionIds.isNormal(next - 1) ? next - 1 : TransactionIds.FROZEN;
    }

    /** Takes a free slot for a new backend (its pid shown as slot number + 1). */
    public synchronized Proc attach() { return attach(-1); }

    /** Takes a free slot for a new backend with the given pid (for messages). */
    public synchronized Proc attach(int pid) {
        for (Proc p : slots) {
            if (!p.inUse) {
                p.inUse = true;
                p.pid = pid >= 0 ? pid : p.index + 1;
                p.waitingForXid = TransactionIds.INVALID;
                p.xid = TransactionIds.INVALID;
                p.xmin = TransactionIds.INVALID;
                p.nsubxids = 0;
                return p;
            }
        }
        throw new PgException(SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already");
    }

    public synchronized void detach(Proc p) {
        if (TransactionIds.isValid(p.xid)) throw new IllegalStateException("backend exits with a running transaction");
        p.inUse = false;
        p.xmin = TransactionIds.INVALID;
    }

    /** Assigns the top-level xid of the backend's current transaction. */
    public synchronized int assignTransactionId(Proc p) {
        if (TransactionIds.isValid(p.xid)) throw new IllegalStateException("transaction already has an xid");
        int xid = allocator.allocate();
        p.xid = xid;
        return xid;
    }

    /** Assigns an xid to a subtransaction (its parent must already have one). */
    public synchronized int assignSubTransactionId(Proc p) {
        if (!TransactionIds.isValid(p.xid)) throw new IllegalStateException("subtransaction xid before top-level xid");
        int xid = allocator.allocate();
        if (p.nsubxids == p.subxids.length) p.subxids = Arrays.copyOf(p.subxids, Math.max(8, p.nsubxids * 2));
        p.subxids[p.nsubxids++] = xid;
        return xid;
    }

    /** A subtransaction (and its own children) rolled back: mark aborted and forget them. */
    public synchronized void abortSubTransactions(Proc p, int[] xids) {
        if (xids.length == 0) return;
        clog.setTreeStatus(xids[0], Arrays.copyOfRange(xids, 1, xids.length), TransactionStatus.ABORTED);
        int k = 0;
        for (int i = 0; i < p.nsubxids; i++) {
            int x = p.subxids[i];
            boolean removed = false;
            for (int a : xids) if (a == x) { removed = true; break; }
            if (!removed) p.subxids[k++] = x;
        }
        p.nsubxids = k;
        for (int a : xids) advanceLatestCompleted(a);
        notifyAll();
    }

    /**
     * Ends the backend's transaction: writes the commit log (top-level xid and the given
     * committed subtransactions, which must be the slot's current subxids) and removes it.
     */
    public synchronized void endTransaction(Proc p, boolean committed) {
        int xid = p.xid;
        if (TransactionIds.isValid(xid)) {
            int[] subs = Arrays.copyOf(p.subxids, p.nsubxids);
            clog.setTreeStatus(xid, subs, committed ? TransactionStatus.COMMITTED : TransactionStatus.ABORTED);
            advanceLatestCompleted(xid);
            for (int s : subs) advanceLatestCompleted(s);
        }
        p.xid = TransactionIds.INVALID;
        p.nsubxids = 0;
        p.xmin = TransactionIds.INVALID;
        notifyAll();
    }

    private void advanceLatestCompleted(int xid) {
        if (TransactionIds.follows(xid, latestCompletedXid)) latestCompletedXid = xid;
    }

    /**
     * Builds a snapshot (GetSnapshotData). If the backend advertises no xmin yet, the snapshot's
     * xmin becomes its advertised xmin, which holds back VACUUM until {@link #resetXmin}.
     * READ COMMITTED takes one per statement, REPEATABLE READ one per transaction: the caller decides.
     */
    public synchronized Snapshot takeSnapshot(Proc p, int curcid) {
        int xmax = TransactionIds.advance(latestCompletedXid);
        int xmin = xmax;
        int n = 0;
        int[] xip = new int[16];
        for (Proc q : slots) {
            if (!q.inUse) continue;
            if (TransactionIds.isValid(q.xid) && q != p) {
                if (n + 1 + q.nsubxids > xip.length) xip = Arrays.copyOf(xip, (n + 1 + q.nsubxids) * 2);
                xip[n++] = q.xid;
                xmin = TransactionIds.older(xmin, q.xid);
                for (int i = 0; i < q.nsubxids; i++) xip[n++] = q.subxids[i];
            }
        }
        if (TransactionIds.isValid(p.xid)) xmin = TransactionIds.older(xmin, p.xid);
        if (!TransactionIds.isValid(p.xmin)) p.xmin = xmin;
        return new Snapshot(xmin, xmax, Arrays.copyOf(xip, n), curcid);
    }

    /** The backend holds no snapshot any more (end of statement in READ COMMITTED, end of transaction). */
    public synchronized void resetXmin(Proc p) { p.xmin = TransactionIds.INVALID; }

    /**
     * The oldest xid that any running transaction or live snapshot may still consider running
     * (GetOldestNonRemovableTransactionId): a tuple deleted by a transaction that committed
     * before this is invisible to everyone.
     */
    public synchronized int oldestXmin() {
        int result = TransactionIds.advance(latestCompletedXid);
        for (Proc q : slots) {
            if (!q.inUse) continue;
            result = TransactionIds.older(result, q.xid);
            result = TransactionIds.older(result, q.xmin);
        }
        return result;
    }

    /** TransactionIdIsInProgress: is the xid (top-level or sub) of some running transaction? */
    public synchronized boolean isInProgress(int xid) {
        if (!TransactionIds.isNormal(xid)) return false;
        for (Proc q : slots) {
            if (!q.inUse) continue;
            if (q.xid == xid) return true;
            for (int i = 0; i < q.nsubxids; i++) if (q.subxids[i] == xid) return true;
        }
        return false;
    }

    /**
     * Waits until the transaction has ended (XactLockTableWait without the lock manager). Without
     * a waiting backend ({@code me == null}) there is no deadlock check. Interrupting the thread
     * raises 57014.
     */
    public synchronized void waitForTransactionEnd(int xid) {
        waitForTransactionEnd(null, xid, 0, 0);
    }

    /**
     * Waits until the transaction {@code xid} has ended, as backend {@code me}. After
     * {@code deadlockTimeoutMillis} (deadlock_timeout) of waiting, checks once whether the chain
     * "me waits for a transaction whose backend waits for ..." comes back to {@code me}; if so
     * raises 40P01 "deadlock detected" (the backend that checks first is the victim, as in
     * PostgreSQL). With {@code lockTimeoutMillis > 0} (lock_timeout) raises 55P03 "canceling
     * statement due to lock timeout" when waiting longer. Only waits registered here take part:
     * the lock manager will bring one graph for table and row locks.
     */
    public synchronized void waitForTransactionEnd(Proc me, int xid, long deadlockTimeoutMillis, long lockTimeoutMillis) {
        if (me != null) me.waitingForXid = xid;
        try {
            long start = System.nanoTime();
            boolean checked = me == null;
            while (isInProgress(xid)) {
                long waited = (System.nanoTime() - start) / 1_000_000;
                if (lockTimeoutMillis > 0 && waited >= lockTimeoutMillis) {
                    throw new PgException(SqlState.LOCK_NOT_AVAILABLE, "canceling statement due to lock timeout");
                }
                if (!checked && waited >= deadlockTimeoutMillis) {
                    checked = true;
                    String cycle = deadlockCycle(me);
                    if (cycle != null) {
                        throw new PgException(SqlState.DEADLOCK_DETECTED, "deadlock detected", cycle,
                                "See server log for query details.", 0, null, null);
                    }
                }
                long next = Long.MAX_VALUE;
                if (!checked) next = Math.min(next, deadlockTimeoutMillis - waited);
                if (lockTimeoutMillis > 0) next = Math.min(next, lockTimeoutMillis - waited);
                try {
                    if (next == Long.MAX_VALUE) wait(); else wait(Math.max(1, next));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request", e);
                }
            }
        } finally {
            if (me != null) me.waitingForXid = TransactionIds.INVALID;
        }
    }

    /** The xid the backend is waiting for, or 0 (for monitoring, like pg_locks' ungranted rows). */
    public synchronized int waitingFor(Proc p) { return p.waitingForXid; }

    /** The backend whose running transaction (top-level or sub) is {@code xid}, or null. */
    public synchronized Proc ownerOf(int xid) { return owner(xid); }

    /** The backend whose transaction (top-level or sub) is {@code xid}, or null. Caller holds the monitor. */
    private Proc owner(int xid) {
        for (Proc q : slots) {
            if (!q.inUse) continue;
            if (q.xid == xid) return q;
            for (int i = 0; i < q.nsubxids; i++) if (q.subxids[i] == xid) return q;
        }
        return null;
    }

    /**
     * Follows "waits for" edges from {@code me}; returns PostgreSQL-style DETAIL lines if they
     * lead back to {@code me}, else null. Caller holds the monitor.
     */
    private String deadlockCycle(Proc me) {
        StringBuilder detail = new StringBuilder();
        java.util.Set<Proc> seen = new java.util.HashSet<>();
        Proc cur = me;
        while (cur != null && seen.add(cur)) {
            int x = cur.waitingForXid;
            if (!TransactionIds.isValid(x)) return null;
            Proc holder = owner(x);
            if (holder == null) return null;
            if (detail.length() > 0) detail.append('\n');
            detail.append("Process ").append(cur.pid).append(" waits for ShareLock on transaction ")
                    .append(TransactionIds.toString(x)).append("; blocked by process ").append(holder.pid).append('.');
            if (holder == me) return detail.toString();
            cur = holder;
        }
        return null;
    }

    public synchronized int latestCompletedXid() { return latestCompletedXid; }
}
