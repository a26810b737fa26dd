package org.pgmini.storage.xact;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.storage.mvcc.ProcArray;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The heavyweight lock manager (lock.c + deadlock.c, simplified): table locks in the eight
 * {@link LockMode}s held until the owner releases them (at transaction end, or when a
 * subtransaction rolls back), and waits for a transaction to end (row locks: XactLockTableWait),
 * all in ONE wait-for graph so that a cycle through table locks and row locks is found.
 *
 * <p>Granting: a request is granted when it conflicts with no mode granted to another backend
 * and with no request queued ahead of it by another backend (FIFO fairness: a stream of
 * AccessShare requests cannot starve a queued AccessExclusive). A backend that already holds a
 * lock on the object skips the queue check (it could otherwise wait behind someone waiting for
 * it). Because queue order is never rearranged, an edge to a conflicting waiter ahead counts as
 * a hard edge in deadlock detection (PostgreSQL would try reordering the queue first).
 *
 * <p>Waiting: the waiter sleeps on this monitor in slices of at most {@link #POLL_MILLIS}
 * (transaction ends signalled outside this class, and the cancel check, are noticed within a
 * slice). After deadlock_timeout it checks once whether the wait-for graph leads back to itself;
 * if so it raises 40P01 with PostgreSQL's DETAIL lines (the backend that checks is the victim).
 * lock_timeout raises 55P03.
 *
 * <p>Concurrency: every field is guarded by this object's monitor. Lock order: this monitor,
 * then the ProcArray's (never the reverse: the ProcArray never calls in here).
 * Shared memory: the tables are Java maps in one process for now; moving them into the main
 * segment means a fixed-size lock table with partitions (PostgreSQL's LockHash) and per-proc
 * wait records: the graph walk stays the same.
 */
public final class LockManager {
    static final long POLL_MILLIS = 20;

    private final ProcArray procArray;
    private final Map<LockTag, LockState> locks = new HashMap<>();
    /** What each waiting backend waits for (absent = not waiting). */
    private final Map<ProcArray.Proc, Wait> waits = new HashMap<>();

    private static final class LockState {
        final Map<ProcArray.Proc, EnumMap<LockMode, Integer>> granted = new HashMap<>();
        final List<Request> queue = new ArrayList<>();
    }

    private record Request(ProcArray.Proc proc, LockMode mode) {}

    private sealed interface Wait permits TableWait, XactWait {}
    private record TableWait(LockTag tag, Request request) implements Wait {}
    private record XactWait(int xid) implements Wait {}

    public LockManager(ProcArray procArray) { this.procArray = procArray; }

    /** Takes the lock, waiting as {@code options} say. Re-acquiring a held mode just counts. */
    public synchronized void lock(ProcArray.Proc me, LockTag tag, LockMode mode, WaitOptions options) {
        LockState st = locks.computeIfAbsent(tag, t -> new LockState());
        Request req = new Request(me, mode);
        if (grantable(st, req, st.queue.size())) {
            grant(st, me, mode);
            return;
        }
        st.queue.add(req);
        TableWait w = new TableWait(tag, req);
        try {
            await(me, w, () -> grantable(st, req, st.queue.indexOf(req)), options);
            grant(st, me, mode);
        } finally {
            st.queue.remove(req);
            if (st.granted.isEmpty() && st.queue.isEmpty()) locks.remove(tag);
            notifyAll(); // those queued behind us may go now
        }
    }

    /** Takes the lock only if that needs no waiting (LOCK ... NOWAIT, conditional locks). */
    public synchronized boolean tryLock(ProcArray.Proc me, LockTag tag, LockMode mode) {
        LockState st = locks.computeIfAbsent(tag, t -> new LockState());
        Request req = new Request(me, mode);
        if (grantable(st, req, st.queue.size())) {
            grant(st, me, mode);
            return true;
        }
        if (st.granted.isEmpty() && st.queue.isEmpty()) locks.remove(tag);
        return false;
    }

    /** Releases one hold of {@code mode} (e.g. a subtransaction that took it rolled back). */
    public synchronized void unlock(ProcArray.Proc me, LockTag tag, LockMode mode) {
        LockState st = locks.get(tag);
        if (st == null) return;
        EnumMap<LockMode, Integer> held = st.granted.get(me);
        if (held == null || !held.containsKey(mode)) return;
        int n = held.get(mode) - 1;
        if (n == 0) held.remove(mode); else held.put(mode, n);
        if (held.isEmpty()) st.granted.remove(me);
        if (st.granted.isEmpty() && st.queue.isEmpty()) locks.remove(tag);
        notifyAll();
    }

    /** Releases everything the backend holds (transaction end). */
    public synchronized void releaseAll(ProcArray.Proc me) {
        Iterator<Map.Entry<LockTag, LockState>> it = locks.entrySet().iterator();
        while (it.hasNext()) {
            LockState st = it.next().getValue();
            st.granted.remove(me);
            if (st.granted.isEmpty() && st.queue.isEmpty()) it.remove();
        }
        notifyAll();
    }

    /** Wakes waiters after a transaction (or subtransaction) ended elsewhere. */
    public synchronized void transactionEnded() { notifyAll(); }

    /** Does the backend hold exactly {@code mode} on the object? */
    public synchronized boolean holds(ProcArray.Proc me, LockTag tag, LockMode mode) {
        LockState st = locks.get(tag);
        if (st == null) return false;
        EnumMap<LockMode, Integer> held = st.granted.get(me);
        return held != null && held.containsKey(mode);
    }

    /** One row of pg_locks: who holds or waits for which mode on which object. */
    public record LockInfo(LockTag tag, int pid, LockMode mode, boolean granted) {}

    /** A snapshot of the lock table (for pg_locks). */
    public synchronized List<LockInfo> snapshot() {
        List<LockInfo> out = new ArrayList<>();
        for (var e : locks.entrySet()) {
            for (var g : e.getValue().granted.entrySet()) {
                for (LockMode m : g.getValue().keySet()) out.add(new LockInfo(e.getKey(), g.getKey().pid(), m, true));
            }
            for (Request r : e.getValue().queue) out.add(new LockInfo(e.getKey(), r.proc.pid(), r.mode, false));
        }
        return out;
    }

    /**
     * Waits until transaction {@code xid} (top-level or subtransaction) is no longer running:
     * the row-lock wait of heap update/delete/lock, as a ShareLock on the transaction in the
     * wait-for graph.
     */
    public synchronized void waitForTransaction(ProcArray.Proc me, int xid, WaitOptions options) {
        if (!procArray.isInProgress(xid)) return;
        await(me, new XactWait(xid), () -> !procArray.isInProgress(xid), options);
    }

    private interface Condition { boolean holds(); }

    /** The wait loop shared by table and transaction waits. Caller holds the monitor. */
    private void await(ProcArray.Proc me, Wait w, Condition done, WaitOptions o) {
        waits.put(me, w);
        try {
            long start = System.nanoTime();
            boolean checked = false;
            while (!done.holds()) {
                o.cancel().check();
                long waited = (System.nanoTime() - start) / 1_000_000;
                if (o.lockTimeoutMillis() > 0 && waited >= o.lockTimeoutMillis()) {
                    throw new PgException(SqlState.LOCK_NOT_AVAILABLE, "canceling statement due to lock timeout");
                }
                if (!checked && waited >= o.deadlockTimeoutMillis()) {
                    checked = true;
                    String cycle = findCycle(me);
                    if (cycle != null) {
                        throw new PgException(SqlState.DEADLOCK_DETECTED, "deadlock detected", cycle,
                                "See server log for query details.", 0, null, null);
                    }
                }
                long next = POLL_MILLIS;
                if (!checked) next = Math.min(next, o.deadlockTimeoutMillis() - waited);
                if (o.lockTimeoutMillis() > 0) next = Math.min(next, o.lockTimeoutMillis() - waited);
                try {
                    wait(Math.max(1, next));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request", e);
                }
            }
        } finally {
            waits.remove(me);
        }
    }

    private boolean grantable(LockState st, Request req, int queuePosition) {
        for (var g : st.granted.entrySet()) {
            if (g.getKey() == req.proc) continue;
            for (LockMode held : g.getValue().keySet()) if (held.conflictsWith(req.mode)) return false;
        }
        if (st.granted.containsKey(req.proc)) return true;
        for (int i = 0; i < queuePosition && i < st.queue.size(); i++) {
            Request ahead = st.queue.get(i);
            if (ahead.proc != req.proc && ahead.mode.conflictsWith(req.mode)) return false;
        }
        return true;
    }

    private static void grant(LockState st, ProcArray.Proc me, LockMode mode) {
        st.granted.computeIfAbsent(me, p -> new EnumMap<>(LockMode.class)).merge(mode, 1, Integer::sum);
    }

    /** An edge of the wait-for graph, with the DETAIL line PostgreSQL prints for it. */
    private record Edge(ProcArray.Proc to, String line) {}

    private List<Edge> edges(ProcArray.Proc p) {
        Wait w = waits.get(p);
        List<Edge> out = new ArrayList<>();
        if (w instanceof TableWait tw) {
            LockState st = locks.get(tw.tag);
            if (st == null) return out;
            String what = "Process " + p.pid() + " waits for " + tw.request.mode.displayName() + " on " + tw.tag.describe()
                    + "; blocked by process ";
            Set<ProcArray.Proc> seen = new HashSet<>();
            for (var g : st.granted.entrySet()) {
                if (g.getKey() == p) continue;
                for (LockMode held : g.getValue().keySet()) {
                    if (held.conflictsWith(tw.request.mode) && seen.add(g.getKey())) out.add(new Edge(g.getKey(), what + g.getKey().pid() + "."));
                }
            }
            for (Request ahead : st.queue) {
                if (ahead == tw.request) break;
                if (ahead.proc != p && ahead.mode.conflictsWith(tw.request.mode) && seen.add(ahead.proc)) {
                    out.add(new Edge(ahead.proc, what + ahead.proc.pid() + "."));
                }
            }
        } else if (w instanceof XactWait xw) {
            ProcArray.Proc holder = procArray.ownerOf(xw.xid);
            if (holder != null && holder != p) {
                out.add(new Edge(holder, "Process " + p.pid() + " waits for ShareLock on transaction "
                        + TransactionIds.toString(xw.xid) + "; blocked by process " + holder.pid() + "."));
            }
        }
        return out;
    }

    /** Depth-first search for a path from {@code me} back to itself; returns its DETAIL lines or null. */
    private String findCycle(ProcArray.Proc me) {
        List<String> path = new ArrayList<>();
        return dfs(me, me, path, new HashSet<>()) ? String.join("\n", path) : null;
    }

    private boolean dfs(ProcArray.Proc me, ProcArray.Proc cur, List<String> path, Set<ProcArray.Proc> visited) {
        if (!visited.add(cur)) return false;
        for (Edge e : edges(cur)) {
            path.add(e.line);
            if (e.to == me || dfs(me, e.to, path, visited)) return true;
            path.remove(path.size() - 1);
        }
        return false;
    }
}
