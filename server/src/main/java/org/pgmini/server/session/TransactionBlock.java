package org.pgmini.server.session;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.Notice;
import org.pgmini.executor.api.TransactionControl;
import org.pgmini.server.guc.SessionSettings;

/**
 * The session's transaction state, a reduced form of PostgreSQL's TBlockState (xact.c):
 *
 * <pre>
 *   IDLE      no transaction
 *   IMPLICIT  a transaction started by a statement outside a block; it commits at the end of
 *             the statement, or for a multi-statement Query / an extended-protocol batch at the
 *             end of the message / at Sync ("implicit block")
 *   BLOCK     inside BEGIN ... COMMIT
 *   FAILED    a block whose transaction aborted; only COMMIT/ROLLBACK (ROLLBACK TO) are accepted
 * </pre>
 *
 * Invariants: {@link SessionSettings#atTransactionStart()} is called exactly once when leaving
 * IDLE, and exactly one of atTransactionCommit/atTransactionAbort when the transaction ends
 * (a FAILED block without savepoints has already aborted, so leaving it calls neither).
 * {@link #generation()} increases whenever a transaction ends, which is how portals (which live
 * only as long as their transaction) notice that they are gone. Session thread only.
 *
 * <p>Storage ({@link StorageTransactions}): the storage transaction commits or aborts exactly
 * when the block does, before the GUC side. An error in a block aborts storage work at once, as
 * PostgreSQL's AbortTransaction / AbortSubTransaction do: with no savepoint the whole storage
 * transaction (locks released), with savepoints only the innermost one's work (it is rolled
 * back and kept, so ROLLBACK TO it or an outer one leaves FAILED and continues).
 *
 * <p>Savepoints: a stack of (name, GUC nest level), newest last; a name is looked up newest
 * first (names may repeat, as in PostgreSQL). SAVEPOINT / RELEASE / ROLLBACK TO outside a block
 * (also in an implicit multi-statement transaction) fail with 25P01 "... can only be used in
 * transaction blocks"; in a FAILED block only ROLLBACK TO works (the others: 25P02); an
 * unknown name is 3B001 "savepoint \"x\" does not exist" (in a FAILED block it stays FAILED).
 */
public final class TransactionBlock implements TransactionControl {
    enum State { IDLE, IMPLICIT, BLOCK, FAILED }

    /** invalid_savepoint_specification (not among the shared SqlState constants). */
    private static final String INVALID_SAVEPOINT_SPECIFICATION = "3B001";

    private final SessionSettings settings;
    private final Consumer<Notice> notices;
    private StorageTransactions storage = StorageTransactions.NONE;
    private State state = State.IDLE;
    /** Open savepoints, outermost first. Empty outside BLOCK/FAILED. */
    private final List<Savepoint> savepoints = new ArrayList<>();
    /** FAILED and the top-level transaction (storage and GUC) is already aborted. */
    private boolean topAborted;

    private record Savepoint(String name, int gucLevel) {}
    /** The implicit transaction lasts until {@link #endOfBatch()} rather than until the statement's end. */
    private boolean batch;
    private long generation;
    /** now(): fixed when the transaction's first statement starts, kept until it ends. */
    private Instant transactionStart;
    /** statement_timestamp(): fixed when each statement starts. */
    private Instant statementStart;

    public TransactionBlock(SessionSettings settings, Consumer<Notice> notices) {
        this.settings = settings;
        this.notices = notices;
    }

    /** Attaches the session's storage (once, at session start). */
    void attachStorage(StorageTransactions storage) {
        this.storage = storage;
    }

    /** The ReadyForQuery status byte. */
    public char status() {
        return switch (state) {
            case IDLE, IMPLICIT -> 'I';
            case BLOCK -> 'T';
            case FAILED -> 'E';
        };
    }

    public boolean isAborted() {
        return state == State.FAILED;
    }

    public boolean inTransaction() {
        return state != State.IDLE;
    }

    public long generation() {
        return generation;
    }

    /** Marks the start of a multi-statement Query or an extended-protocol batch. */
    public void startBatch() {
        batch = true;
    }

    /** A statement (or Parse/Bind/Execute) is about to run: make sure a transaction is open. */
    public void startStatement() {
        statementStart = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (state == State.IDLE) {
            transactionStart = statementStart;
            settings.atTransactionStart();
            state = State.IMPLICIT;
        }
        storage.statementStarting();
    }

    /** The statement succeeded: a single statement's implicit transaction commits now. */
    public void endStatement() {
        if (state == State.IMPLICIT && !batch) {
            finish(true);
        }
    }

    /** End of a Query message or Sync: an implicit transaction commits. */
    public void endOfBatch() {
        batch = false;
        if (state == State.IMPLICIT) {
            finish(true);
        }
    }

    /**
     * An error ended the statement: abort, and a block becomes FAILED. In a block with savepoints
     * only the innermost savepoint's work is undone (storage and SETs); the savepoint stays.
     */
    public void abortOnError() {
        switch (state) {
            case IMPLICIT -> finish(false);
            case BLOCK -> {
                generation++;
                state = State.FAILED;
                if (savepoints.isEmpty()) {
                    abortTop();
                } else {
                    try {
                        undoInnermostSavepoint();
                    } catch (RuntimeException e) {
                        // storage could not roll the subtransaction back: give up the whole transaction
                        savepoints.clear();
                        abortTop();
                        throw e;
                    }
                }
            }
            default -> {
            }
        }
    }

    private void abortTop() {
        topAborted = true;
        try {
            storage.abort();
        } finally {
            settings.atTransactionAbort();
        }
    }

