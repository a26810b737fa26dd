package org.pgmini.executor.plan;

import java.util.ArrayList;
import java.util.List;
import org.pgmini.executor.api.SettingInfo;
import org.pgmini.executor.api.Settings;
import org.pgmini.executor.expr.Scope;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * pg_settings as a table over {@link Settings#all()}, with PostgreSQL's columns. enumvals is
 * text[] in PostgreSQL; until arrays exist it is shown as text in array-literal form.
 */
final class PgSettingsTable {
    private PgSettingsTable() {}

    static final List<String> NAMES = List.of("name", "setting", "unit", "category", "short_desc", "extra_desc",
            "context", "vartype", "source", "min_val", "max_val", "enumvals", "boot_val", "reset_val",
            "sourcefile", "sourceline", "pending_restart");

    static Scope scope(String relation) {
        List<PgType> types = new ArrayList<>();
        for (String n : NAMES) {
            types.add(n.equals("sourceline") ? PgTypes.INT4 : n.equals("pending_restart") ? PgTypes.BOOL : PgTypes.TEXT);
        }
        return new Scope(relation, NAMES, types);
    }

    static List<Object[]> rows(Settings settings) {
        List<Object[]> out = new ArrayList<>();
        for (SettingInfo s : settings.all()) {
            String enums = s.enumVals() == null ? null : "{" + String.join(",", s.enumVals()) + "}";
            out.add(new Object[] {s.name(), s.setting(), s.unit(), s.category(), s.shortDesc(), s.extraDesc(),
                s.context(), s.vartype(), s.source(), s.minVal(), s.maxVal(), enums, s.bootVal(), s.resetVal(),
                s.sourceFile(), s.sourceLine(), s.pendingRestart()});
        }
        return out;
    }
}
