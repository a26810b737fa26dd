package org.pgmini.executor.api;

/**
 * The session's transaction block state. Until storage brings real transactions this only
 * tracks the block (and the GUC values a rollback must restore), but the contract is the
 * final one: each method returns the command tag PostgreSQL sends.
 */
public interface TransactionControl {
    /** BEGIN / START TRANSACTION; WARNING 25001 if already in a block. Returns "BEGIN". */
    String begin();

    /** COMMIT / END; WARNING 25P01 outside a block; in a failed block rolls back and returns "ROLLBACK". */
    String commit();

    /** ROLLBACK / ABORT; WARNING 25P01 outside a block. Returns "ROLLBACK". */
    String rollback();

    /** True between BEGIN and COMMIT/ROLLBACK. */
    boolean inBlock();

    /**
     * When the current transaction started, at microsecond precision: the start of the first
     * statement of the implicit transaction, kept when BEGIN turns it into a block, so that
     * now(), CURRENT_TIMESTAMP and transaction_timestamp() return the same value until COMMIT
     * or ROLLBACK, as in PostgreSQL. null means the session does not track it (the default);
     * the executor then falls back to the statement's start time.
     */
    default java.time.Instant transactionStartTime() {
        return null;
    }

    /**
     * When the current statement started (statement_timestamp()), at microsecond precision; it
     * should be the value {@link #transactionStartTime()} took for the transaction's first
     * statement, as PostgreSQL's are the same instant then. null (the default) means the
     * executor takes the time itself when execution starts.
     */
    default java.time.Instant statementStartTime() {
        return null;
    }

    /**
     * SAVEPOINT name: outside a block 25P01 "SAVEPOINT can only be used in transaction blocks"
     * (an ERROR, as PostgreSQL). Returns "SAVEPOINT".
     */
    default String savepoint(String name) {
        throw new org.pgmini.error.PgException(org.pgmini.error.SqlState.FEATURE_NOT_SUPPORTED,
                "savepoints are not supported in this session");
    }

    /**
     * ROLLBACK TO [SAVEPOINT] name: undoes the work since the savepoint and keeps it; also the
     * way out of a failed block. 3B001 for an unknown name. Returns "ROLLBACK".
     */
    default String rollbackToSavepoint(String name) {
        throw new org.pgmini.error.PgException(org.pgmini.error.SqlState.FEATURE_NOT_SUPPORTED,
                "savepoints are not supported in this session");
    }

    /** RELEASE [SAVEPOINT] name. 3B001 for an unknown name. Returns "RELEASE". */
    default String releaseSavepoint(String name) {
        throw new org.pgmini.error.PgException(org.pgmini.error.SqlState.FEATURE_NOT_SUPPORTED,
                "savepoints are not supported in this session");
    }
}
