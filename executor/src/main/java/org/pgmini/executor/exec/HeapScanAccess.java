package org.pgmini.executor.exec;

import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.heap.TupleVisitor;

/**
 * How a scan reads the tuples of a table that the execution's snapshot sees: in the leader the
 * session's heap with its transaction and statement snapshot; in a parallel worker the shared
 * buffer pool through {@code storage.WorkerStorage} with the leader's snapshot and transaction
 * view ({@link ExecState#useHeapAccess}).
 */
public interface HeapScanAccess {
    /** Blocks of the relation's main fork now. */
    int nblocks(HeapRelation rel);

    /** Visits, in place, the visible tuples of blocks [startBlock, endBlock). */
    void scanVisible(HeapRelation rel, int startBlock, int endBlock, TupleVisitor visitor);
}
