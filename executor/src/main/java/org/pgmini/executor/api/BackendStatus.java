package org.pgmini.executor.api;

import java.time.Instant;

/**
 * One row of pg_stat_activity: a client backend or a parallel worker process of the server, with
 * PostgreSQL's column meanings. Times are null when not applicable; {@code clientAddr} and
 * {@code clientPort} are null with port -1 for a Unix-domain socket, both null for a worker;
 * {@code leaderPid} is the leader's pid for a worker on a job, else null; {@code backendType} is
 * {@code client backend} or {@code parallel worker}.
 */
public record BackendStatus(int pid, Integer leaderPid, String datname, String usename, String applicationName,
                            String clientAddr, Integer clientPort, Instant backendStart, Instant xactStart,
                            Instant queryStart, Instant stateChange, String state, String query, String backendType) {
}
