package org.pgmini.wal.buffer;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.wal.Lsn;
import org.pgmini.wal.WalSettings;
import org.pgmini.wal.mode.WalStorage;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Writing and flushing WAL (PostgreSQL's XLogWrite/XLogFlush with WALWriteLock).
 *
 * Invariants:
 * <ul>
 * <li>{@code writtenUpTo} and {@code flushedUpTo} only grow, and only under {@code writeLock};
 *     they are volatile so that the fast path ("already flushed") needs no lock.
 *     flushedUpTo ≤ writtenUpTo ≤ everything copied by inserters.</li>
 * <li>Nothing is written before {@link InsertionLocks#waitForInsertions} said it is copied.</li>
 * <li>Group commit: a flusher that gets the lock flushes everything inserted so far, not only
 *     its own record; flushers queued behind it then find their LSN flushed and return without
 *     a sync of their own — one fsync for the whole group.</li>
 * <li>No thread waits for inserters while holding writeLock unless those inserters can finish
 *     without writeLock (an inserter that needs a write publishes its position first).</li>
 * </ul>
 */
public final class FlushControl {
    private final ReentrantLock writeLock = new ReentrantLock();
    private final InsertionLocks locks;
    private final LongSupplier reservedEnd;
    private final WalStorage storage;
    private final WalSettings settings;
    private final AtomicInteger flushersWaiting = new AtomicInteger();
    private volatile IntSupplier activeBackends;
    private volatile long writtenUpTo;
    private volatile long flushedUpTo;
    /** Highest commit LSN of an asynchronous commit (synchronous_commit = off), for the walwriter. */
    private volatile long asyncCommitLsn;
    private volatile boolean failed;
    /** Guards leaderActive: at most one thread runs a flush; the others wait on this monitor. */
    private final Object leaderMonitor = new Object();
    private boolean leaderActive;

    public FlushControl(InsertionLocks locks, LongSupplier reservedEnd, WalStorage storage, WalSettings settings) {
        this.locks = locks;
        this.reservedEnd = reservedEnd;
        this.storage = storage;
        this.settings = settings;
        this.activeBackends = flushersWaiting::get;
    }

    /** Sets where the WAL starts after recovery: everything below {@code lsn} is durable. */
    public void startAt(long lsn) {
        writeLock.lock();
        try {
            writtenUpTo = lsn;
            flushedUpTo = lsn;
            asyncCommitLsn = lsn;
        } finally {
            writeLock.unlock();
        }
    }

    /** commit_siblings counts what this returns (by default: threads currently flushing). */
    public void setActiveBackends(IntSupplier supplier) { this.activeBackends = supplier; }

    public long writtenUpTo() { return writtenUpTo; }
    public long flushedUpTo() { return flushedUpTo; }

    /** Makes sure WAL below {@code target} was handed to storage.write (eviction in DRAM-buffer modes). */
    public void writeUpTo(long target) throws IOException {
        while (writtenUpTo < target) {
            long finished = locks.waitForInsertions(Math.min(target, reservedEnd.getAsLong()));
            writeLock.lock();
            try {
                checkNotFailed();
                if (writtenUpTo < finished) writeLocked(finished);
            } finally {
                writeLock.unlock();
            }
            if (writtenUpTo < target) LockSupport.parkNanos(20_000);
        }
    }

    /**
     * XLogFlush: returns once WAL up to {@code upto} is durable. Raises an error if the write or
     * sync fails; the WAL is then unusable (PostgreSQL PANICs) and later calls fail too.
     */
    public void flush(long upto) {
        if (upto <= flushedUpTo) return;
        long insertEnd = reservedEnd.getAsLong();
        if (upto > insertEnd) {
            throw new PgException(SqlState.INTERNAL_ERROR, "xlog flush request " + Lsn.format(upto)
                    + " is not satisfied --- flushed only to " + Lsn.format(flushedUpTo));
        }
        flushersWaiting.incrementAndGet();
        try {
            while (flushedUpTo < upto) {
                if (!becomeLeader(upto)) return;
                try {
                    flushAsLeader(upto);
                } finally {
                    resignLeader();
                }
                // Still short: an earlier inserter waits for a page place; let it get one.
                if (flushedUpTo < upto) LockSupport.parkNanos(20_000);
            }
        } finally {
            flushersWaiting.decrementAndGet();
        }
    }

    /**
     * PostgreSQL's LWLockAcquireOrWait on WALWriteLock: wait while another flusher works, and
     * when it is done return false at once if it flushed our LSN too. All waiters wake together
     * and re-check, so a whole group returns after one sync instead of passing a lock along.
     */
    private boolean becomeLeader(long upto) {
        synchronized (leaderMonitor) {
            boolean interrupted = false;
            try {
                while (true) {
                    if (flushedUpTo >= upto) return false;
                    if (!leaderActive) {
                        leaderActive = true;
                        return true;
                    }
                    try { leaderMonitor.wait(); } catch (InterruptedException e) { interrupted = true; }
                }
            } finally {
                if (interrupted) Thread.currentThread().interrupt();
            }
        }
    }

    private void resignLeader() {
        synchronized (leaderMonitor) {
            leaderActive = false;
            leaderMonitor.notifyAll();
        }
    }

    private void flushAsLeader(long upto) {
        writeLock.lock();
        try {
            checkNotFailed();
            if (flushedUpTo >= upto) return;
            long target = reservedEnd.getAsLong();
            int delay = settings.commitDelay;
            if (delay > 0 && settings.fsync && activeBackends.getAsInt() >= settings.commitSiblings) {
                // commit_delay: give other committers a moment to insert, then flush them too.
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(delay));
                target = reservedEnd.getAsLong();
            }
            long finished = locks.waitForInsertions(target);
            if (finished > flushedUpTo) {
                if (writtenUpTo < finished) writeLocked(finished);
                syncLocked(finished);
            }
        } catch (IOException e) {
            failed = true;
            throw new PgException(SqlState.IO_ERROR, "could not flush write-ahead log up to "
                    + Lsn.format(upto) + ": " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Writes and syncs what is copied so far, without raising the target (walwriter, shutdown). */
    public void flushAll() {
        long end = reservedEnd.getAsLong();
        if (end > flushedUpTo) flush(end);
    }

    /** Records an asynchronous commit; the walwriter flushes it within wal_writer_delay. */
    public void noteAsyncCommit(long lsn) {
        while (asyncCommitLsn < lsn) {
            synchronized (this) {
                if (asyncCommitLsn < lsn) asyncCommitLsn = lsn;
            }
        }
    }

    public long asyncCommitLsn() { return asyncCommitLsn; }

    private void writeLocked(long to) throws IOException {
        try {
            storage.write(writtenUpTo, to);
        } catch (IOException e) {
            failed = true;
            throw e;
        }
        writtenUpTo = to;
    }

    private void syncLocked(long to) throws IOException {
        try {
            storage.sync(flushedUpTo, to, settings.fsync);
        } catch (IOException e) {
            failed = true;
            throw e;
        }
        flushedUpTo = to;
    }

    private void checkNotFailed() {
        if (failed) {
            throw new PgException("PANIC", SqlState.IO_ERROR, "write-ahead log is unusable after a failed write or flush",
                    null, null, 0, null, null);
        }
    }

    /** Runs {@code action} under the write lock (checkpoint and archive steps that must not interleave with writes). */
    public <T> T underWriteLock(IoSupplier<T> action) throws IOException {
        writeLock.lock();
        try {
            checkNotFailed();
            return action.get();
        } finally {
            writeLock.unlock();
        }
    }

    public interface IoSupplier<T> {
        T get() throws IOException;
    }
}
