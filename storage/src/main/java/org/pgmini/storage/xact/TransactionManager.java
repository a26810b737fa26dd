package org.pgmini.storage.xact;

import org.pgmini.storage.StorageEngine;
import org.pgmini.storage.mvcc.ProcArray;

/**
 * What every transaction of one database shares: the ProcArray, the lock manager, the commit
 * hook (the WAL's seam) and the shared invalidation counter. The postmaster makes one per
 * database; sessions call {@link #begin} for each transaction.
 */
public final class TransactionManager {
    private final ProcArray procArray;
    private final LockManager lockManager;
    private final CommitHook commitHook;
    private final SharedInvalidation invalidation;
    private final int dbOid;

    public TransactionManager(ProcArray procArray, LockManager lockManager, CommitHook commitHook,
                              SharedInvalidation invalidation, int dbOid) {
        this.procArray = procArray;
        this.lockManager = lockManager;
        this.commitHook = commitHook;
        this.invalidation = invalidation;
        this.dbOid = dbOid;
    }

    /** A manager over the engine's ProcArray with a fresh lock manager and invalidation counter. */
    public static TransactionManager forEngine(StorageEngine engine, CommitHook hook, int dbOid) {
        return new TransactionManager(engine.procArray(), new LockManager(engine.procArray()), hook, new SharedInvalidation(), dbOid);
    }

    /** Starts a transaction for the backend holding ProcArray slot {@code proc}. */
    public Transaction begin(ProcArray.Proc proc, IsolationLevel isolation, WaitOptions waitOptions) {
        return new Transaction(this, proc, isolation, waitOptions);
    }

    public Transaction begin(ProcArray.Proc proc, IsolationLevel isolation) {
        return begin(proc, isolation, WaitOptions.defaults());
    }

    public ProcArray procArray() { return procArray; }
    public LockManager lockManager() { return lockManager; }
    public CommitHook commitHook() { return commitHook; }
    public SharedInvalidation invalidation() { return invalidation; }
    public int dbOid() { return dbOid; }
}
