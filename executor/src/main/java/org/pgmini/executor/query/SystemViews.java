package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.api.SettingInfo;
import org.pgmini.executor.parallel.DsmSegmentsTable;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * The one registry of views computed from the running system rather than stored in heap tables
 * (all in pg_catalog): pg_settings (the session's GUCs) and pg_dsm_segments (the DSM control
 * segment). A view lists its columns and produces its rows for one execution. Add new views
 * (pg_stat_activity, pg_stat_user_tables) here.
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

    private static final Map<String, View> VIEWS = Map.of(
            "pg_settings", new View("pg_settings", SETTINGS_COLUMNS, settingsTypes(), SystemViews::settingsRows),
            DsmSegmentsTable.NAME, new View(DsmSegmentsTable.NAME, DsmSegmentsTable.NAMES,
                    List.of(PgTypes.INT8, PgTypes.TEXT, PgTypes.INT8, PgTypes.INT4, PgTypes.BOOL), DsmSegmentsTable::rows));

    /** The pg_catalog view with that name, or null. */
    public static View lookup(String name) {
        return VIEWS.get(name);
    }
}
