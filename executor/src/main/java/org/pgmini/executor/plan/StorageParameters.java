package org.pgmini.executor.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.parser.ast.PgDdl;

/**
 * A table's storage parameters (CREATE TABLE ... WITH (...), ALTER TABLE ... SET/RESET (...)),
 * checked as PostgreSQL's reloptions.c checks heap options, and kept as pg_class.reloptions
 * keeps them: "name=value" entries with the value as written (a missing value is "true").
 * Supported: parallel_workers (0..1024, read by the parallel planner), fillfactor (10..100,
 * stored; our heap always fills pages completely), autovacuum_enabled (stored; there is no
 * autovacuum). PostgreSQL's other heap parameters are 0A000; unknown names are 22023 as in
 * PostgreSQL.
 */
public final class StorageParameters {
    private StorageParameters() {}

    /** An integer parameter with its bounds. */
    private record IntRange(int min, int max) {}

    private static final java.util.Map<String, IntRange> INTEGERS = java.util.Map.of(
            "parallel_workers", new IntRange(0, 1024),
            "fillfactor", new IntRange(10, 100));
    private static final Set<String> BOOLEANS = Set.of("autovacuum_enabled");
    /** PostgreSQL 15's other heap parameters: valid there, not supported here. */
    private static final Set<String> UNSUPPORTED = Set.of("autovacuum_vacuum_threshold", "autovacuum_vacuum_insert_threshold",
            "autovacuum_analyze_threshold", "autovacuum_vacuum_cost_limit", "autovacuum_freeze_min_age",
            "autovacuum_freeze_max_age", "autovacuum_freeze_table_age", "autovacuum_multixact_freeze_min_age",
            "autovacuum_multixact_freeze_max_age", "autovacuum_multixact_freeze_table_age", "log_autovacuum_min_duration",
            "toast_tuple_target", "autovacuum_vacuum_cost_delay", "autovacuum_vacuum_scale_factor",
            "autovacuum_vacuum_insert_scale_factor", "autovacuum_analyze_scale_factor", "user_catalog_table",
            "vacuum_index_cleanup", "vacuum_truncate");

    /** The entries of CREATE TABLE ... WITH (options), in the order written. */
    public static List<String> forCreate(List<PgDdl.RelOption> options) {
        List<String> out = new ArrayList<>();
        for (PgDdl.RelOption o : options) {
            if (o.namespace() == null && o.name().equals("oids")) {
                // WITH (oids = false) is accepted and dropped, as PostgreSQL does
                if (parseBool(o.value() == null ? "true" : o.value())) {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "tables declared WITH OIDS are not supported");
                }
                continue;
            }
            out.add(entry(o));
        }
        checkDuplicates(out);
        return out;
    }

    /** ALTER TABLE ... SET (options): each replaces an entry of the same name, new ones go last. */
    public static List<String> set(List<String> current, List<PgDdl.RelOption> options) {
        List<String> added = new ArrayList<>();
        for (PgDdl.RelOption o : options) {
            added.add(entry(o));
        }
        List<String> out = new ArrayList<>();
        for (String e : current) {
            if (!containsName(added, nameOf(e))) {
                out.add(e);
            }
        }
        out.addAll(added);
        checkDuplicates(out);
        return out;
    }

    /** ALTER TABLE ... RESET (names): removes them (names that are not set, or unknown, are ignored as in PostgreSQL). */
    public static List<String> reset(List<String> current, List<PgDdl.RelOption> options) {
        Set<String> names = new HashSet<>();
        for (PgDdl.RelOption o : options) {
            if (o.value() != null) {
                throw new PgException(SqlState.SYNTAX_ERROR, "RESET must not include values for parameters");
            }
            names.add(o.namespace() == null ? o.name() : o.namespace() + "." + o.name());
        }
        List<String> out = new ArrayList<>();
        for (String e : current) {
            if (!names.contains(nameOf(e))) {
                out.add(e);
            }
        }
        return out;
    }

    /** The integer value of an entry's text, as PostgreSQL's parse_int reads it (fractions rounded), or null if none. */
    public static Integer intValue(String text) {
        if (text == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(text.trim());
            double r = Math.rint(d);
            if (Double.isNaN(r) || r < Integer.MIN_VALUE || r > Integer.MAX_VALUE) {
                return null;
            }
            return (int) r;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String entry(PgDdl.RelOption o) {
        String value = o.value() == null ? "true" : o.value();
        if (o.namespace() != null) {
            if (!o.namespace().equals("toast")) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "unrecognized parameter namespace \"" + o.namespace() + "\"");
            }
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "storage parameters of TOAST tables are not supported");
        }
        String name = o.name();
        IntRange range = INTEGERS.get(name);
        if (range != null) {
            Integer v = o.value() == null ? null : intValue(value);
            if (v == null || !value.trim().matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for integer option \"" + name + "\": " + value);
            }
            if (v < range.min() || v > range.max()) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "value " + value + " out of bounds for option \"" + name
                        + "\"", "Valid values are between \"" + range.min() + "\" and \"" + range.max() + "\".", null, 0, null, null);
            }
        } else if (BOOLEANS.contains(name)) {
            if (!isBool(value)) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for boolean option \"" + name + "\": " + value);
            }
        } else if (UNSUPPORTED.contains(name)) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "storage parameter \"" + name + "\" is not supported");
        } else {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "unrecognized parameter \"" + name + "\"");
        }
        return name + "=" + value;
    }

    private static void checkDuplicates(List<String> entries) {
        Set<String> seen = new HashSet<>();
        for (String e : entries) {
            if (!seen.add(nameOf(e))) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "parameter \"" + nameOf(e) + "\" specified more than once");
            }
        }
    }

    private static boolean containsName(List<String> entries, String name) {
        for (String e : entries) {
            if (nameOf(e).equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static String nameOf(String entry) {
        int eq = entry.indexOf('=');
        return eq < 0 ? entry : entry.substring(0, eq);
    }

    /** PostgreSQL's parse_bool: true/false/yes/no/on/off/1/0 and unique prefixes, any case, surrounding blanks ignored. */
    private static boolean isBool(String v) {
        try {
            parseBool(v);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean parseBool(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            throw new IllegalArgumentException(text);
        }
        if ("true".startsWith(v) || "yes".startsWith(v) || v.equals("on") || v.equals("1")) {
            return true;
        }
        if ("false".startsWith(v) || "no".startsWith(v) || v.length() >= 2 && "off".startsWith(v) || v.equals("0")) {
            return false;
        }
        throw new IllegalArgumentException(text);
    }
}
