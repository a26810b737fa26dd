package org.pgmini.server.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.Notice;
import org.pgmini.executor.api.ParsedStatement;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.api.SqlEngine;
import org.pgmini.executor.api.StatementKind;
import org.pgmini.server.guc.SessionSettings;
import org.pgmini.server.protocol.BackendMessages;
import org.pgmini.server.protocol.ResponseBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client session's state after a successful startup, and the {@link SessionContext} the
 * executor sees: user, database, settings, transaction block, prepared statements and portals,
 * pending interrupts, and the response buffer.
 *
 * <p>Thread confinement: everything here belongs to the session's own thread; only
 * {@link Interrupts} is touched from outside (cancel, terminate).
 */
public final class Session implements SessionContext {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    private final String userName;
    private final String databaseName;
    private final int backendPid;
    private final SessionSettings settings;
    private final SqlEngine engine;
    private final Interrupts interrupts;
    private final ResponseBuffer out;
    private final TransactionBlock transaction;
    private final ActivityTracker activity;

    final Map<String, PreparedStatementEntry> statements = new HashMap<>();
    final Map<String, Portal> portals = new HashMap<>();
    /** The GUC_REPORT values the client was last told, so that only real changes are reported. */
    private final Map<String, String> reported = new LinkedHashMap<>();

    Session(String userName, String databaseName, int backendPid, SessionSettings settings, SqlEngine engine,
            Interrupts interrupts, ResponseBuffer out, ActivityTracker activity) {
        this.activity = activity;
        this.userName = userName;
        this.databaseName = databaseName;
        this.backendPid = backendPid;
        this.settings = settings;
        this.engine = engine;
        this.interrupts = interrupts;
        this.out = out;
        this.transaction = new TransactionBlock(settings, this::notice);
    }

    // ---- COPY FROM STDIN reads the client's CopyData through the backend (set by Backend) ----
    private java.util.function.Supplier<org.pgmini.server.protocol.FrontendMessage> copyInput;

    void setCopyInput(java.util.function.Supplier<org.pgmini.server.protocol.FrontendMessage> copyInput) {
        this.copyInput = copyInput;
    }

    /** The next client message during COPY FROM STDIN (blocks). */
    org.pgmini.server.protocol.FrontendMessage nextCopyMessage() {
        if (copyInput == null) {
            throw new org.pgmini.error.PgException(org.pgmini.error.SqlState.FEATURE_NOT_SUPPORTED,
                    "COPY FROM STDIN is not supported on this connection");
        }
        return copyInput.get();
    }

    // ---- parallel workers: the server's pool, if any (set by Backend after construction) ----
    private org.pgmini.executor.api.WorkerLauncher workers;

    void setWorkerLauncher(org.pgmini.executor.api.WorkerLauncher workers) {
        this.workers = workers;
    }

    @Override
    public org.pgmini.executor.api.WorkerLauncher workers() {
        if (workers == null) {
            return SessionContext.super.workers();
        }
        return workers;
    }

    // ---- pg_stat_activity: the server's backends and workers (set by Backend after construction) ----
    private java.util.function.Supplier<java.util.List<org.pgmini.executor.api.BackendStatus>> activitySource;

    void setActivitySource(java.util.function.Supplier<java.util.List<org.pgmini.executor.api.BackendStatus>> source) {
        this.activitySource = source;
    }

    @Override
    public java.util.List<org.pgmini.executor.api.BackendStatus> serverActivity() {
        return activitySource == null ? SessionContext.super.serverActivity() : activitySource.get();
    }

    // ---- the database: storage transaction and catalog (null without storage, as in protocol tests) ----
    private SessionDatabase database;

    /** Attaches the session's database (once, at startup); the transaction block drives its transactions. */
    void attachDatabase(SessionDatabase db) {
        this.database = db;
        transaction.attachStorage(db);
    }

