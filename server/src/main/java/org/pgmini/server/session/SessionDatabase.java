package org.pgmini.server.session;

import java.io.IOException;
import java.util.Locale;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.DatabaseAccess;
import org.pgmini.server.guc.SessionSettings;
import org.pgmini.server.storage.ServerDatabase;
import org.pgmini.storage.catalog.Catalog;
import org.pgmini.storage.heap.Heap;
import org.pgmini.storage.mvcc.ProcArray;
import org.pgmini.storage.walint.Database;
import org.pgmini.storage.xact.IsolationLevel;
import org.pgmini.storage.xact.Transaction;
import org.pgmini.storage.xact.WaitOptions;
import org.pgmini.wal.SynchronousCommit;

/**
 * A session's {@link DatabaseAccess}: its ProcArray slot (attached at session start, detached at
 * its end) and its current storage transaction, begun lazily at the first {@link #transaction()}
 * of each transaction with the isolation {@code transaction_isolation} has then, ended by the
 * {@link TransactionBlock} through {@link StorageTransactions}.
 *
 * <p>Lock waits use deadlock_timeout and lock_timeout as they are when each statement starts,
 * and a cancel check that raises the session's pending interrupts (57014 for cancel and
 * statement_timeout, FATAL 57P01 for termination), so a waiting session can be cancelled.
 *
 * <p>Session thread only (the transaction and the slot belong to it).
 */
public final class SessionDatabase implements DatabaseAccess, StorageTransactions, AutoCloseable {
    private final ServerDatabase server;
    private final Database db;
    private final ProcArray.Proc proc;
    private final SessionSettings settings;
    private final Interrupts interrupts;
    private Transaction tx;
    /** This session's open transaction is counted in the server's active transactions. */
    private boolean counted;
    private boolean closed;

    SessionDatabase(ServerDatabase server, int backendPid, SessionSettings settings, Interrupts interrupts) {
        this.server = server;
        this.db = server.current();
        this.settings = settings;
        this.interrupts = interrupts;
        try {
            this.proc = db.engine().procArray().attach(backendPid);
        } catch (RuntimeException e) {
            throw new PgException("FATAL", SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already",
                    null, null, 0, null, e);
        }
    }

    @Override
    public Catalog catalog() {
        return db.catalog();
    }

    @Override
    public Heap heap() {
        return db.heap();
    }

    @Override
    public Transaction transaction() {
        if (closed) {
            throw new PgException(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command");
        }
        if (tx == null || tx.isFinished()) {
            ended();
            tx = db.transactionManager().begin(proc, isolation(), waitOptions());
            server.transactionActive(1);
            counted = true;
        }
        return tx;
    }

    private IsolationLevel isolation() {
        String level = settings.getString("transaction_isolation").toLowerCase(Locale.ROOT);
        return switch (level) {
            // PostgreSQL runs READ UNCOMMITTED as READ COMMITTED.
            case "read committed", "read uncommitted" -> IsolationLevel.READ_COMMITTED;
            case "repeatable read" -> IsolationLevel.REPEATABLE_READ;
            default -> throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                    "transaction isolation level \"" + level + "\" is not supported");
        };
    }

    private WaitOptions waitOptions() {
        return new WaitOptions(settings.getInt("deadlock_timeout"), settings.getInt("lock_timeout"), interrupts::check);
    }

    private SynchronousCommit synchronousCommit() {
        return SynchronousCommit.fromGuc(settings.getString("synchronous_commit"));
    }

    /** True while a storage transaction is open (not yet committed or aborted). */
    boolean hasTransaction() {
        return tx != null && !tx.isFinished();
    }

    // ---- StorageTransactions (driven by TransactionBlock) ----

    @Override
    public void statementStarting() {
        if (hasTransaction()) {
            tx.setWaitOptions(waitOptions());
        }
    }

    @Override
    public void commit() {
        Transaction t = tx;
        tx = null;
        try {
            if (t != null && !t.isFinished()) {
                db.commit(t, synchronousCommit());
            }
        } finally {
            ended();
        }
    }

    @Override
    public void abort() {
        Transaction t = tx;
        tx = null;
        try {
            if (t != null) {
                t.abort();
            }
        } finally {
            ended();
        }
    }

    private void ended() {
        if (counted) {
            counted = false;
            server.transactionActive(-1);
        }
    }

    @Override
    public void savepoint(String name) {
        transaction().savepoint(name);
    }

    @Override
    public void rollbackToSavepoint(String name) {
        if (hasTransaction()) {
            tx.rollbackToSavepoint(name);
        }
    }

    @Override
    public void releaseSavepoint(String name) {
        if (hasTransaction()) {
            tx.releaseSavepoint(name);
        }
    }

    // ---- WAL functions and CHECKPOINT ----

    @Override
    public long currentWalLsn() {
        return db.wal().writeLsn();
    }

    @Override
    public long currentWalInsertLsn() {
        return db.wal().insertLsn();
    }

    @Override
    public String walFileName(long lsn) {
        return db.wal().walFileName(lsn);
    }

    /** pg_current_wal_flush_lsn(). */
    public long currentWalFlushLsn() {
        return db.wal().flushLsn();
    }

    /** CHECKPOINT: superuser only in PostgreSQL 15; waits for the checkpoint to complete. */
    @Override
    public void checkpoint() {
        if (!settings.getBool("is_superuser")) {
            throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to do CHECKPOINT");
        }
        try {
            server.checkpoint("immediate force wait");
        } catch (IOException e) {
            throw new PgException(SqlState.IO_ERROR, "checkpoint failed: " + e.getMessage(), e);
        }
    }

    /** Session end: an open transaction is rolled back, the ProcArray slot freed. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            abort();
        } finally {
            db.engine().procArray().detach(proc);
        }
    }
}
