package org.pgmini.storage.mvcc;

/** A transaction that changes tuples: it can be asked for its xid (assigned on first use). */
public interface WriterTransaction extends TransactionView {
    /** The xid of the innermost running (sub)transaction, assigning it if needed. */
    int currentXid();
}
