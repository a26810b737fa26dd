package org.pgmini.storage.xact;

/**
 * Where the WAL plugs into transaction end. {@link #beforeCommit} runs after the transaction's
 * work is done and before the commit log says COMMITTED: the WAL writes the commit record
 * (xid, subxids, pending deletes, invalidations) and flushes it up to its LSN
 * (synchronous_commit), so a crash after the clog update can never lose a commit that others
 * saw. {@link #beforeAbort} writes the abort record (no flush needed). Only transactions that
 * took an xid call either: a read-only transaction leaves no trace.
 */
public interface CommitHook {
    void beforeCommit(int xid, int[] subxids);

    void beforeAbort(int xid, int[] subxids);

    /**
     * A subtransaction rolled back on its own (ROLLBACK TO): {@code xids} are its xid and its
     * children's, about to be marked aborted in the commit log (PostgreSQL logs an abort record
     * for them too). Default: nothing.
     */
    default void beforeSubtransactionAbort(int[] xids) { }

    /**
     * Runs the commit log update of a transaction end. The WAL wraps it in the lock its
     * checkpoint takes before writing clog pages (so a checkpoint never writes a clog page whose
     * commit record is not yet flushed). Default: just runs it.
     */
    default void statusUpdate(Runnable update) { update.run(); }

    CommitHook NONE = new CommitHook() {
        @Override public void beforeCommit(int xid, int[] subxids) { }
        @Override public void beforeAbort(int xid, int[] subxids) { }
    };
}