    private void undoInnermostSavepoint() {
        Savepoint sp = savepoints.remove(savepoints.size() - 1);
        storage.rollbackToSavepoint(sp.name());
        settings.atSubTransactionEnd(false, sp.gucLevel());
        savepoints.add(new Savepoint(sp.name(), settings.atSubTransactionStart()));
    }

    /** Leaves a FAILED block (COMMIT, ROLLBACK, connection end): rolls back what is not yet. */
    private void leaveFailed() {
        state = State.IDLE;
        generation++;
        savepoints.clear();
        boolean already = topAborted;
        topAborted = false;
        if (!already) {
            try {
                storage.abort();
            } finally {
                settings.atTransactionAbort();
            }
        }
    }

    /** The connection ends: whatever is open is rolled back. */
    public void abortAll() {
        batch = false;
        switch (state) {
            case IMPLICIT, BLOCK -> finish(false);
            case FAILED -> leaveFailed();
            default -> {
            }
        }
    }

    @Override
    public String begin() {
        switch (state) {
            case IDLE -> {
                transactionStart = Instant.now().truncatedTo(ChronoUnit.MICROS);
                settings.atTransactionStart();
                state = State.BLOCK;
            }
            case IMPLICIT -> state = State.BLOCK;
            case BLOCK -> notices.accept(Notice.warning(SqlState.ACTIVE_SQL_TRANSACTION,
                    "there is already a transaction in progress"));
            case FAILED -> throw inFailedTransaction();
        }
        return "BEGIN";
    }

    @Override
    public String commit() {
        switch (state) {
            case BLOCK -> finish(true);
            case FAILED -> {
                leaveFailed();
                return "ROLLBACK";
            }
            case IMPLICIT -> {
                notices.accept(noTransaction());
                finish(true);
            }
            case IDLE -> notices.accept(noTransaction());
        }
        return "COMMIT";
    }

    @Override
    public String rollback() {
        switch (state) {
            case BLOCK -> finish(false);
            case FAILED -> leaveFailed();
            case IMPLICIT -> {
                notices.accept(noTransaction());
                finish(false);
            }
            case IDLE -> notices.accept(noTransaction());
        }
        return "ROLLBACK";
    }

    @Override
    public boolean inBlock() {
        return state == State.BLOCK || state == State.FAILED;
    }

    /**
     * Ends the transaction: storage first (a commit that fails there, e.g. a WAL write error,
     * has rolled the storage transaction back, so the SETs are undone too and the error goes to
     * the client), then the GUC side. The block is IDLE afterwards either way.
     */
    private void finish(boolean commit) {
        state = State.IDLE;
        generation++;
        savepoints.clear();
        topAborted = false;
        if (commit) {
            try {
                storage.commit();
            } catch (RuntimeException | Error e) {
                settings.atTransactionAbort();
                throw e;
            }
            settings.atTransactionCommit();
        } else {
            try {
                storage.abort();
            } finally {
                settings.atTransactionAbort();
            }
        }
    }

    // ---- savepoints ----

    @Override
    public String savepoint(String name) {
        requireBlock("SAVEPOINT");
        int level = settings.atSubTransactionStart();
        try {
            storage.savepoint(name);
        } catch (RuntimeException | Error e) {
            settings.atSubTransactionEnd(false, level);
            throw e;
        }
        savepoints.add(new Savepoint(name, level));
        return "SAVEPOINT";
    }

    @Override
    public String releaseSavepoint(String name) {
        requireBlock("RELEASE SAVEPOINT");
        int i = find(name);
        storage.releaseSavepoint(name);
        settings.atSubTransactionEnd(true, savepoints.get(i).gucLevel());
        savepoints.subList(i, savepoints.size()).clear();
        return "RELEASE";
    }

    @Override
    public String rollbackToSavepoint(String name) {
        if (state == State.IDLE || state == State.IMPLICIT) {
            throw notInBlock("ROLLBACK TO SAVEPOINT");
        }
        int i = find(name);
        Savepoint sp = savepoints.get(i);
        storage.rollbackToSavepoint(name);
        settings.atSubTransactionEnd(false, sp.gucLevel());
        savepoints.subList(i, savepoints.size()).clear();
        savepoints.add(new Savepoint(name, settings.atSubTransactionStart()));
        state = State.BLOCK;
        return "ROLLBACK";
    }

    /** The open savepoints' names, outermost first (tests, diagnostics). */
    List<String> savepointNames() {
        List<String> names = new ArrayList<>();
        for (Savepoint sp : savepoints) {
            names.add(sp.name());
        }
        return names;
    }

    private void requireBlock(String what) {
        switch (state) {
            case IDLE, IMPLICIT -> throw notInBlock(what);
            case FAILED -> throw inFailedTransaction();
            default -> {
            }
        }
    }

    private int find(String name) {
        for (int i = savepoints.size() - 1; i >= 0; i--) {
            if (savepoints.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new PgException(INVALID_SAVEPOINT_SPECIFICATION, "savepoint \"" + name + "\" does not exist");
    }

    private static PgException notInBlock(String what) {
        return new PgException(SqlState.NO_ACTIVE_SQL_TRANSACTION, what + " can only be used in transaction blocks");
    }

    private static Notice noTransaction() {
        return Notice.warning(SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress");
    }

    public static PgException inFailedTransaction() {
        return new PgException(SqlState.IN_FAILED_SQL_TRANSACTION,
                "current transaction is aborted, commands ignored until end of transaction block");
    }

    @Override
    public Instant transactionStartTime() {
        return state == State.IDLE ? null : transactionStart;
    }

    @Override
    public Instant statementStartTime() {
        return statementStart;
    }
}
