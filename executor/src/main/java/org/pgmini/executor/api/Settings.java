package org.pgmini.executor.api;

import java.util.List;

/**
 * Configuration parameters (GUCs) as one session sees them: what SHOW, SET, RESET,
 * current_setting(), set_config(), pg_settings and ALTER SYSTEM need. Implemented by the
 * server's GUC system. Names are case-insensitive. Errors are PostgreSQL's: 42704 unknown
 * parameter, 22023 invalid value, 55P02 wrong context, 42501 not permitted.
 */
public interface Settings {
    /** The value as SHOW prints it (units included, e.g. {@code 4MB}). */
    String show(String name);

    /** current_setting(name, missing_ok): null when unknown and missingOk. */
    String currentSetting(String name, boolean missingOk);

    /**
     * SET [LOCAL] name TO value[, value...]; an empty list means DEFAULT. List values are
     * joined as PostgreSQL joins them for list parameters (search_path, DateStyle).
     */
    void set(String name, List<String> values, boolean local);

    /** set_config(name, value, is_local): returns the new value as SHOW prints it. */
    String setConfig(String name, String value, boolean local);

    /** RESET name. */
    void reset(String name);

    /** RESET ALL. */
    void resetAll();

    /** Every parameter visible to this session, sorted by name, for SHOW ALL and pg_settings. */
    List<SettingInfo> all();

    /** ALTER SYSTEM SET name = value (value null: ALTER SYSTEM RESET name; name "all" with null: RESET ALL). */
    void alterSystem(String name, String value);

    /** pg_reload_conf(): signals the postmaster to re-read its configuration files. */
    boolean reloadConfiguration();
}
