package org.pgmini.executor.parallel;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.Notice;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.api.SettingInfo;
import org.pgmini.executor.api.Settings;
import org.pgmini.executor.api.TransactionControl;
import org.pgmini.shmem.libc.Processes;
import org.pgmini.shmem.mq.ShmMq;

/**
 * The session a parallel worker evaluates its fragment in: the leader's user, database, pid,
 * the settings expressions read ({@link #SHIPPED_SETTINGS}, copied when the Gather started, as
 * PostgreSQL copies the GUC state into the DSM segment) and the statement's and transaction's
 * start times. Read-only: SET is refused as in PostgreSQL ("cannot set parameters during a
 * parallel operation"); no catalog ({@code database()} keeps the 0A000 default).
 *
 * <p>Interrupts: {@link #checkForInterrupts} ends the worker's part (57014) once the leader
 * detached the tuple queue (LIMIT satisfied, error, cancel, statement_timeout) or died, so a
 * worker busy in a scan or aggregate that sends nothing stops soon too.
 */
final class WorkerSession implements SessionContext {
    /** Settings the executor's expressions and operators read through the session. */
    static final List<String> SHIPPED_SETTINGS = List.of("DateStyle", "IntervalStyle", "TimeZone", "extra_float_digits",
            "bytea_output", "search_path", "work_mem", "client_encoding", "standard_conforming_strings");

    private final String user;
    private final String database;
    private final int backendPid;
    private final int leaderPid;
    private final Map<String, String> settings;
    private final Instant statementTime;
    private final Instant transactionTime;
    private final ShmMq tupleQueue;
    private int checks;

    WorkerSession(String user, String database, int backendPid, int leaderPid, Map<String, String> settings,
                  Instant statementTime, Instant transactionTime, ShmMq tupleQueue) {
        this.user = user;
        this.database = database;
        this.backendPid = backendPid;
        this.leaderPid = leaderPid;
        this.settings = settings;
        this.statementTime = statementTime;
        this.transactionTime = transactionTime;
        this.tupleQueue = tupleQueue;
    }

    @Override public String userName() { return user; }
    @Override public String databaseName() { return database; }
    @Override public int backendPid() { return backendPid; }

    @Override
    public void notice(Notice notice) {
        // PostgreSQL relays a worker's notices to the client through the leader; the fragments we
        // ship (scans, filters, projections, partial aggregates) raise none, so none are relayed.
    }

    @Override
    public void checkForInterrupts() {
        if (tupleQueue.isDetached()) {
            throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
        // a kill(0) costs a system call: look at the leader's process only now and then
        if ((++checks & 63) == 0 && !Processes.isAlive(leaderPid)) {
            throw new PgException(SqlState.ADMIN_SHUTDOWN, "terminating parallel worker because its leader exited");
        }
    }

    @Override
    public TransactionControl transaction() {
        return new TransactionControl() {
            @Override public String begin() { throw readOnly(); }
            @Override public String commit() { throw readOnly(); }
            @Override public String rollback() { throw readOnly(); }
            @Override public boolean inBlock() { return true; }
            @Override public Instant transactionStartTime() { return transactionTime; }
            @Override public Instant statementStartTime() { return statementTime; }
        };
    }

    private static PgException readOnly() {
        return new PgException(SqlState.INVALID_TRANSACTION_STATE, "cannot start commands during a parallel operation");
    }

    private static PgException cannotSet() {
        return new PgException(SqlState.INVALID_TRANSACTION_STATE, "cannot set parameters during a parallel operation");
    }

    @Override
    public Settings settings() {
        return new Settings() {
            @Override
            public String show(String name) {
                return currentSetting(name, false);
            }

            @Override
            public String currentSetting(String name, boolean missingOk) {
                for (Map.Entry<String, String> e : settings.entrySet()) {
                    if (e.getKey().equalsIgnoreCase(name)) {
                        return e.getValue();
                    }
                }
                if (missingOk) {
                    return null;
                }
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                        "setting \"" + name + "\" is not available in a parallel worker");
            }

            @Override public void set(String name, List<String> values, boolean local) { throw cannotSet(); }
            @Override public String setConfig(String name, String value, boolean local) { throw cannotSet(); }
            @Override public void reset(String name) { throw cannotSet(); }
            @Override public void resetAll() { throw cannotSet(); }
            @Override public List<SettingInfo> all() {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "pg_settings is not available in a parallel worker");
            }
            @Override public void alterSystem(String name, String value) { throw cannotSet(); }
            @Override public boolean reloadConfiguration() { return false; }
        };
    }
}
