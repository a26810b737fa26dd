package org.pgmini.storage.xact;

/**
 * transaction_isolation. READ COMMITTED takes a snapshot per statement; REPEATABLE READ one per
 * transaction (at its first statement) and fails with 40001 when it would update a row changed
 * by a transaction its snapshot does not see. SERIALIZABLE (SSI) is not implemented: the
 * session layer raises 0A000 for it or maps it, as it decides; storage only knows these two.
 */
public enum IsolationLevel {
    READ_COMMITTED, REPEATABLE_READ;

    public boolean usesTransactionSnapshot() { return this == REPEATABLE_READ; }
}
