package org.pgmini.executor.api;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.storage.catalog.Catalog;
import org.pgmini.storage.heap.Heap;
import org.pgmini.storage.index.BTree;
import org.pgmini.storage.xact.Transaction;

/**
 * The database a session is connected to, as the executor reaches it: the catalog and heap
 * access of the server's storage, and the session's current storage transaction.
 *
 * <p>Division of labour (the contract between server and executor):
 * <ul>
 * <li>The server owns the transaction's life: {@link #transaction()} creates the storage
 *     transaction lazily at its first use inside a transaction (implicit or block), with the
 *     isolation level that {@code transaction_isolation} has at that moment (so
 *     {@code BEGIN ISOLATION LEVEL ...} and {@code SET TRANSACTION} before the first query
 *     work), and commits or aborts it when the transaction block ends or a statement fails.</li>
 * <li>The executor owns statement boundaries inside it: it calls
 *     {@link Transaction#startStatement()} when a statement starts executing (a new snapshot
 *     under READ COMMITTED) and {@link Transaction#commandCounterIncrement()} after a
 *     statement that changed data or the catalog, and takes relation locks through the
 *     catalog (held until transaction end).</li>
 * </ul>
 * Session thread only, like the transaction it hands out.
 */
public interface DatabaseAccess {
    /** The catalog of the session's database. */
    Catalog catalog();

    /** Heap access methods over the shared buffer pool. */
    Heap heap();

    /** B-tree index access over the same buffer pool (the storage engine's). */
    default BTree btree() {
        return catalog().engine().btree();
    }

    /** The session's current storage transaction, created at the first call in each transaction. */
    Transaction transaction();

    /** pg_current_wal_lsn(): the WAL written out so far. */
    default long currentWalLsn() {
        throw notSupported("WAL functions");
    }

    /** pg_current_wal_insert_lsn(): where the next WAL record will be inserted. */
    default long currentWalInsertLsn() {
        throw notSupported("WAL functions");
    }

    /** pg_walfile_name(lsn): the segment file name holding {@code lsn} on the current timeline. */
    default String walFileName(long lsn) {
        throw notSupported("WAL functions");
    }

    /** The CHECKPOINT command: an immediate checkpoint, returns when it is complete. */
    default void checkpoint() {
        throw notSupported("CHECKPOINT");
    }

    private static PgException notSupported(String what) {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED, what + " are not supported in this session");
    }
}
