package org.pgmini.storage.heap;

import org.pgmini.storage.mvcc.TmResult;
import org.pgmini.storage.tuple.ItemPointer;

/**
 * Outcome of delete, update or lock (TM_FailureData): on {@link TmResult#UPDATED} {@code ctid}
 * is the newer version to follow (READ COMMITTED re-checks it; REPEATABLE READ raises 40001
 * "could not serialize access due to concurrent update"); {@code xmax} is the transaction that
 * changed the row; {@code newTid} is the new version's TID after a successful update.
 */
public record HeapResult(TmResult result, ItemPointer ctid, int xmax, ItemPointer newTid) {
    public boolean ok() { return result == TmResult.OK; }
}
