package org.pgmini.server.session;

import java.net.InetAddress;

/**
 * What a backend is doing, written by its own thread and read by any thread asking for
 * pg_stat_activity. Each field is volatile and written on its own, so a reader may see a new
 * state with the previous query for an instant, as PostgreSQL's st_changecount-free readers
 * could; it never sees a torn value.
 */
final class ActivityTracker {
    private final int pid;
    private final InetAddress clientAddress;
    private final int clientPort;
    private final long backendStart = System.currentTimeMillis();
    private volatile String userName;
    private volatile String databaseName;
    private volatile String applicationName = "";
    private volatile String state;
    private volatile String query = "";
    private volatile long queryStart;
    private volatile long stateChange;
    /** Start of the current transaction in epoch microseconds, 0 outside one. */
    private volatile long xactStart;

    ActivityTracker(int pid, InetAddress clientAddress, int clientPort) {
        this.pid = pid;
        this.clientAddress = clientAddress;
        this.clientPort = clientPort;
    }

    void started(String user, String database) {
        this.userName = user;
        this.databaseName = database;
    }

    void applicationName(String name) {
        this.applicationName = name;
    }

    /** A statement starts running in the transaction that started at {@code transactionStart}. */
    void active(String sql, java.time.Instant transactionStart) {
        long now = System.currentTimeMillis();
        xactStart = micros(transactionStart);
        query = sql;
        queryStart = now;
        if (!"active".equals(state)) {
            state = "active";
            stateChange = now;
        }
    }

    /** ReadyForQuery was sent with this transaction status (the transaction, if any, started then). */
    void idle(char transactionStatus, java.time.Instant transactionStart) {
        xactStart = micros(transactionStart);
        String s = switch (transactionStatus) {
            case 'T' -> "idle in transaction";
            case 'E' -> "idle in transaction (aborted)";
            default -> "idle";
        };
        if (!s.equals(state)) {
            state = s;
            stateChange = System.currentTimeMillis();
        }
    }

    BackendActivity snapshot() {
        return new BackendActivity(pid, userName, databaseName, applicationName, clientAddress, clientPort, backendStart,
                xactStart, queryStart, stateChange, state, query);
    }

    private static long micros(java.time.Instant t) {
        return t == null ? 0 : t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }
}
