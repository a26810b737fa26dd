package org.pgmini.wal.control;

/** Cluster state kept in pg_control, with pg_controldata's wording. */
public enum DbState {
    STARTUP("starting up"),
    SHUTDOWNED("shut down"),
    SHUTDOWNED_IN_RECOVERY("shut down in recovery"),
    SHUTDOWNING("shutting down"),
    IN_CRASH_RECOVERY("in crash recovery"),
    IN_ARCHIVE_RECOVERY("in archive recovery"),
    IN_PRODUCTION("in production");

    private final String text;

    DbState(String text) { this.text = text; }

    public String text() { return text; }
}
