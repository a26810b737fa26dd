package org.pgmini.server.session;

/**
 * The storage side of a session's transaction as {@link TransactionBlock} drives it. The block
 * owns the states and savepoint names (and checks them); this side only mirrors them in the
 * storage transaction. Every method is a no-op when no storage transaction is open, except
 * {@link #savepoint}, which opens one (the savepoint must exist when later work uses storage).
 */
interface StorageTransactions {
    /** A statement of the transaction is about to run (wait options follow the session's settings). */
    void statementStarting();

    /** Commits the storage transaction, if one is open, with the session's synchronous_commit. */
    void commit();

    /** Rolls the storage transaction back, if one is open. */
    void abort();

    void savepoint(String name);

    /** Undoes the work since the savepoint and keeps it. */
    void rollbackToSavepoint(String name);

    void releaseSavepoint(String name);

    /** No storage (protocol tests with the test engine). */
    StorageTransactions NONE = new StorageTransactions() {
        @Override public void statementStarting() { }
        @Override public void commit() { }
        @Override public void abort() { }
        @Override public void savepoint(String name) { }
        @Override public void rollbackToSavepoint(String name) { }
        @Override public void releaseSavepoint(String name) { }
    };
}
