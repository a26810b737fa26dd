package org.pgmini.server.guc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.SettingInfo;

/**
 * One session's parameters: a private {@link GucTable} copied from the postmaster's at connection
 * start, then changed by the startup packet, SET/RESET and configuration reloads. Used only by the
 * session's own thread (the protocol layer runs one statement of a session at a time).
 *
 * <p>The session calls {@link #atTransactionStart()} before each statement outside a transaction
 * block and at BEGIN, and {@link #atTransactionCommit()} / {@link #atTransactionAbort()} when the
 * transaction ends; savepoints use {@link #atSubTransactionStart()} and
 * {@link #atSubTransactionEnd(boolean, int)}.
 */
public final class SessionGucs implements SessionSettings {
    private final ServerConfig server;
    private final GucTable table;
    private final String user;
    private final boolean superuser;
    private final BooleanSupplier reloadSignal;
    private long appliedGeneration;
    /** What the client was last told for each GUC_REPORT parameter. */
    private final Map<String, String> reported = new LinkedHashMap<>();

    /**
     * @param reloadSignal asks the postmaster to reload its configuration (pg_reload_conf)
     */
    public SessionGucs(ServerConfig server, String user, boolean superuser, BooleanSupplier reloadSignal) {
        this.server = server;
        this.user = user;
        this.superuser = superuser;
        this.reloadSignal = reloadSignal;
        this.appliedGeneration = server.latest().generation();
        this.table = server.copyForSession();
        table.force("is_superuser", superuser, GucSource.DYNAMIC_DEFAULT, true);
        table.force("session_authorization", user, GucSource.OVERRIDE, true);
    }

    /**
     * Applies the StartupMessage's parameters (besides user, database, options, replication)
     * and the {@code -c name=value} / {@code --name=value} switches in {@code options}, with
     * source "client", as PostgreSQL does at connection start. Errors are FATAL.
     */
    public void applyStartupParameters(Map<String, String> startupParameters) {
        GucContext ctx = superuser ? GucContext.SUPERUSER_BACKEND : GucContext.BACKEND;
        try {
            String options = startupParameters.get("options");
            if (options != null) {
                for (Map.Entry<String, String> e : StartupOptions.parse(options)) {
                    table.set(e.getKey(), e.getValue(), ctx, GucSource.CLIENT, GucAction.SET, true, null, 0);
                }
            }
            for (Map.Entry<String, String> e : startupParameters.entrySet()) {
                String name = e.getKey();
                if (name.equals("user") || name.equals("database") || name.equals("options")
                        || name.equals("replication") || name.startsWith("_pq_.")) {
                    continue;
                }
                table.set(name, e.getValue(), ctx, GucSource.CLIENT, GucAction.SET, true, null, 0);
            }
        } catch (PgException e) {
            throw new PgException("FATAL", e.sqlState(), e.getMessage(), e.detail(), e.hint(), 0, null, e);
        }
    }

    public String user() {
        return user;
    }

    public boolean isSuperuser() {
        return superuser;
    }

    /** The underlying table (for tests and the session layer's own needs). */
    public GucTable table() {
        return table;
    }

    private GucContext setContext() {
        return superuser ? GucContext.SUPERUSER : GucContext.USER;
    }

    /** Catches up with a configuration reload done by the postmaster since the last check. */
    public void applyPendingReload() {
        ServerConfig.FileSnapshot snap = server.latest();
        if (snap.generation() == appliedGeneration) {
            return;
        }
        appliedGeneration = snap.generation();
        // The postmaster has already logged any problem with the files; a session stays quiet.
        ConfigApplier.apply(table, snap.parsed(), GucContext.SIGHUP, false);
    }

    // ---------------------------------------------------------------- Settings

    @Override
    public String show(String name) {
        return table.show(name, superuser);
    }

    @Override
    public String currentSetting(String name, boolean missingOk) {
        if (table.lookup(name, false) == null) {
            if (missingOk) {
                return null;
            }
            throw GucTable.unrecognized(name);
        }
        return table.show(name, superuser);
    }

    @Override
    public void set(String name, List<String> values, boolean local) {
        String value = values == null || values.isEmpty() ? null : flatten(name, values);
        table.set(name, value, setContext(), GucSource.SESSION, local ? GucAction.LOCAL : GucAction.SET,
                true, null, 0);
    }

