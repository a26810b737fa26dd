package org.pgmini.storage.xact;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.storage.mvcc.ComboCids;
import org.pgmini.storage.mvcc.ProcArray;
import org.pgmini.storage.mvcc.Snapshot;
import org.pgmini.storage.mvcc.WriterTransaction;

import java.util.ArrayList;
import java.util.List;

/**
 * One transaction of one session (xact.c, storage side). Not thread-safe: only its session's
 * thread uses it.
 *
 * <ul>
 * <li>The xid is assigned lazily, by the first change ({@link #currentXid}); a read-only
 *     transaction never takes one and its commit writes nothing.</li>
 * <li>Command ids: {@link #commandCounterIncrement} makes this transaction's earlier changes
 *     visible to later commands (snapshots carry the command id).</li>
 * <li>Subtransactions: {@link #savepoint}, {@link #rollbackToSavepoint}, {@link #releaseSavepoint}.
 *     A subtransaction takes its own xid only when it changes something (parents first). A
 *     rolled-back one is marked aborted in the commit log at once and releases the locks it
 *     took and runs its pending abort actions; a released one merges into its parent, and its
 *     xid commits or aborts with the top-level transaction (one clog update for the tree).</li>
 * <li>Snapshots: READ COMMITTED takes a new one per statement ({@link #startStatement}),
 *     REPEATABLE READ keeps the first for the whole transaction; {@link #catalogSnapshot} is
 *     always fresh (catalog lookups see the latest committed DDL, like PostgreSQL's catalog
 *     snapshot).</li>
 * <li>End: commit = commit hook (WAL commit record + flush), commit log, invalidation bump if
 *     the catalog changed, pending commit actions (unlink dropped relations' files), release
 *     locks. Abort = abort hook, commit log, pending abort actions (unlink created files),
 *     release locks.</li>
 * </ul>
 */
public final class Transaction implements WriterTransaction {
    private final TransactionManager tm;
    private final ProcArray.Proc proc;
    private final IsolationLevel isolation;
    private WaitOptions waitOptions;
    private ComboCids comboCids = new ComboCids();
    /** Open subtransactions, outermost first; stack index k is nesting level k + 1. */
    private final List<SubTransaction> subs = new ArrayList<>();
    /** Xids of subtransactions that are not rolled back (running or released into a parent). */
    private final List<Integer> liveSubxids = new ArrayList<>();
    private final List<HeldLock> locks = new ArrayList<>();
    private final List<PendingAction> actions = new ArrayList<>();
    private int xid;
    private int commandId;
    private Snapshot transactionSnapshot;
    private Snapshot statementSnapshot;
    private boolean catalogChanged;
    private boolean finished;

    private static final class SubTransaction {
        final String name;
        int xid;
        SubTransaction(String name) { this.name = name; }
    }

    private record HeldLock(LockTag tag, LockMode mode, int level) {}

    private static final class PendingAction {
        final Runnable onCommit;
        final Runnable onAbort;
        int level;
        PendingAction(Runnable onCommit, Runnable onAbort, int level) {
            this.onCommit = onCommit;
            this.onAbort = onAbort;
            this.level = level;
        }
    }

    Transaction(TransactionManager tm, ProcArray.Proc proc, IsolationLevel isolation, WaitOptions waitOptions) {
        this.tm = tm;
        this.proc = proc;
        this.isolation = isolation;
        this.waitOptions = waitOptions;
    }

    public IsolationLevel isolation() { return isolation; }
    public TransactionManager manager() { return tm; }
    public boolean isFinished() { return finished; }

    /** Changes deadlock_timeout / lock_timeout / the cancel check for later waits. */
    public void setWaitOptions(WaitOptions options) { this.waitOptions = options; }
    public WaitOptions waitOptions() { return waitOptions; }

    // ------------------------------------------------------------------ xids and command ids

    @Override
    public int currentXid() {
        checkActive();
        if (xid == 0) xid = tm.procArray().assignTransactionId(proc);
        for (SubTransaction s : subs) {
            if (s.xid == 0) {
                s.xid = tm.procArray().assignSubTransactionId(proc);
                liveSubxids.add(s.xid);
            }
        }
        return subs.isEmpty() ? xid : subs.get(subs.size() - 1).xid;
    }

    /** The top-level xid, or 0 if none was assigned (read-only so far). */
    public int topXid() { return xid; }

    public int commandId() { return commandId; }

