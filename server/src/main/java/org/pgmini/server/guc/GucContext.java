package org.pgmini.server.guc;

/**
 * When a parameter may be changed, as PostgreSQL's GucContext. The order matters: a parameter
 * can be set from a context at or after its own (see {@link GucTable#checkContext}).
 */
public enum GucContext {
    /** Fixed at build or initdb time; SHOW only. */
    INTERNAL("internal"),
    /** Only at server start (postgresql.conf or command line). */
    POSTMASTER("postmaster"),
    /** In postgresql.conf; a reload (SIGHUP) applies changes. */
    SIGHUP("sighup"),
    /** At connection start by superusers (startup packet), or in the file for new sessions. */
    SUPERUSER_BACKEND("superuser-backend"),
    /** At connection start by anyone, or in the file for new sessions. */
    BACKEND("backend"),
    /** By SET, but only by superusers. */
    SUPERUSER("superuser"),
    /** By SET, by anyone. */
    USER("user");

    private final String pgName;

    GucContext(String pgName) {
        this.pgName = pgName;
    }

    /** The name pg_settings.context shows. */
    public String pgName() {
        return pgName;
    }
}
