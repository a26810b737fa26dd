package org.pgmini.sqltests.regress;

/** Where psql connects: TCP host and port, the user and the database. */
public record ConnectionTarget(String host, int port, String user, String database) {
}
