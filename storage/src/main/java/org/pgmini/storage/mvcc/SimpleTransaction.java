package org.pgmini.storage.mvcc;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimal transaction for storage's own use and tests: one ProcArray slot, a lazily assigned
 * xid, a command counter, subtransactions as a stack, combo cids. The server's transaction
 * manager does the same with SQL semantics (BEGIN/SAVEPOINT/...) on top. Not thread-safe.
 */
public final class SimpleTransaction implements WriterTransaction {
    private final ProcArray procArray;
    private final ProcArray.Proc proc;
    private ComboCids comboCids = new ComboCids();
    private final List<List<Integer>> subStack = new ArrayList<>();
    private final List<Integer> liveSubxids = new ArrayList<>();
    private int xid;
    private int commandId;

    public SimpleTransaction(ProcArray procArray, ProcArray.Proc proc) {
        this.procArray = procArray;
        this.proc = proc;
    }

    /** The xid of the innermost (sub)transaction, assigning it (and its parents') on first use. */
    @Override
    public int currentXid() {
        if (xid == 0) xid = procArray.assignTransactionId(proc);
        if (subStack.isEmpty()) return xid;
        List<Integer> top = subStack.get(subStack.size() - 1);
        if (top.isEmpty()) {
            for (List<Integer> level : subStack) {
                if (level.isEmpty()) {
                    int s = procArray.assignSubTransactionId(proc);
                    level.add(s);
                    liveSubxids.add(s);
                }
            }
        }
        return top.get(0);
    }

    public int topXid() { return xid; }
    public int commandId() { return commandId; }
    /** CommandCounterIncrement: later commands see this one's changes. */
    public void incrementCommandId() { commandId++; }
    @Override
    public ProcArray.Proc proc() { return proc; }

    private long deadlockTimeoutMillis = 1000;
    private long lockTimeoutMillis;

    /** Sets deadlock_timeout and lock_timeout for this transaction's waits. */
    public SimpleTransaction withTimeouts(long deadlockTimeoutMillis, long lockTimeoutMillis) {
        this.deadlockTimeoutMillis = deadlockTimeoutMillis;
        this.lockTimeoutMillis = lockTimeoutMillis;
        return this;
    }

    @Override
    public long deadlockTimeoutMillis() { return deadlockTimeoutMillis; }

    @Override
    public long lockTimeoutMillis() { return lockTimeoutMillis; }

    public Snapshot snapshot() { return procArray.takeSnapshot(proc, commandId); }

    public void beginSubTransaction() { subStack.add(new ArrayList<>()); }

    public void releaseSubTransaction() { subStack.remove(subStack.size() - 1); }

    /** Rolls back the innermost subtransaction; its xid (if any) becomes aborted at once. */
    public void rollbackSubTransaction() {
        List<Integer> level = subStack.remove(subStack.size() - 1);
        if (!level.isEmpty()) {
            int sub = level.get(0);
            int idx = liveSubxids.indexOf(sub);
            List<Integer> dead = new ArrayList<>(liveSubxids.subList(idx, liveSubxids.size()));
            liveSubxids.subList(idx, liveSubxids.size()).clear();
            procArray.abortSubTransactions(proc, dead.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    public void commit() { end(true); }
    public void abort() { end(false); }

    private void end(boolean commit) {
        procArray.endTransaction(proc, commit);
        xid = 0;
        commandId = 0;
        subStack.clear();
        liveSubxids.clear();
        comboCids = new ComboCids();
    }

    @Override
    public boolean isCurrentTransactionId(int x) {
        return x != 0 && (x == xid || liveSubxids.contains(x));
    }

    @Override
    public ComboCids comboCids() { return comboCids; }
}
