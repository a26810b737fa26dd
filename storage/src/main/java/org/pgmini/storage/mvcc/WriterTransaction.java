package org.pgmini.storage.mvcc;

/** A transaction that changes tuples: it can be asked for its xid (assigned on first use). */
public interface WriterTransaction extends TransactionView {
    /** The xid of the innermost running (sub)transaction, assigning it if needed. */
    int currentXid();

    /** The backend's ProcArray slot (for waits and deadlock detection), or null. */
    default ProcArray.Proc proc() { return null; }

    /** deadlock_timeout of the session, in milliseconds. */
    default long deadlockTimeoutMillis() { return 1000; }

    /** lock_timeout of the session in milliseconds; 0 = wait forever. */
    default long lockTimeoutMillis() { return 0; }

    /**
     * Waits until transaction {@code xid} (the holder of a row this transaction wants) has
     * ended. The default waits in the ProcArray; the transaction manager overrides it so that
     * row-lock waits join the lock manager's wait-for graph (one deadlock check for table and
     * row locks) and can be cancelled.
     */
    default void waitForTransactionEnd(ProcArray procArray, int xid) {
        procArray.waitForTransactionEnd(proc(), xid, deadlockTimeoutMillis(), lockTimeoutMillis());
    }
}