    /** Joins the values of SET name TO a, b, c as PostgreSQL's flatten_set_variable_args does. */
    String flatten(String name, List<String> values) {
        GucDefinition def = table.definition(name);
        int flags = def == null ? 0 : def.flags();
        if ((flags & GucFlags.LIST_INPUT) == 0 && values.size() > 1) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "SET " + name + " takes only one argument");
        }
        if (values.size() == 1 && (flags & GucFlags.LIST_QUOTE) == 0) {
            return values.get(0);
        }
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            boolean numeric = v.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
            sb.append((flags & GucFlags.LIST_QUOTE) != 0 && !numeric ? IdentifierLists.quoteIdentifier(v) : v);
        }
        return sb.toString();
    }

    @Override
    public String setConfig(String name, String value, boolean local) {
        table.set(name, value, setContext(), GucSource.SESSION, local ? GucAction.LOCAL : GucAction.SET, true, null, 0);
        return table.show(name, superuser);
    }

    @Override
    public void reset(String name) {
        table.set(name, null, setContext(), GucSource.SESSION, GucAction.SET, true, null, 0);
    }

    @Override
    public void resetAll() {
        table.resetAll();
    }

    @Override
    public List<SettingInfo> all() {
        return table.settingInfos(superuser);
    }

    @Override
    public void alterSystem(String name, String value) {
        server.alterSystem(name, value, superuser, table);
    }

    @Override
    public boolean reloadConfiguration() {
        if (!superuser) {
            // pg_reload_conf() is not granted to PUBLIC.
            throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for function pg_reload_conf");
        }
        boolean signalled = reloadSignal.getAsBoolean();
        return signalled;
    }

    // ---------------------------------------------------------------- ConfigView

    @Override
    public String getString(String name) {
        return table.show(name, true);
    }

    @Override
    public int getInt(String name) {
        return table.intValue(name);
    }

    @Override
    public boolean getBool(String name) {
        return table.boolValue(name);
    }

    @Override
    public double getReal(String name) {
        return table.realValue(name);
    }

    // ---------------------------------------------------------------- transactions

    @Override
    public void atTransactionStart() {
        if (table.nestLevel() != 0) {
            return;
        }
        applyPendingReload();
        table.startTransaction();
        // A transaction's characteristics start from the session defaults (PostgreSQL copies the
        // default_* values at transaction start; the value is not part of the SET stack).
        table.force("transaction_isolation", table.lookup("default_transaction_isolation", false).current.value(),
                GucSource.OVERRIDE, false);
        table.force("transaction_read_only", table.lookup("default_transaction_read_only", false).current.value(),
                GucSource.OVERRIDE, false);
        table.force("transaction_deferrable", table.lookup("default_transaction_deferrable", false).current.value(),
                GucSource.OVERRIDE, false);
    }

    @Override
    public void atTransactionCommit() {
        if (table.nestLevel() > 0) {
            table.endTransaction(true, 1);
        }
    }

    @Override
    public void atTransactionAbort() {
        if (table.nestLevel() > 0) {
            table.endTransaction(false, 1);
        }
    }

    /** A savepoint starts; returns its nest level for {@link #atSubTransactionEnd}. */
    @Override
    public int atSubTransactionStart() {
        return table.startSubTransaction();
    }

    /** RELEASE (commit true) or ROLLBACK TO (commit false) of the savepoint at {@code level}. */
    @Override
    public void atSubTransactionEnd(boolean commit, int level) {
        table.endTransaction(commit, level);
    }

    // ---------------------------------------------------------------- ParameterStatus

    @Override
    public Map<String, String> reportedValues() {
        reported.clear();
        for (String name : table.registry().reportedNames()) {
            reported.put(name, table.show(name, true));
        }
        return new LinkedHashMap<>(reported);
    }

    @Override
    public Map<String, String> takeReportedChanges() {
        applyPendingReload();
        Map<String, String> changes = new LinkedHashMap<>();
        for (String name : table.registry().reportedNames()) {
            String now = table.show(name, true);
            if (!now.equals(reported.get(name))) {
                changes.put(name, now);
                reported.put(name, now);
            }
        }
        return changes;
    }
}
