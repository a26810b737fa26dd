package org.pgmini.server.guc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.SettingInfo;

/**
 * The values of every parameter as one process (the postmaster) or one session sees them, and
 * PostgreSQL's rules for changing them: context checks, source priorities, reset values, and the
 * per-nest-level stack that makes SET transactional (a SET is undone by ROLLBACK, a SET LOCAL
 * ends with its transaction; savepoints are further nest levels).
 *
 * <p>Not thread-safe: the owner (one session thread, or the postmaster under its own lock)
 * serialises all calls.
 */
public final class GucTable {
    private final GucRegistry registry;
    private final Map<String, GucVariable> vars = new LinkedHashMap<>();
    /** True for sessions: they ignore backend-context parameters when the file is re-read. */
    private final boolean underPostmaster;
    /** 0 outside a transaction, 1 in a transaction, more inside subtransactions. */
    private int nestLevel;
    /** Variables that have stack entries, so transaction end need not visit all of them. */
    private final Set<GucVariable> stacked = new LinkedHashSet<>();

    public GucTable(GucRegistry registry) {
        this(registry, false);
    }

    private GucTable(GucRegistry registry, boolean underPostmaster) {
        this.registry = registry;
        this.underPostmaster = underPostmaster;
        for (GucDefinition d : registry.all()) {
            vars.put(d.name().toLowerCase(Locale.ROOT), new GucVariable(d));
        }
    }

    /** A session's table: the postmaster's values as they are now (as fork() would copy them). */
    public GucTable copyForSession() {
        if (nestLevel != 0 || !stacked.isEmpty()) {
            throw new IllegalStateException("copying a table inside a transaction");
        }
        GucTable t = new GucTable(registry, true);
        t.vars.clear();
        for (Map.Entry<String, GucVariable> e : vars.entrySet()) {
            t.vars.put(e.getKey(), e.getValue().copyWithoutStack());
        }
        return t;
    }

    public GucRegistry registry() {
        return registry;
    }

    // ---------------------------------------------------------------- lookup

    /** The variable, or null; a custom name gets a placeholder when {@code createPlaceholder}. */
    GucVariable lookup(String name, boolean createPlaceholder) {
        String key = name.toLowerCase(Locale.ROOT);
        GucVariable v = vars.get(key);
        if (v == null && createPlaceholder && GucRegistry.isCustomName(name)) {
            v = new GucVariable(GucRegistry.placeholder(name));
            vars.put(key, v);
        }
        return v;
    }

    static PgException unrecognized(String name) {
        return new PgException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
    }

    GucVariable require(String name, boolean createPlaceholder) {
        GucVariable v = lookup(name, createPlaceholder);
        if (v == null) {
            throw unrecognized(name);
        }
        return v;
    }

    /** The definition of a known parameter (placeholders included), or null. */
    public GucDefinition definition(String name) {
        GucVariable v = lookup(name, false);
        return v == null ? null : v.def;
    }

    /** Current value in SHOW format; 42704 if unknown; 42501 for superuser-only values when not superuser. */
    public String show(String name, boolean superuser) {
        GucVariable v = require(name, false);
        checkVisible(v, superuser);
        return v.show();
    }

    /** Current raw value (Boolean, Integer, Double or String; enums as their SHOW name). */
    public Object value(String name) {
        GucVariable v = require(name, false);
        if (v.def instanceof EnumGuc) {
            return v.show();
        }
        return v.current.value();
    }

    /** The value of an integer parameter, in its base unit (ConfigView.getInt). */
    public int intValue(String name) {
        if (value(name) instanceof Integer i) {
            return i;
        }
        throw new IllegalArgumentException("parameter \"" + name + "\" is not an integer");
    }

    /** The value of a Boolean parameter (ConfigView.getBool). */
    public boolean boolValue(String name) {
        if (value(name) instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("parameter \"" + name + "\" is not a Boolean");
    }

    /** The value of a real or integer parameter (ConfigView.getReal). */
    public double realValue(String name) {
        Object v = value(name);
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Integer i) {
            return i;
        }
        throw new IllegalArgumentException("parameter \"" + name + "\" is not numeric");
    }

