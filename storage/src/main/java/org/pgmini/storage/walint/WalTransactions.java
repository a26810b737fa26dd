package org.pgmini.storage.walint;

import org.pgmini.storage.mvcc.SimpleTransaction;
import org.pgmini.storage.xact.CommitLog;
import org.pgmini.storage.xact.TransactionIds;
import org.pgmini.wal.SynchronousCommit;
import org.pgmini.wal.Wal;
import org.pgmini.wal.record.WalRecord;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Commit and abort with WAL (RecordTransactionCommit / RecordTransactionAbort): the outcome
 * record is inserted, for a commit made durable as {@code synchronous_commit} says, and only
 * then is the commit log written and the transaction removed from the ProcArray. A transaction
 * that never got an xid logs nothing.
 *
 * <p>Commit log pages and asynchronous commits: a clog page may reach disk only after the WAL of
 * every commit whose status it holds (PostgreSQL keeps group LSNs per clog page for this). Here
 * the checkpoint writes clog pages under {@link #clogWriteLock}'s write side after flushing all
 * WAL inserted so far, and committers set their status under its read side after inserting
 * their record, so every status in a written page has its record flushed.
 */
public final class WalTransactions {
    private final WalLogger logger;
    private final CommitLog clog;
    private final ReentrantReadWriteLock clogWriteLock = new ReentrantReadWriteLock();
    /**
     * PostgreSQL's DELAY_CHKPT_START: held shared from inserting the outcome record until the
     * commit log has the status. A checkpoint, after fixing its redo pointer, takes it exclusively
     * once ({@link #waitForCommitsInProgress}); so a commit record before the redo pointer (which
     * recovery will not replay) has its status in the clog pages that checkpoint writes.
     */
    private final ReentrantReadWriteLock commitInProgress = new ReentrantReadWriteLock();

    WalTransactions(WalLogger logger, CommitLog clog) {
        this.logger = logger;
        this.clog = clog;
    }

    /** Commits: COMMIT record, flush (or not, with synchronous_commit = off), clog, ProcArray. */
    public void commit(SimpleTransaction tx, SynchronousCommit mode) {
        int xid = tx.topXid();
        commitInProgress.readLock().lock();
        try {
            if (TransactionIds.isValid(xid)) {
                int[] subxids = tx.proc().subxids();
                long end = logOutcome(WalIds.XACT_COMMIT, xid, subxids);
                if (mode == SynchronousCommit.OFF) logger.noteAsyncCommit(xid, subxids, end);
                logger.wal().commit(end, mode);
            }
            statusUpdate(tx::commit);
        } finally {
            commitInProgress.readLock().unlock();
        }
    }

    /** Aborts: ABORT record (not flushed: a lost abort reads as aborted anyway), clog, ProcArray. */
    public void abort(SimpleTransaction tx) {
        int xid = tx.topXid();
        commitInProgress.readLock().lock();
        try {
            if (TransactionIds.isValid(xid)) logOutcome(WalIds.XACT_ABORT, xid, tx.proc().subxids());
            statusUpdate(tx::abort);
        } finally {
            commitInProgress.readLock().unlock();
        }
    }

    /**
     * Inserts a COMMIT or ABORT record for a transaction tree and returns its end LSN, for a
     * transaction manager of its own that then writes the clog under {@link #statusUpdate}.
     * Such a caller must also keep checkpoints from passing between the two steps (see
     * {@link #commit}); prefer {@link #commit} and {@link #abort}.
     */
    public long logOutcome(int info, int xid, int[] subxids) {
        Wal w = logger.wal();
        if (w == null) throw new IllegalStateException("WAL is not open");
        byte[] data = TransactionResourceManager.encode(TransactionResourceManager.nowMicros(), subxids);
        return w.insert(WalRecord.of(org.pgmini.wal.recovery.RmgrIds.TRANSACTION, info, xid, data)).endLsn();
    }

    /** Runs a commit log status update so that it cannot race with a checkpoint's clog write. */
    public void statusUpdate(Runnable update) {
        clogWriteLock.readLock().lock();
        try {
            update.run();
        } finally {
            clogWriteLock.readLock().unlock();
        }
    }

    /**
     * A transaction manager's commit hook enters the window between outcome record and clog
     * update here (before inserting the record) and leaves it after the clog update; see
     * {@link WalCommitHook}. Same thread for both calls.
     */
    void enterOutcomeWindow() { commitInProgress.readLock().lock(); }

    void leaveOutcomeWindow() { commitInProgress.readLock().unlock(); }

    WalLogger logger() { return logger; }

    /** Checkpoint, right after the redo pointer is fixed: waits until no commit is between its record and its clog update. */
    void waitForCommitsInProgress() {
        commitInProgress.writeLock().lock();
        commitInProgress.writeLock().unlock();
    }

    /** The checkpoint's clog step: WAL flushed up to everything inserted, then clog pages written and fsynced. */
    void checkpointClog() {
        clogWriteLock.writeLock().lock();
        try {
            Wal w = logger.wal();
            if (w != null) w.flush(w.insertLsn());
            clog.checkpoint();
        } finally {
            clogWriteLock.writeLock().unlock();
        }
    }
}