    /** CommandCounterIncrement: later commands see this one's changes. */
    public void commandCounterIncrement() {
        commandId++;
        if (commandId == -1) throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "cannot have more than 2^32-2 commands in a transaction");
    }

    @Override
    public boolean isCurrentTransactionId(int x) {
        return x != 0 && (x == xid || liveSubxids.contains(x));
    }

    @Override
    public ComboCids comboCids() { return comboCids; }

    /**
     * The xids {@link #isCurrentTransactionId} accepts right now (top-level xid if assigned, then
     * the live subtransaction xids): what a parallel worker must treat as "its own" transaction.
     */
    public int[] currentTransactionIds() {
        int[] out = new int[(xid != 0 ? 1 : 0) + liveSubxids.size()];
        int k = 0;
        if (xid != 0) out[k++] = xid;
        for (int s : liveSubxids) out[k++] = s;
        return out;
    }

    @Override
    public ProcArray.Proc proc() { return proc; }

    @Override
    public long deadlockTimeoutMillis() { return waitOptions.deadlockTimeoutMillis(); }

    @Override
    public long lockTimeoutMillis() { return waitOptions.lockTimeoutMillis(); }

    /** Row-lock waits go through the lock manager: one wait-for graph with table locks. */
    @Override
    public void waitForTransactionEnd(ProcArray procArray, int otherXid) {
        tm.lockManager().waitForTransaction(proc, otherXid, waitOptions);
    }

    // ------------------------------------------------------------------ snapshots

    /**
     * Called at the start of each statement; returns the snapshot it runs with. READ COMMITTED:
     * a new snapshot (and a fresh advertised xmin); REPEATABLE READ: the transaction's snapshot
     * (taken by the first statement) with the current command id. Under READ COMMITTED the
     * advertised xmin is reset first: a caller that still holds an older snapshot (an open
     * cursor) must keep using {@link #snapshot()} instead, or VACUUM may prune what it sees.
     */
    public Snapshot startStatement() {
        checkActive();
        if (isolation.usesTransactionSnapshot()) {
            if (transactionSnapshot == null) transactionSnapshot = tm.procArray().takeSnapshot(proc, commandId);
            statementSnapshot = transactionSnapshot.withCommandId(commandId);
        } else {
            tm.procArray().resetXmin(proc);
            statementSnapshot = tm.procArray().takeSnapshot(proc, commandId);
        }
        return statementSnapshot;
    }

    /** The current statement's snapshot with the current command id (after a CCI inside the statement). */
    public Snapshot snapshot() {
        if (statementSnapshot == null) return startStatement();
        return statementSnapshot.withCommandId(commandId);
    }

    /** A fresh snapshot for catalog reads: latest committed state plus our own earlier commands. */
    public Snapshot catalogSnapshot() {
        checkActive();
        return tm.procArray().takeSnapshot(proc, commandId);
    }

    // ------------------------------------------------------------------ locks

    /** Locks a relation of this database until transaction end (or rollback of the subtransaction). */
    public void lockRelation(int relOid, LockMode mode) { lock(LockTag.relation(tm.dbOid(), relOid), mode); }

    public void lock(LockTag tag, LockMode mode) {
        checkActive();
        tm.lockManager().lock(proc, tag, mode, waitOptions);
        locks.add(new HeldLock(tag, mode, subs.size()));
    }

    /** Conditional lock (NOWAIT): false if it would have to wait. */
    public boolean tryLockRelation(int relOid, LockMode mode) {
        checkActive();
        LockTag tag = LockTag.relation(tm.dbOid(), relOid);
        if (!tm.lockManager().tryLock(proc, tag, mode)) return false;
        locks.add(new HeldLock(tag, mode, subs.size()));
        return true;
    }

    // ------------------------------------------------------------------ pending actions

    /**
     * Registers work for transaction end: {@code onCommit} runs if this (sub)transaction's work
     * commits, {@code onAbort} if it is rolled back (either may be null). Pending deletes of
     * relation files use this: a created relation's file goes at abort, a dropped one's at commit.
     */
    public void atEnd(Runnable onCommit, Runnable onAbort) {
        checkActive();
        actions.add(new PendingAction(onCommit, onAbort, subs.size()));
    }

    /** This transaction changed catalog rows: its commit bumps the shared invalidation counter. */
    public void markCatalogChanged() { catalogChanged = true; }

    public boolean catalogChanged() { return catalogChanged; }

    // ------------------------------------------------------------------ subtransactions

    /** SAVEPOINT name (null for an anonymous internal subtransaction). */
    public void savepoint(String name) {
        checkActive();
        subs.add(new SubTransaction(name));
    }

    /** ROLLBACK TO SAVEPOINT name: undoes everything since, and keeps the savepoint. */
    public void rollbackToSavepoint(String name) {
        int i = find(name);
        abortSubtransactionsFrom(i);
        subs.add(new SubTransaction(name));
    }

    /** RELEASE SAVEPOINT name: merges it (and those inside it) into the parent. */
    public void releaseSavepoint(String name) {
        int i = find(name);
        while (subs.size() > i) subs.remove(subs.size() - 1);
        int parentLevel = i;
        for (int k = 0; k < locks.size(); k++) {
            HeldLock l = locks.get(k);
            if (l.level > parentLevel) locks.set(k, new HeldLock(l.tag, l.mode, parentLevel));
        }
        for (PendingAction a : actions) if (a.level > parentLevel) a.level = parentLevel;
    }

    /** Rolls back the innermost subtransaction and removes it (internal use, e.g. exception blocks). */
    public void rollbackSubTransaction() {
        if (subs.isEmpty()) throw new IllegalStateException("no subtransaction");
        abortSubtransactionsFrom(subs.size() - 1);
    }

    /** The nesting depth (0 = top level). */
    public int nestingLevel() { return subs.size(); }

    private int find(String name) {
        checkActive();
        for (int i = subs.size() - 1; i >= 0; i--) {
            if (name != null && name.equals(subs.get(i).name)) return i;
        }
        throw new PgException("3B001", "savepoint \"" + name + "\" does not exist");
    }

    /** Aborts the subtransactions at stack index {@code i} and inside it. */
    private void abortSubtransactionsFrom(int i) {
        SubTransaction s = subs.get(i);
        while (subs.size() > i) subs.remove(subs.size() - 1);
        int level = i + 1;
        if (s.xid != 0) {
            int idx = liveSubxids.indexOf(s.xid);
            List<Integer> dead = new ArrayList<>(liveSubxids.subList(idx, liveSubxids.size()));
            liveSubxids.subList(idx, liveSubxids.size()).clear();
            int[] deadXids = dead.stream().mapToInt(Integer::intValue).toArray();
            tm.commitHook().beforeSubtransactionAbort(deadXids);
            tm.commitHook().statusUpdate(() -> tm.procArray().abortSubTransactions(proc, deadXids));
        }
        RuntimeException failure = null;
        for (int k = actions.size() - 1; k >= 0; k--) {
            PendingAction a = actions.get(k);
            if (a.level >= level) {
                actions.remove(k);
                failure = run(a.onAbort, failure);
            }
        }
        for (int k = locks.size() - 1; k >= 0; k--) {
            HeldLock l = locks.get(k);
            if (l.level >= level) {
                locks.remove(k);
                tm.lockManager().unlock(proc, l.tag, l.mode);
            }
        }
        tm.lockManager().transactionEnded();
        if (failure != null) throw failure;
    }

    // ------------------------------------------------------------------ end

    public void commit() {
        checkActive();
        if (xid != 0) {
            try {
                tm.commitHook().beforeCommit(xid, liveSubxidsArray());
            } catch (RuntimeException e) {
                abort();
                throw e;
            }
        }
        tm.commitHook().statusUpdate(() -> tm.procArray().endTransaction(proc, true));
        finished = true;
        if (catalogChanged) tm.invalidation().bump();
        RuntimeException failure = null;
        for (PendingAction a : actions) failure = run(a.onCommit, failure);
        cleanup();
        if (failure != null) throw failure;
    }

    /** Rolls the transaction back. Safe to call on an already finished transaction (does nothing). */
    public void abort() {
        if (finished) return;
        if (xid != 0) tm.commitHook().beforeAbort(xid, liveSubxidsArray());
        tm.commitHook().statusUpdate(() -> tm.procArray().endTransaction(proc, false));
        finished = true;
        RuntimeException failure = null;
        for (int k = actions.size() - 1; k >= 0; k--) failure = run(actions.get(k).onAbort, failure);
        cleanup();
        if (failure != null) throw failure;
    }

    private void cleanup() {
        actions.clear();
        locks.clear();
        subs.clear();
        liveSubxids.clear();
        comboCids = new ComboCids();
        tm.lockManager().releaseAll(proc);
    }

    private int[] liveSubxidsArray() { return liveSubxids.stream().mapToInt(Integer::intValue).toArray(); }

    private static RuntimeException run(Runnable r, RuntimeException failure) {
        if (r == null) return failure;
        try {
            r.run();
        } catch (RuntimeException e) {
            if (failure == null) return e;
            failure.addSuppressed(e);
        }
        return failure;
    }

    private void checkActive() {
        if (finished) throw new IllegalStateException("transaction already ended");
    }
}
