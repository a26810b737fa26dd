package org.pgmini.server.session;

import java.net.InetAddress;

/**
 * A snapshot of one backend for pg_stat_activity: PostgreSQL's column meanings, times in epoch
 * milliseconds (0 when not applicable). {@code state} is null while the session starts, then
 * {@code active}, {@code idle}, {@code idle in transaction} or
 * {@code idle in transaction (aborted)}; {@code query} is the current or last statement text.
 * {@code clientAddress} is null for a Unix-domain socket (port -1). {@code xactStartMicros} is
 * the current transaction's start in epoch microseconds (now() of that transaction), 0 outside one.
 */
public record BackendActivity(int pid, String userName, String databaseName, String applicationName,
                              InetAddress clientAddress, int clientPort, long backendStart, long xactStartMicros,
                              long queryStart, long stateChange, String state, String query) {
}
