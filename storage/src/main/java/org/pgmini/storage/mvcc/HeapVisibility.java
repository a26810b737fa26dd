package org.pgmini.storage.mvcc;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.storage.tuple.HeapTupleHeader;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.storage.xact.CommitLog;
import org.pgmini.storage.xact.TransactionIds;
import org.pgmini.storage.xact.TransactionStatus;

import java.nio.ByteBuffer;
import java.util.function.IntPredicate;

import static org.pgmini.storage.tuple.HeapTupleHeader.*;

/**
 * Tuple visibility rules (heapam_visibility.c), written from PostgreSQL's documented semantics.
 * Each check reads the tuple header in place (page buffer + tuple offset) and may set hint bits
 * through the {@link HintBitSetter}: XMIN_COMMITTED/INVALID and XMAX_COMMITTED/INVALID record
 * what the commit log said, so later checks skip the clog lookup.
 *
 * <p>Hint-bit rules: a bit is set only once the outcome is final (committed or aborted
 * according to the commit log and not running); never for a transaction of our own or one still
 * in a snapshot's xip. Callers hold at least a shared content lock on the buffer.
 *
 * <p>Multixacts (several lockers in xmax) are not supported: a tuple with HEAP_XMAX_IS_MULTI
 * raises 0A000 rather than being misread.
 */
public final class HeapVisibility {
    private final CommitLog clog;
    private final IntPredicate isInProgress;

    /**
     * @param isInProgress TransactionIdIsInProgress (the proc array); used by the update and
     *                     vacuum checks, never by the MVCC check (which relies on its snapshot)
     */
    public HeapVisibility(CommitLog clog, IntPredicate isInProgress) {
        this.clog = clog;
        this.isInProgress = isInProgress;
    }

    private boolean didCommit(int xid) { return clog.status(xid) == TransactionStatus.COMMITTED; }

