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

    CommitHook NONE = new CommitHook() {
        @Override public void beforeCommit(int xid, int[] subxids) { }
        @Override public void beforeAbort(int xid, int[] subxids) { }
    };
}
