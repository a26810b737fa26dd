package org.pgmini.storage.mvcc;

/**
 * What visibility checks need to know about the calling backend's own transaction. An
 * implementation belongs to the transaction manager (server module); {@link SimpleTransaction}
 * is a plain one for storage's own use and tests.
 */
public interface TransactionView {
    /**
     * TransactionIdIsCurrentTransactionId: the top-level xid or one of the subtransaction xids of
     * the current transaction that have not been rolled back.
     */
    boolean isCurrentTransactionId(int xid);

    /** The current transaction's combo command ids. */
    ComboCids comboCids();

    /** A view for code running with no transaction of its own (e.g. VACUUM scans, other backends). */
    TransactionView NONE = new TransactionView() {
        private final ComboCids empty = new ComboCids();
        @Override public boolean isCurrentTransactionId(int xid) { return false; }
        @Override public ComboCids comboCids() { return empty; }
    };
}
