package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.pgmini.executor.api.BackendStatus;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.api.SettingInfo;
import org.pgmini.executor.parallel.DsmSegmentsTable;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * The one registry of views computed from the running system rather than stored in heap tables
 * (all in pg_catalog): pg_settings (the session's GUCs), pg_dsm_segments (the DSM control
 * segment), pg_stat_activity (the server's backends and worker processes) and
 * pg_stat_user_tables (storage's per-table counters). A view lists its columns and produces its
 * rows for one execution. Add new views here.
 */
public final class SystemViews {
    private SystemViews() {}

    /** A view: columns and a row producer. */
    public record View(String name, List<String> columns, List<PgType> types, Function<SessionContext, List<Object[]>> rows) {}

    private static final List<String> SETTINGS_COLUMNS = List.of("name", "setting", "unit", "category", "short_desc",
            "extra_desc", "context", "vartype", "source", "min_val", "max_val", "enumvals", "boot_val", "reset_val",
            "sourcefile", "sourceline", "pending_restart");

    private static List<PgType> settingsTypes() {
        List<PgType> types = new ArrayList<>();
        for (String n : SETTINGS_COLUMNS) {
            types.add(n.equals("sourceline") ? PgTypes.INT4 : n.equals("pending_restart") ? PgTypes.BOOL : PgTypes.TEXT);
        }
        return types;
    }

    /** enumvals is text[] in PostgreSQL; until arrays exist it is text in array-literal form. */
    private static List<Object[]> settingsRows(SessionContext session) {
        List<Object[]> out = new ArrayList<>();
        for (SettingInfo s : session.settings().all()) {
            String enums = s.enumVals() == null ? null : "{" + String.join(",", s.enumVals()) + "}";
            out.add(new Object[] {s.name(), s.setting(), s.unit(), s.category(), s.shortDesc(), s.extraDesc(),
                s.context(), s.vartype(), s.source(), s.minVal(), s.maxVal(), enums, s.bootVal(), s.resetVal(),
                s.sourceFile(), s.sourceLine(), s.pendingRestart()});
        }
        return out;
    }

    /** pg_stat_activity's columns, in PostgreSQL 15's order. */
    private static final List<String> ACTIVITY_COLUMNS = List.of("datid", "datname", "pid", "leader_pid", "usesysid",
            "usename", "application_name", "client_addr", "client_hostname", "client_port", "backend_start",
            "xact_start", "query_start", "state_change", "wait_event_type", "wait_event", "state", "backend_xid",
            "backend_xmin", "query_id", "query", "backend_type");

    /**
     * client_addr (inet) and backend_xid/backend_xmin (xid) are text until those types exist;
     * wait events are not tracked (null), nor are xids (null); usesysid is null because roles
     * live in a file without OIDs; query_id is null as with compute_query_id = off.
     */
    private static final List<PgType> ACTIVITY_TYPES = List.of(PgTypes.OID, PgTypes.NAME, PgTypes.INT4, PgTypes.INT4,
            PgTypes.OID, PgTypes.NAME, PgTypes.TEXT, PgTypes.TEXT, PgTypes.TEXT, PgTypes.INT4, PgTypes.TIMESTAMPTZ,
            PgTypes.TIMESTAMPTZ, PgTypes.TIMESTAMPTZ, PgTypes.TIMESTAMPTZ, PgTypes.TEXT, PgTypes.TEXT, PgTypes.TEXT,
            PgTypes.TEXT, PgTypes.TEXT, PgTypes.INT8, PgTypes.TEXT, PgTypes.TEXT);

    private static List<Object[]> activityRows(SessionContext session) {
        Integer dbOid = null;
        try {
            dbOid = session.database().catalog().dbOid();
        } catch (org.pgmini.error.PgException noStorage) {
            // a session without storage: datid stays null
        }
        List<Object[]> out = new ArrayList<>();
        for (BackendStatus b : session.serverActivity()) {
            Integer datid = b.datname() != null && b.datname().equals(session.databaseName()) ? dbOid : null;
            out.add(new Object[] {datid, b.datname(), b.pid(), b.leaderPid(), null, b.usename(), b.applicationName(),
                b.clientAddr(), null, b.clientPort(), b.backendStart(), b.xactStart(), b.queryStart(), b.stateChange(),
                null, null, b.state(), null, null, null, b.query(), b.backendType()});
        }
        return out;
    }

    private static final Map<String, View> VIEWS = Map.of(
            "pg_stat_activity", new View("pg_stat_activity", ACTIVITY_COLUMNS, ACTIVITY_TYPES, SystemViews::activityRows),
            "pg_settings", new View("pg_settings", SETTINGS_COLUMNS, settingsTypes(), SystemViews::settingsRows),
            DsmSegmentsTable.NAME, new View(DsmSegmentsTable.NAME, DsmSegmentsTable.NAMES,
                    List.of(PgTypes.INT8, PgTypes.TEXT, PgTypes.INT8, PgTypes.INT4, PgTypes.BOOL), DsmSegmentsTable::rows),
            "pg_stat_user_tables", new View("pg_stat_user_tables", StatUserTables.COLUMNS, StatUserTables.types(),
                    StatUserTables::rows));

    /** The pg_catalog view with that name, or null. */
    public static View lookup(String name) {
        View v = VIEWS.get(name);
        return v != null ? v : CatalogViews.lookup(name);
    }
}