    private static void checkNotMulti(int infomask) {
        if ((infomask & HEAP_XMAX_IS_MULTI) != 0) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "multixact tuple locks are not supported");
        }
    }

    /** cmin of a tuple inserted by the current transaction. */
    private static int cmin(ByteBuffer b, int base, TransactionView me) {
        int raw = rawCommandId(b, base);
        return (infomask(b, base) & HEAP_COMBOCID) != 0 ? me.comboCids().cmin(raw) : raw;
    }

    /** cmax of a tuple deleted by the current transaction. */
    private static int cmax(ByteBuffer b, int base, TransactionView me) {
        int raw = rawCommandId(b, base);
        return (infomask(b, base) & HEAP_COMBOCID) != 0 ? me.comboCids().cmax(raw) : raw;
    }

    /**
     * HeapTupleSatisfiesMVCC: is the tuple visible to {@code snap}, taken by transaction {@code me}?
     */
    public boolean satisfiesMvcc(ByteBuffer b, int base, Snapshot snap, TransactionView me, HintBitSetter hints) {
        int infomask = infomask(b, base);
        int xmin = xmin(b, base);
        if ((infomask & HEAP_XMIN_COMMITTED) == 0) {
            if ((infomask & HEAP_XMIN_INVALID) != 0) return false;
            if (me.isCurrentTransactionId(xmin)) {
                if (Integer.compareUnsigned(cmin(b, base, me), snap.curcid()) >= 0) return false; // inserted after scan started
                if ((infomask & HEAP_XMAX_INVALID) != 0) return true;
                if (xmaxIsLockedOnly(infomask)) return true;
                checkNotMulti(infomask);
                int xmax = xmax(b, base);
                if (!me.isCurrentTransactionId(xmax)) {
                    // deleted by one of our subtransactions that has since rolled back
                    hints.setHintBits(b, base, HEAP_XMAX_INVALID, TransactionIds.INVALID);
                    return true;
                }
                return Integer.compareUnsigned(cmax(b, base, me), snap.curcid()) >= 0; // deleted after scan started
            } else if (snap.xidInSnapshot(xmin)) {
                return false;
            } else if (didCommit(xmin)) {
                hints.setHintBits(b, base, HEAP_XMIN_COMMITTED, xmin);
            } else {
                // not running when the snapshot was taken, not committed: aborted or crashed
                hints.setHintBits(b, base, HEAP_XMIN_INVALID, TransactionIds.INVALID);
                return false;
            }
        } else if ((infomask & HEAP_XMIN_FROZEN) != HEAP_XMIN_FROZEN && snap.xidInSnapshot(xmin)) {
            return false; // committed, but after our snapshot was taken
        }

        // the inserting transaction is visible; now the deleter
        infomask = infomask(b, base);
        if ((infomask & HEAP_XMAX_INVALID) != 0) return true;
        if (xmaxIsLockedOnly(infomask)) return true;
        checkNotMulti(infomask);
        int xmax = xmax(b, base);
        if ((infomask & HEAP_XMAX_COMMITTED) == 0) {
            if (me.isCurrentTransactionId(xmax)) {
                return Integer.compareUnsigned(cmax(b, base, me), snap.curcid()) >= 0;
            }
            if (snap.xidInSnapshot(xmax)) return true;
            if (!didCommit(xmax)) {
                hints.setHintBits(b, base, HEAP_XMAX_INVALID, TransactionIds.INVALID);
                return true;
            }
            hints.setHintBits(b, base, HEAP_XMAX_COMMITTED, xmax);
        } else if (snap.xidInSnapshot(xmax)) {
            return true;
        }
        return false;
    }

    /**
     * HeapTupleSatisfiesUpdate: may command {@code curcid} of transaction {@code me} update,
     * delete or lock the tuple whose own TID is {@code self}?
     */
    public TmResult satisfiesUpdate(ByteBuffer b, int base, ItemPointer self, int curcid, TransactionView me, HintBitSetter hints) {
        int infomask = infomask(b, base);
        int xmin = xmin(b, base);
        if ((infomask & HEAP_XMIN_COMMITTED) == 0) {
            if ((infomask & HEAP_XMIN_INVALID) != 0) return TmResult.INVISIBLE;
            if (me.isCurrentTransactionId(xmin)) {
                if (Integer.compareUnsigned(cmin(b, base, me), curcid) >= 0) return TmResult.INVISIBLE;
                if ((infomask & HEAP_XMAX_INVALID) != 0) return TmResult.OK;
                checkNotMulti(infomask);
                int xmax = xmax(b, base);
                if (xmaxIsLockedOnly(infomask)) {
                    return me.isCurrentTransactionId(xmax) || !isInProgress.test(xmax) ? TmResult.OK : TmResult.BEING_MODIFIED;
                }
                if (!me.isCurrentTransactionId(xmax)) {
                    hints.setHintBits(b, base, HEAP_XMAX_INVALID, TransactionIds.INVALID);
                    return TmResult.OK;
                }
                return Integer.compareUnsigned(cmax(b, base, me), curcid) >= 0 ? TmResult.SELF_MODIFIED : TmResult.INVISIBLE;
            } else if (isInProgress.test(xmin)) {
                return TmResult.INVISIBLE;
            } else if (didCommit(xmin)) {
                hints.setHintBits(b, base, HEAP_XMIN_COMMITTED, xmin);
            } else {
                hints.setHintBits(b, base, HEAP_XMIN_INVALID, TransactionIds.INVALID);
                return TmResult.INVISIBLE;
            }
        }
        infomask = infomask(b, base);
        if ((infomask & HEAP_XMAX_INVALID) != 0) return TmResult.OK;
        boolean updated = !ctid(b, base).equals(self);
        if ((infomask & HEAP_XMAX_COMMITTED) != 0) {
            if (xmaxIsLockedOnly(infomask)) return TmResult.OK;
            return updated ? TmResult.UPDATED : TmResult.DELETED;
        }
        checkNotMulti(infomask);
        int xmax = xmax(b, base);
        if (me.isCurrentTransactionId(xmax)) {
            if (xmaxIsLockedOnly(infomask)) return TmResult.OK; // we hold the row lock ourselves
            return Integer.compareUnsigned(cmax(b, base, me), curcid) >= 0 ? TmResult.SELF_MODIFIED : TmResult.INVISIBLE;
        }
        if (isInProgress.test(xmax)) return TmResult.BEING_MODIFIED;
        if (!didCommit(xmax)) {
            hints.setHintBits(b, base, HEAP_XMAX_INVALID, TransactionIds.INVALID);
            return TmResult.OK;
        }
        if (xmaxIsLockedOnly(infomask)) {
            hints.setHintBits(b, base, HEAP_XMAX_INVALID, TransactionIds.INVALID); // the locker is gone
            return TmResult.OK;
        }
        hints.setHintBits(b, base, HEAP_XMAX_COMMITTED, xmax);
        return updated ? TmResult.UPDATED : TmResult.DELETED;
    }

    /**
     * HeapTupleSatisfiesVacuum: can the tuple be removed, given that no snapshot can see
     * transactions older than {@code oldestXmin} as running?
     */
    public VacuumVisibility satisfiesVacuum(ByteBuffer b, int base, int oldestXmin, HintBitSetter hints) {
        int infomask = infomask(b, base);
        int xmin = xmin(b, base);
        if ((infomask & HEAP_XMIN_COMMITTED) == 0) {
            if ((infomask & HEAP_XMIN_INVALID) != 0) return VacuumVisibility.DEAD;
            if (isInProgress.test(xmin)) {
                if ((infomask & HEAP_XMAX_INVALID) != 0 || xmaxIsLockedOnly(infomask)) return VacuumVisibility.INSERT_IN_PROGRESS;
                return xmax(b, base) == xmin || isInProgress.test(xmax(b, base))
                        ? VacuumVisibility.DELETE_IN_PROGRESS : VacuumVisibility.INSERT_IN_PROGRESS;
            } else if (didCommit(xmin)) {
                hints.setHintBits(b, base, HEAP_XMIN_COMMITTED, xmin);
            } else {
                hints.setHintBits(b, base, HEAP_XMIN_INVALID, TransactionIds.INVALID);
                return VacuumVisibility.DEAD;
            }
        }
        infomask = infomask(b, base);
        if ((infomask & HEAP_XMAX_INVALID) != 0) return VacuumVisibility.LIVE;
        checkNotMulti(infomask);
        int xmax = xmax(b, base);
        if (xmaxIsLockedOnly(infomask)) {
            if (!isInProgress.test(xmax)) hints.setHintBits(b, base, HEAP_XMAX_INVALID, TransactionIds.INVALID);
            return VacuumVisibility.LIVE;
        }
        if ((infomask & HEAP_XMAX_COMMITTED) == 0) {
            if (isInProgress.test(xmax)) return VacuumVisibility.DELETE_IN_PROGRESS;
            if (didCommit(xmax)) {
                hints.setHintBits(b, base, HEAP_XMAX_COMMITTED, xmax);
            } else {
                hints.setHintBits(b, base, HEAP_XMAX_INVALID, TransactionIds.INVALID);
                return VacuumVisibility.LIVE;
            }
        }
        return TransactionIds.precedes(xmax, oldestXmin) ? VacuumVisibility.DEAD : VacuumVisibility.RECENTLY_DEAD;
    }
}
