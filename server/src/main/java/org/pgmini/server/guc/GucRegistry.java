package org.pgmini.server.guc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * Every parameter definition, looked up case-insensitively. Built once ({@link #builtin()}) and
 * read-only afterwards, so sessions share it without locking. Custom "prefix.name" placeholders
 * are not definitions: each {@link GucTable} creates its own.
 */
public final class GucRegistry {
    private final Map<String, GucDefinition> byLowerName = new LinkedHashMap<>();

    private static final GucRegistry BUILTIN = BuiltinGucs.register(new GucRegistry());

    /** The registry of PostgreSQL's (and pgmini's) built-in parameters. */
    public static GucRegistry builtin() {
        return BUILTIN;
    }

    void add(GucDefinition def) {
        String key = def.name().toLowerCase(Locale.ROOT);
        if (byLowerName.putIfAbsent(key, def) != null) {
            throw new IllegalStateException("parameter registered twice: " + def.name());
        }
        reportedNames = null;
    }

    /** The definition, or null. */
    public GucDefinition find(String name) {
        return byLowerName.get(name.toLowerCase(Locale.ROOT));
    }

    public Collection<GucDefinition> all() {
        return Collections.unmodifiableCollection(byLowerName.values());
    }

    /**
     * A placeholder for a custom parameter ("myext.level"): a user-settable string, hidden from
     * SHOW ALL. Throws 42602 if the name is not two or more identifiers separated by dots.
     */
    static GucDefinition placeholder(String name) {
        if (!isValidCustomName(name)) {
            throw PgException.withDetail(SqlState.INVALID_NAME,
                    "invalid configuration parameter name \"" + name + "\"",
                    "Custom parameter names must be two or more simple identifiers separated by dots.");
        }
        return new StringGuc(name.toLowerCase(Locale.ROOT), GucContext.USER, "Customized Options",
                "A custom parameter no module has defined.",
                GucFlags.NO_SHOW_ALL | GucFlags.NOT_IN_SAMPLE | GucFlags.CUSTOM_PLACEHOLDER, "", null);
    }

    /** Whether a name has the shape of a custom parameter: identifiers joined by dots. */
    static boolean isCustomName(String name) {
        return name.indexOf('.') >= 0;
    }

    private static boolean isValidCustomName(String name) {
        boolean sawDot = false;
        boolean atStart = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (atStart) {
                    return false;
                }
                sawDot = true;
                atStart = true;
            } else if (Character.isLetter(c) || c == '_' || c >= 128) {
                atStart = false;
            } else if ((Character.isDigit(c) || c == '$') && !atStart) {
                atStart = false;
            } else {
                return false;
            }
        }
        return sawDot && !atStart;
    }

    /**
     * The GUC_REPORT names, computed once: every session asks before each ReadyForQuery, and
     * walking all definitions for that cost a measurable share of a short statement's round
     * trip. Reset by {@link #add}; an immutable list, so a race only computes it twice.
     */
    private volatile List<String> reportedNames;

    /** Names of the GUC_REPORT parameters, in registration order (an unmodifiable list). */
    public List<String> reportedNames() {
        List<String> cached = reportedNames;
        if (cached != null) {
            return cached;
        }
        List<String> names = new ArrayList<>();
        for (GucDefinition d : byLowerName.values()) {
            if (d.hasFlag(GucFlags.REPORT)) {
                names.add(d.name());
            }
        }
        cached = List.copyOf(names);
        reportedNames = cached;
        return cached;
    }
}
