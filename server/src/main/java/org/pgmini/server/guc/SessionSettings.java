package org.pgmini.server.guc;

import java.util.Map;

import org.pgmini.executor.api.Settings;

/**
 * One session's view of the configuration parameters: what SQL sees through {@link Settings},
 * typed reads through {@link ConfigView}, and the hooks the session calls so that SET LOCAL
 * ends with its transaction and a rolled-back SET is undone, as in PostgreSQL.
 */
public interface SessionSettings extends Settings, ConfigView {
    /** A transaction (block or single statement) begins. */
    void atTransactionStart();

    /** It commits: SET values stay, SET LOCAL values revert. */
    void atTransactionCommit();

    /** It aborts: every SET and SET LOCAL of the transaction reverts. */
    void atTransactionAbort();

    /**
     * A subtransaction (SAVEPOINT) begins inside the transaction; returns its nest level (2 for
     * the first savepoint) for {@link #atSubTransactionEnd}. Added for savepoints; the default
     * refuses, implementations that keep a SET stack override it.
     */
    default int atSubTransactionStart() {
        throw new org.pgmini.error.PgException(org.pgmini.error.SqlState.FEATURE_NOT_SUPPORTED,
                "savepoints are not supported");
    }

    /**
     * The subtransaction at {@code level} ends: RELEASE SAVEPOINT ({@code commit} true: its SETs
     * pass to the enclosing level) or ROLLBACK TO SAVEPOINT (false: its SETs are undone).
     */
    default void atSubTransactionEnd(boolean commit, int level) {
        throw new org.pgmini.error.PgException(org.pgmini.error.SqlState.FEATURE_NOT_SUPPORTED,
                "savepoints are not supported");
    }

    /** Every GUC_REPORT parameter with its value, for the ParameterStatus messages after startup. */
    Map<String, String> reportedValues();

    /**
     * GUC_REPORT parameters whose value changed since the previous call (including changes by a
     * configuration reload), to be sent as ParameterStatus before ReadyForQuery.
     */
    Map<String, String> takeReportedChanges();
}
