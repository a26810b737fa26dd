package org.pgmini.executor.api;

/** What the executor needs from the session running it. Implemented by the server. */
public interface SessionContext {
    String userName();

    String databaseName();

    /** The backend's process id as reported in BackendKeyData and pg_backend_pid(). */
    int backendPid();

    /** Configuration parameters as this session sees them. */
    Settings settings();

    /** Transaction block control for BEGIN/COMMIT/ROLLBACK and their status byte. */
    TransactionControl transaction();

    /** Sends a NoticeResponse (the session filters by client_min_messages). */
    void notice(Notice notice);

    /**
     * Throws PgException 57014 if the client asked to cancel or statement_timeout expired.
     * Long-running loops call it regularly, as PostgreSQL's CHECK_FOR_INTERRUPTS().
     */
    void checkForInterrupts();

    /**
     * The server's parallel worker pool and DSM. Sessions without one (tests, tools) raise 0A000,
     * as does a server whose dynamic_shared_memory_type is none.
     */
    default WorkerLauncher workers() {
        throw new org.pgmini.error.PgException(org.pgmini.error.SqlState.FEATURE_NOT_SUPPORTED,
                "parallel worker processes are not supported in this session");
    }

    /**
     * The database this session is connected to: catalog, heap and the current storage
     * transaction. Sessions without storage (tools, table-less tests) raise 0A000.
     */
    default DatabaseAccess database() {
        throw new org.pgmini.error.PgException(org.pgmini.error.SqlState.FEATURE_NOT_SUPPORTED,
                "tables are not supported in this session");
    }

    /**
     * pg_stat_activity: every backend and worker process of the server, in no particular order.
     * Sessions outside a server raise 0A000.
     */
    default java.util.List<BackendStatus> serverActivity() {
        throw new org.pgmini.error.PgException(org.pgmini.error.SqlState.FEATURE_NOT_SUPPORTED,
                "pg_stat_activity is not available in this session");
    }
}
