package org.pgmini.storage.walint;

import org.pgmini.storage.xact.CommitHook;
import org.pgmini.storage.xact.Transaction;
import org.pgmini.wal.SynchronousCommit;

/**
 * The WAL behind {@link org.pgmini.storage.xact.TransactionManager}'s transaction ends
 * (RecordTransactionCommit / RecordTransactionAbort): commit record + flush as
 * {@code synchronous_commit} says, abort record (not flushed: a lost abort reads as aborted
 * anyway), an abort record for a subtransaction rolled back alone, and the commit log update
 * under the lock a checkpoint takes before writing clog pages.
 *
 * <p>Ordering invariant (PostgreSQL's DELAY_CHKPT_START): from inserting an outcome record until
 * the commit log holds that outcome, the thread holds {@link WalTransactions}' outcome window
 * (shared); a checkpoint that has fixed its redo pointer waits for the window to empty, so an
 * outcome record before the redo pointer is always in the clog pages the checkpoint writes.
 * {@link Transaction} calls {@code before*} then {@link #statusUpdate} on one thread; the window
 * is entered in the former and left in the latter, and a thread-local depth says whether this
 * thread entered it (a read-only transaction calls only statusUpdate).
 *
 * <p>synchronous_commit is per transaction (a user GUC): {@link #commit(Transaction, SynchronousCommit)}
 * sets the mode for the commit it runs on this thread; a plain {@code tx.commit()} uses ON.
 */
public final class WalCommitHook implements CommitHook {
    private final WalTransactions transactions;
    /** Commit mode of the commit running on this thread (null = on). */
    private final ThreadLocal<SynchronousCommit> mode = new ThreadLocal<>();
    /** How many times this thread has entered the outcome window without leaving it (0 or 1). */
    private final ThreadLocal<int[]> entered = ThreadLocal.withInitial(() -> new int[1]);

    WalCommitHook(WalTransactions transactions) {
        this.transactions = transactions;
    }

    /** Commits {@code tx} with the given synchronous_commit. */
    public void commit(Transaction tx, SynchronousCommit syncMode) {
        mode.set(syncMode);
        try {
            tx.commit();
        } finally {
            mode.remove();
        }
    }

    @Override
    public void beforeCommit(int xid, int[] subxids) {
        enter();
        try {
            long end = transactions.logOutcome(WalIds.XACT_COMMIT, xid, subxids);
            SynchronousCommit m = mode.get() == null ? SynchronousCommit.ON : mode.get();
            WalLogger logger = transactions.logger();
            if (m == SynchronousCommit.OFF) logger.noteAsyncCommit(xid, subxids, end);
            logger.wal().commit(end, m);
        } catch (RuntimeException | Error e) {
            leave(); // Transaction.commit aborts next, which enters again
            throw e;
        }
    }

    @Override
    public void beforeAbort(int xid, int[] subxids) {
        enter();
        try {
            transactions.logOutcome(WalIds.XACT_ABORT, xid, subxids);
        } catch (RuntimeException | Error e) {
            leave();
            throw e;
        }
    }

    @Override
    public void beforeSubtransactionAbort(int[] xids) {
        if (xids.length == 0) return;
        int[] children = new int[xids.length - 1];
        System.arraycopy(xids, 1, children, 0, children.length);
        beforeAbort(xids[0], children);
    }

    @Override
    public void statusUpdate(Runnable update) {
        try {
            transactions.statusUpdate(update);
        } finally {
            if (entered.get()[0] > 0) leave();
        }
    }

    private void enter() {
        transactions.enterOutcomeWindow();
        entered.get()[0]++;
    }

    private void leave() {
        entered.get()[0]--;
        transactions.leaveOutcomeWindow();
    }
}