    @Override
    public org.pgmini.executor.api.DatabaseAccess database() {
        if (database == null) {
            return SessionContext.super.database();
        }
        return database;
    }

    @Override
    public String userName() {
        return userName;
    }

    @Override
    public String databaseName() {
        return databaseName;
    }

    @Override
    public int backendPid() {
        return backendPid;
    }

    @Override
    public SessionSettings settings() {
        return settings;
    }

    @Override
    public TransactionBlock transaction() {
        return transaction;
    }

    SqlEngine engine() {
        return engine;
    }

    Interrupts interrupts() {
        return interrupts;
    }

    ResponseBuffer out() {
        return out;
    }

    /** Session thread only. PostgreSQL flushes each notice at once so the client sees it while a statement runs. */
    @Override
    public void notice(Notice notice) {
        if (!NoticeFilter.sendToClient(notice.severity(), clientMinMessages())) {
            return;
        }
        BackendMessages.noticeResponse(out.buf(), notice);
        out.flush();
    }

    @Override
    public void checkForInterrupts() {
        interrupts.check();
    }

    private String clientMinMessages() {
        try {
            return settings.getString("client_min_messages");
        } catch (PgException e) {
            return "notice";
        }
    }

    /** An integer setting in its base unit; 0 when the GUC system does not know it. */
    int intSetting(String name) {
        try {
            return settings.getInt(name);
        } catch (PgException e) {
            return 0;
        }
    }

    /** A boolean setting; false when the GUC system does not know it. */
    boolean boolSetting(String name) {
        try {
            return settings.getBool(name);
        } catch (PgException e) {
            return false;
        }
    }

    /** statement_timeout in milliseconds, 0 when off. */
    int statementTimeoutMillis() {
        return intSetting("statement_timeout");
    }

    /** Sends an ErrorResponse and flushes it, as PostgreSQL does for every error. */
    void reportError(PgException e) {
        BackendMessages.errorResponse(out.buf(), e);
        out.flush();
    }

    /**
     * The step of PostgreSQL's error recovery both protocols share: a FATAL error is rethrown (it
     * ends the session); any other is reported and aborts the transaction.
     */
    void reportAndAbort(Throwable t) {
        PgException e = asPgException(t);
        if ("FATAL".equals(e.severity())) {
            throw e;
        }
        reportError(e);
        transaction().abortOnError();
    }

    /** The ParameterStatus burst of a new session. */
    void reportAllParameters() {
        for (Map.Entry<String, String> e : settings.reportedValues().entrySet()) {
            reported.put(e.getKey(), e.getValue());
            noteReported(e.getKey(), e.getValue());
            BackendMessages.parameterStatus(out.buf(), e.getKey(), e.getValue());
        }
        reportChangedParameters();
    }

    /** ParameterStatus for GUC_REPORT values that changed (PostgreSQL 15 sends them just before ReadyForQuery). */
    void reportChangedParameters() {
        Map<String, String> changes;
        try {
            changes = settings.takeReportedChanges();
        } catch (RuntimeException e) {
            // A reporting problem must not end the session or hide the ReadyForQuery after it.
            LOG.warn("could not collect changed GUC_REPORT parameters", e);
            return;
        }
        if (changes.isEmpty()) {
            return;
        }
        for (Map.Entry<String, String> e : changes.entrySet()) {
            if (!e.getValue().equals(reported.get(e.getKey()))) {
                reported.put(e.getKey(), e.getValue());
                noteReported(e.getKey(), e.getValue());
                BackendMessages.parameterStatus(out.buf(), e.getKey(), e.getValue());
            }
        }
    }

    /** application_name is a GUC_REPORT parameter, so its changes pass through here. */
    private void noteReported(String name, String value) {
        if (name.equalsIgnoreCase("application_name")) {
            activity.applicationName(value);
        }
    }

    /** Ends a command cycle: changed parameters, ReadyForQuery with the status byte, one flush. */
    void readyForQuery() {
        reportChangedParameters();
        char status = transaction.status();
        BackendMessages.readyForQuery(out.buf(), status);
        activity.idle(status, transaction.transactionStartTime());
        out.flush();
    }

