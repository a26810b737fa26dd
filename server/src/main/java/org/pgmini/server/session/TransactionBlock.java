package org.pgmini.server.session;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * (FAILED has already aborted, so leaving it calls neither). {@link #generation()} increases
 * whenever a transaction ends, which is how portals (which live only as long as their
 * transaction) notice that they are gone. Session thread only.
 */
public final class TransactionBlock implements TransactionControl {
    enum State { IDLE, IMPLICIT, BLOCK, FAILED }

    private final SessionSettings settings;
    private final Consumer<Notice> notices;
    private State state = State.IDLE;
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

    /** An error ended the statement: abort, and a block becomes FAILED. */
    public void abortOnError() {
        switch (state) {
            case IMPLICIT -> finish(false);
            case BLOCK -> {
                settings.atTransactionAbort();
                generation++;
                state = State.FAILED;
            }
            default -> {
            }
        }
    }

    /** The connection ends: whatever is open is rolled back. */
    public void abortAll() {
        batch = false;
        switch (state) {
            case IMPLICIT, BLOCK -> finish(false);
            case FAILED -> {
                state = State.IDLE;
                generation++;
            }
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
                state = State.IDLE;
                generation++;
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
            case FAILED -> {
                state = State.IDLE;
                generation++;
            }
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

    private void finish(boolean commit) {
        state = State.IDLE;
        generation++;
        if (commit) {
            settings.atTransactionCommit();
        } else {
            settings.atTransactionAbort();
        }
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
