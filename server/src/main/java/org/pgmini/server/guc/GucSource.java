package org.pgmini.server.guc;

/**
 * Where the current value of a parameter came from, in PostgreSQL's priority order: a value can
 * only be replaced by one from a source at least as high (a SET beats the file, the file does not
 * beat a SET). Names are what pg_settings.source shows.
 */
public enum GucSource {
    DEFAULT("default"),
    /** Computed at start from other settings (e.g. wal_buffers = -1); shown as "default". */
    DYNAMIC_DEFAULT("default"),
    ENVIRONMENT("environment variable"),
    FILE("configuration file"),
    COMMAND_LINE("command line"),
    GLOBAL("global"),
    DATABASE("database"),
    USER("user"),
    DATABASE_USER("database user"),
    CLIENT("client"),
    OVERRIDE("override"),
    INTERACTIVE("interactive"),
    TEST("test"),
    SESSION("session");

    private final String pgName;

    GucSource(String pgName) {
        this.pgName = pgName;
    }

    public String pgName() {
        return pgName;
    }

    /** True when a value from this source may replace one from {@code other}. */
    public boolean atLeast(GucSource other) {
        return compareTo(other) >= 0;
    }
}
