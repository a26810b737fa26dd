package org.pgmini.storage.mvcc;

/** Outcome of HeapTupleSatisfiesVacuum: what VACUUM may do with a tuple. */
public enum VacuumVisibility {
    /** No transaction can see it any more: it can be removed. */
    DEAD,
    /** Visible to some snapshot, not deleted. */
    LIVE,
    /** Deleted by a committed transaction, but snapshots older than the deletion may still see it. */
    RECENTLY_DEAD,
    /** The inserting transaction is still running. */
    INSERT_IN_PROGRESS,
    /** The deleting transaction is still running. */
    DELETE_IN_PROGRESS
}
