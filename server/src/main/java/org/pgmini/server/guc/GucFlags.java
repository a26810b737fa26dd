package org.pgmini.server.guc;

/** Bit flags of a parameter definition, named after PostgreSQL's GUC_* flags. */
public final class GucFlags {
    private GucFlags() {}

    /** Changes are sent to the client as ParameterStatus. */
    public static final int REPORT = 1;
    /** SET accepts a list of values, joined with ", ". */
    public static final int LIST_INPUT = 1 << 1;
    /** List elements are double-quoted where an identifier would need it (search_path). */
    public static final int LIST_QUOTE = 1 << 2;
    /** Hidden from SHOW ALL and pg_settings. */
    public static final int NO_SHOW_ALL = 1 << 3;
    /** Left alone by RESET ALL. */
    public static final int NO_RESET_ALL = 1 << 4;
    /** Not written into postgresql.conf.sample. */
    public static final int NOT_IN_SAMPLE = 1 << 5;
    /** May not be set in a configuration file (nor by ALTER SYSTEM). */
    public static final int DISALLOW_IN_FILE = 1 << 6;
    /** Only superusers may see the value. */
    public static final int SUPERUSER_ONLY = 1 << 7;
    /** A custom parameter ("ext.name") nobody has defined: a string placeholder. */
    public static final int CUSTOM_PLACEHOLDER = 1 << 8;
    /** May not be set by ALTER SYSTEM. */
    public static final int DISALLOW_IN_AUTO_FILE = 1 << 9;
}
