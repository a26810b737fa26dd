package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.pgmini.executor.expr.Catalog;
import org.pgmini.executor.expr.FunctionDef;
import org.pgmini.executor.types.PgType;

/**
 * pg_proc: the built-in functions of the function catalog (expr.Catalog), all in pg_catalog.
 * Operators' implementations, aggregates (planned by the query layer, not catalog entries) and
 * the "any"-argument functions (concat, format) are not listed. PostgreSQL's function oids are
 * not known here, so each function gets a stable oid from 8000 up in (name, argument types)
 * order; clients use them only to join pg_proc with itself and the describe functions.
 */
final class ProcCatalog {
    private ProcCatalog() {}

    record Proc(int oid, FunctionDef def) {}

    private static volatile List<Proc> procs;

    static List<Proc> all() {
        List<Proc> p = procs;
        if (p == null) {
            List<FunctionDef> defs = new ArrayList<>();
            for (FunctionDef f : Catalog.INSTANCE.all()) {
                if (f.name().matches("[a-z_][a-z0-9_]*")) {
                    defs.add(f);
                }
            }
            defs.sort(Comparator.comparing(ProcCatalog::key));
            p = new ArrayList<>();
            int oid = 8000;
            for (FunctionDef f : defs) {
                p.add(new Proc(oid++, f));
            }
            procs = p = List.copyOf(p);
        }
        return p;
    }

    private static String key(FunctionDef f) {
        StringBuilder sb = new StringBuilder(f.name()).append('(');
        for (PgType t : f.args()) {
            sb.append(t.oid()).append(',');
        }
        return sb.toString();
    }

    static Proc byOid(int oid) {
        List<Proc> p = all();
        int i = oid - 8000;
        return i >= 0 && i < p.size() ? p.get(i) : null;
    }

    static List<Object[]> rows() {
        List<Object[]> out = new ArrayList<>();
        for (Proc p : all()) {
            FunctionDef f = p.def();
            Object[] args = new Object[f.args().length];
            for (int i = 0; i < args.length; i++) {
                args[i] = f.args()[i].oid();
            }
            out.add(new Object[] {p.oid(), f.name(), 11, 10, 12, 1.0f, 0.0f, 0, "-", (byte) 'f', false, false, f.strict(),
                false, (byte) (f.volatileFn() ? 'v' : 'i'), (byte) 's', (short) f.args().length, (short) 0, f.result().oid(),
                args, null, null, null, null, null, f.name(), null, null, null, null});
        }
        return out;
    }

    static String result(int oid) {
        Proc p = byOid(oid);
        return p == null ? null : FormatType.name(p.def().result(), -1);
    }

    static String arguments(int oid) {
        Proc p = byOid(oid);
        if (p == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (PgType t : p.def().args()) {
            names.add(FormatType.name(t, -1));
        }
        return String.join(", ", names);
    }
}
