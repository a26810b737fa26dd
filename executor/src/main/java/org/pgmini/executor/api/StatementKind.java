package org.pgmini.executor.api;

/**
 * Statement kinds the session layer must tell apart before execution: transaction control is
 * allowed in an aborted transaction only for ROLLBACK/COMMIT; some commands may not run inside
 * a transaction block.
 */
public enum StatementKind {
    QUERY,
    DML,
    DDL,
    UTILITY,
    BEGIN,
    COMMIT,
    ROLLBACK,
    SAVEPOINT,
    RELEASE_SAVEPOINT,
    ROLLBACK_TO_SAVEPOINT,
    /** An empty statement (only whitespace/comments): EmptyQueryResponse. */
    EMPTY
}