    /** pg_stat_activity: this statement text is now running. */
    void active(String sql) {
        activity.active(sql, transaction.transactionStartTime());
    }

    /** Portals die with their transaction: drop those created in a transaction that has ended. */
    void dropStalePortals() {
        if (portals.isEmpty()) {
            return;
        }
        long current = transaction.generation();
        for (Iterator<Portal> it = portals.values().iterator(); it.hasNext(); ) {
            Portal p = it.next();
            if (p.transactionGeneration != current || !transaction.inTransaction()) {
                closeQuietly(p);
                it.remove();
            }
        }
    }

    void closeQuietly(Portal p) {
        try {
            p.close();
        } catch (RuntimeException e) {
            LOG.warn("closing portal \"{}\" failed", p.name, e);
        }
    }

    /** Close message, Bind or Query replacing a portal: drops {@code name} if it exists. */
    void closePortal(String name) {
        Portal p = portals.remove(name);
        if (p != null) {
            closeQuietly(p);
        }
    }

    /** The connection ends: roll back and release every portal. */
    void close() {
        for (Portal p : portals.values()) {
            closeQuietly(p);
        }
        portals.clear();
        statements.clear();
        try {
            transaction.abortAll();
        } catch (RuntimeException e) {
            LOG.warn("rolling back at session end failed", e);
        }
        if (database != null) {
            try {
                database.close();
            } catch (RuntimeException e) {
                LOG.warn("leaving the database at session end failed", e);
            }
        }
    }

    /** In a failed block only these may run: PostgreSQL's IsTransactionExitStmt. */
    static boolean isTransactionExit(StatementKind kind) {
        return kind == StatementKind.COMMIT || kind == StatementKind.ROLLBACK
                || kind == StatementKind.ROLLBACK_TO_SAVEPOINT;
    }

    /** In a failed block anything but a transaction exit fails with 25P02. */
    void refuseInFailedTransaction(StatementKind kind) {
        if (transaction.isAborted() && !isTransactionExit(kind)) {
            throw TransactionBlock.inFailedTransaction();
        }
    }

    /** The statements of a query string, leaving out empty ones (";;"). */
    List<ParsedStatement> parseNonEmpty(String sql) {
        List<ParsedStatement> out = new ArrayList<>();
        for (ParsedStatement p : engine().parse(sql)) {
            if (p.kind() != StatementKind.EMPTY) {
                out.add(p);
            }
        }
        return out;
    }

    /** SAVEPOINT, RELEASE and ROLLBACK TO need a block (PostgreSQL's RequireTransactionBlock). */
    void requireBlockFor(StatementKind kind) {
        String what = switch (kind) {
            case SAVEPOINT -> "SAVEPOINT";
            case RELEASE_SAVEPOINT -> "RELEASE SAVEPOINT";
            case ROLLBACK_TO_SAVEPOINT -> "ROLLBACK TO SAVEPOINT";
            default -> null;
        };
        if (what != null && !transaction.inBlock()) {
            throw new PgException(SqlState.NO_ACTIVE_SQL_TRANSACTION, what + " can only be used in transaction blocks");
        }
    }

    /** Converts anything thrown by the engine into what the client is told. */
    static PgException asPgException(Throwable t) {
        if (t instanceof PgException p) {
            return p;
        }
        if (t instanceof StackOverflowError) {
            return PgException.withHint(SqlState.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded",
                    "Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), after ensuring"
                            + " the platform's stack depth limit is adequate.");
        }
        if (t instanceof OutOfMemoryError) {
            return new PgException(SqlState.OUT_OF_MEMORY, "out of memory");
        }
        LOG.error("internal error in a session", t);
        return new PgException(SqlState.INTERNAL_ERROR, String.valueOf(t), t);
    }
}