    private static void checkVisible(GucVariable v, boolean superuser) {
        if (v.def.hasFlag(GucFlags.SUPERUSER_ONLY) && !superuser) {
            throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser or have privileges of "
                    + "pg_read_all_settings to examine \"" + v.def.name() + "\"");
        }
    }

    // ---------------------------------------------------------------- setting values

    /**
     * PostgreSQL's set_config_option. {@code value} null means "the reset value" (RESET, SET TO
     * DEFAULT), or the built-in default when {@code source} is DEFAULT. Returns false if the
     * value was ignored because the present one comes from a higher-priority source (or a
     * session ignores a backend parameter from the file). Throws PgException on invalid names,
     * values or contexts. When {@code changeVal} is false only validates.
     */
    public boolean set(String name, String value, GucContext context, GucSource source, GucAction action,
                       boolean changeVal, String file, int line) {
        GucVariable v = require(name, true);
        name = v.def.name(); // PostgreSQL names the parameter as registered in its messages
        if (action == GucAction.LOCAL && nestLevel == 0) {
            // SET LOCAL outside a transaction would end at once: only validate.
            changeVal = false;
        }
        boolean prohibitValueChange = false;
        switch (v.def.context()) {
            case INTERNAL:
                if (context != GucContext.INTERNAL) {
                    throw cantChange("parameter \"" + name + "\" cannot be changed");
                }
                break;
            case POSTMASTER:
                if (context == GucContext.SIGHUP) {
                    prohibitValueChange = true;
                } else if (context != GucContext.POSTMASTER) {
                    throw cantChange("parameter \"" + name + "\" cannot be changed without restarting the server");
                }
                break;
            case SIGHUP:
                if (context != GucContext.SIGHUP && context != GucContext.POSTMASTER) {
                    throw cantChange("parameter \"" + name + "\" cannot be changed now");
                }
                break;
            case SUPERUSER_BACKEND:
                if (context == GucContext.BACKEND) {
                    throw permissionDenied(name);
                }
                // falls through: otherwise the same as a backend parameter
            case BACKEND:
                if (context == GucContext.SIGHUP) {
                    if (underPostmaster) {
                        return false; // a running session keeps the value it started with
                    }
                } else if (context != GucContext.POSTMASTER && context != GucContext.BACKEND
                        && context != GucContext.SUPERUSER_BACKEND && source != GucSource.CLIENT) {
                    throw cantChange("parameter \"" + name + "\" cannot be set after connection start");
                }
                break;
            case SUPERUSER:
                if (context == GucContext.USER || context == GucContext.BACKEND) {
                    throw permissionDenied(name);
                }
                break;
            case USER:
                break;
        }

        // Values from the file, the command line or the client also become the reset value
        // (non-transactionally), as in PostgreSQL.
        boolean makeDefault = changeVal && source.compareTo(GucSource.OVERRIDE) <= 0
                && (value != null || source == GucSource.DEFAULT);
        if (!source.atLeast(v.current.source())) {
            if (changeVal && !makeDefault) {
                return false;
            }
            changeVal = false;
        }

        GucValue newValue;
        if (value != null) {
            Object parsed = v.def.parse(name, value, v.current.value(), v.reset.value());
            newValue = new GucValue(parsed, source, file, line);
        } else if (source == GucSource.DEFAULT) {
            newValue = GucValue.of(v.def.bootValue(), GucSource.DEFAULT);
        } else {
            newValue = v.reset;
        }

        if (prohibitValueChange) {
            if (!Objects.equals(newValue.value(), v.current.value())) {
                v.pendingRestart = true;
                throw cantChange("parameter \"" + name + "\" cannot be changed without restarting the server");
            }
            v.pendingRestart = false;
            // Same value: only the recorded file position may move.
            if (changeVal && v.current.source() == GucSource.FILE) {
                v.current = newValue;
                v.reset = newValue;
            }
            return true;
        }

        if (changeVal) {
            if (!makeDefault) {
                pushOldValue(v, action);
            }
            v.current = newValue;
        }
        if (makeDefault) {
            if (newValue.source().atLeast(v.reset.source())) {
                v.reset = newValue;
            }
            for (GucVariable.StackEntry e = v.stack; e != null; e = e.prev) {
                if (newValue.source().atLeast(e.prior.source())) {
                    e.prior = newValue;
                }
            }
        }
        return changeVal || makeDefault;
    }

    private static PgException cantChange(String message) {
        return new PgException(SqlState.CANT_CHANGE_RUNTIME_PARAM, message);
    }

    private static PgException permissionDenied(String name) {
        return new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to set parameter \"" + name + "\"");
    }

    /** Sets a value directly, bypassing checks and the stack (computed defaults, session identity). */
    void force(String name, Object value, GucSource source, boolean alsoReset) {
        GucVariable v = require(name, false);
        v.current = GucValue.of(value, source);
        if (alsoReset) {
            v.reset = v.current;
        }
    }

    /** Saves the current value for this nest level before a SET / SET LOCAL changes it. */
    private void pushOldValue(GucVariable v, GucAction action) {
        if (nestLevel == 0) {
            return; // outside any transaction a SET is simply permanent: nothing to roll back
        }
        GucVariable.StackEntry top = v.stack;
        if (top != null && top.nestLevel >= nestLevel) {
            if (action == GucAction.SET) {
                top.state = GucVariable.StackState.SET;
                top.masked = null;
            } else if (top.state == GucVariable.StackState.SET) {
                // SET then SET LOCAL at one level: commit must restore the SET value.
                top.masked = v.current;
                top.state = GucVariable.StackState.SET_LOCAL;
            }
            return;
        }
        GucVariable.StackEntry e = new GucVariable.StackEntry();
        e.prev = top;
        e.nestLevel = nestLevel;
        e.state = action == GucAction.SET ? GucVariable.StackState.SET : GucVariable.StackState.LOCAL;
        e.prior = v.current;
        v.stack = e;
        stacked.add(v);
    }

    // ---------------------------------------------------------------- transactions

    public int nestLevel() {
        return nestLevel;
    }

    /** A top-level transaction starts (nest level 1). */
    public void startTransaction() {
        if (nestLevel == 0) {
            nestLevel = 1;
        }
    }

    /** A subtransaction (savepoint) starts; returns its nest level. */
    public int startSubTransaction() {
        if (nestLevel == 0) {
            throw new IllegalStateException("subtransaction outside a transaction");
        }
        return ++nestLevel;
    }

    /**
     * Ends the (sub)transaction at {@code level} (1 = top level): PostgreSQL's AtEOXact_GUC. On
     * abort every change of the level is undone; on commit SET values stay (merged into the
     * parent level for a subtransaction) and SET LOCAL values revert at top-level commit.
     */
    public void endTransaction(boolean commit, int level) {
        if (level < 1 || level > nestLevel) {
            throw new IllegalStateException("ending nest level " + level + " at level " + nestLevel);
        }
        for (GucVariable v : new ArrayList<>(stacked)) {
            GucVariable.StackEntry e;
            while ((e = v.stack) != null && e.nestLevel >= level) {
                GucVariable.StackEntry prev = e.prev;
                GucValue restore = null;
                if (!commit) {
                    restore = e.prior;
                } else if (e.nestLevel == 1) {
                    if (e.state == GucVariable.StackState.SET_LOCAL) {
                        restore = e.masked;
                    } else if (e.state == GucVariable.StackState.LOCAL) {
                        restore = e.prior;
                    }
                } else if (prev == null || prev.nestLevel < level - 1) {
                    // The parent level never touched the variable: the entry moves down to it.
                    e.nestLevel = level - 1;
                    break;
                } else {
                    switch (e.state) {
                        case SET -> {
                            prev.state = GucVariable.StackState.SET;
                            prev.masked = null;
                        }
                        case LOCAL -> {
                            if (prev.state == GucVariable.StackState.SET) {
                                prev.masked = e.prior;
                                prev.state = GucVariable.StackState.SET_LOCAL;
                            }
                        }
                        case SET_LOCAL -> {
                            prev.masked = e.masked;
                            prev.state = GucVariable.StackState.SET_LOCAL;
                        }
                    }
                }
                if (restore != null) {
                    v.current = restore;
                }
                v.stack = prev;
            }
            if (v.stack == null) {
                stacked.remove(v);
            }
        }
        nestLevel = level - 1;
    }

    // ---------------------------------------------------------------- RESET ALL, listing

    /** RESET ALL: user- and superuser-settable parameters go back to their reset values. */
    public void resetAll() {
        for (GucVariable v : vars.values()) {
            GucContext c = v.def.context();
            if (c != GucContext.USER && c != GucContext.SUPERUSER) {
                continue;
            }
            if (v.def.hasFlag(GucFlags.NO_RESET_ALL)) {
                continue;
            }
            if (v.current.source().compareTo(GucSource.OVERRIDE) <= 0) {
                continue; // already at a default-level value
            }
            pushOldValue(v, GucAction.SET);
            v.current = v.reset;
        }
    }

    /** Every variable (placeholders included), in registration order. */
    List<GucVariable> variables() {
        return new ArrayList<>(vars.values());
    }

    /** pg_settings rows: every parameter not hidden from SHOW ALL, sorted by name ignoring case. */
    public List<SettingInfo> settingInfos(boolean superuser) {
        List<SettingInfo> rows = new ArrayList<>();
        for (GucVariable v : vars.values()) {
            GucDefinition d = v.def;
            if (d.hasFlag(GucFlags.NO_SHOW_ALL) || (d.hasFlag(GucFlags.SUPERUSER_ONLY) && !superuser)) {
                continue;
            }
            boolean fromFile = v.current.source() == GucSource.FILE && superuser;
            rows.add(new SettingInfo(d.name(), d.setting(v.current.value()), d.unit(), d.category(), d.shortDesc(),
                    null, d.context().pgName(), d.vartype(), v.current.source().pgName(), d.minText(), d.maxText(),
                    d.enumValues(), d.setting(d.bootValue()), d.setting(v.reset.value()),
                    fromFile ? v.current.file() : null, fromFile ? v.current.line() : null, v.pendingRestart));
        }
        rows.sort(Comparator.comparing(SettingInfo::name, String.CASE_INSENSITIVE_ORDER));
        return rows;
    }
}
