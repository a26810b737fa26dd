package org.pgmini.executor.exec.modify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.expr.Casts;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.expr.EvalContext;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.expr.Scope;
import org.pgmini.executor.expr.Typed;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.executor.types.StorageValues;
import org.pgmini.storage.catalog.RelationDescriptor;

/**
 * A table as the write path sees one version of its catalog description: column types, the
 * scope in which statement expressions name its columns, its compiled DEFAULT expressions and
 * CHECK constraints, and ExecConstraints (NOT NULL, then CHECK in name order, with PostgreSQL's
 * messages). Rows here are executor values with one slot per attnum (dropped columns stay null),
 * so {@code row[attnum - 1]} is the column. Immutable once built; built per descriptor.
 */
public final class TargetTable {
    public final RelationDescriptor rel;
    /** The name statement expressions use for the table (its alias, if any). */
    public final String refName;
    public final PgType[] types;
    public final int[] typmods;
    public final Scope scope;
    private final Eval[] defaults;
    private final List<Check> checks;

    private record Check(String name, Eval eval) {}

    /**
     * The storage view of the table's indexes, made at the first write through this binding
     * (immutable, so a race only makes it twice; the volatile publishes it whole). Bindings are
     * shared and kept, so a prepared INSERT/UPDATE does not rebuild it per execution.
     */
    private volatile TableIndexes indexes;

    public TableIndexes indexes() {
        TableIndexes i = indexes;
        if (i == null) {
            i = new TableIndexes(rel);
            indexes = i;
        }
        return i;
    }

    private TargetTable(RelationDescriptor rel, String refName) {
        this.rel = rel;
        this.refName = refName;
        int n = rel.columns().size();
        types = new PgType[n];
        typmods = new int[n];
        List<String> names = new ArrayList<>(n);
        List<PgType> scopeTypes = new ArrayList<>(n);
        for (RelationDescriptor.Column c : rel.columns()) {
            PgType t = PgTypes.byOid(c.typeOid());
            if (t == null) {
                if (!c.dropped()) {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "column \"" + c.name() + "\" has a type (OID "
                            + c.typeOid() + ") the executor does not support");
                }
                t = PgTypes.TEXT;
            }
            types[c.attnum() - 1] = t;
            typmods[c.attnum() - 1] = c.typmod();
            names.add(c.name());
            scopeTypes.add(t);
        }
        scope = new Scope(refName, names, scopeTypes);
        defaults = new Eval[n];
        for (RelationDescriptor.Column c : rel.columns()) {
            if (c.defaultExpr() != null && !c.dropped()) {
                defaults[c.attnum() - 1] = compileDefault(c);
            }
        }
        List<Check> cs = new ArrayList<>();
        for (RelationDescriptor.Constraint k : rel.constraints()) {
            if (k.type() == 'c') {
                cs.add(new Check(k.name(), compileCheck(k.checkExpr(), rel.name())));
            }
        }
        cs.sort(Comparator.comparing(Check::name));
        checks = List.copyOf(cs);
    }

    /**
     * Binds {@code rel}; expressions of the statement call it {@code refName} (alias or table
     * name). Bindings are cached per (descriptor, name): a descriptor is an immutable catalog
     * version (equal descriptors describe the same table the same way), and compiling its
     * DEFAULT and CHECK texts is the expensive part. The cache is small and emptied when full.
     */
    public static TargetTable bind(RelationDescriptor rel, String refName) {
        String name = refName == null ? rel.name() : refName;
        Key key = new Key(rel, name);
        TargetTable t = CACHE.get(key);
        if (t == null) {
            t = new TargetTable(rel, name);
            if (CACHE.size() >= 256) {
                CACHE.clear();
            }
            CACHE.put(key, t);
        }
        return t;
    }

    private record Key(RelationDescriptor rel, String refName) {}

    private static final java.util.concurrent.ConcurrentHashMap<Key, TargetTable> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private Eval compileDefault(RelationDescriptor.Column c) {
        ExpressionAnalyzer a = new ExpressionAnalyzer(ExpressionText.NO_POSITIONS, new ArrayList<>());
        Typed t = a.analyze(ExpressionText.parse(c.defaultExpr()));
        return AssignmentCoercion.coerce(t, types[c.attnum() - 1], c.typmod(), c.name(), 0).eval;
    }

    private Eval compileCheck(String text, String name) {
        ExpressionAnalyzer a = new ExpressionAnalyzer(ExpressionText.NO_POSITIONS, new ArrayList<>());
        a.setScope(new Scope(name, scope.names(), scope.types()));
        Typed t = a.analyze(ExpressionText.parse(text));
        if (t.isUnknown()) {
            t = Casts.coerce(t, PgTypes.BOOL, -1, Casts.Context.IMPLICIT);
        }
        if (t.type != PgTypes.BOOL) {
            throw new PgException(SqlState.DATATYPE_MISMATCH, "argument of CHECK must be type boolean, not type "
                    + PgTypes.displayName(t.type));
        }
        return t.eval;
    }

    /** Live (not dropped) column by name, or null. */
    public RelationDescriptor.Column column(String name) {
        return rel.column(name);
    }

    /** The DEFAULT of a column evaluated now, or null when it has none. */
    public Object defaultValue(int attnum, EvalContext c) {
        Eval d = defaults[attnum - 1];
        return d == null ? null : d.eval(c);
    }

    public boolean hasDefault(int attnum) {
        return defaults[attnum - 1] != null;
    }

    /**
     * A new row with the defaults of the columns INSERT does not assign (the attnums in
     * {@code assigned} are left null: their values, or DEFAULT, come from the statement, so a
     * serial column given a value consumes no sequence number).
     */
    public Object[] defaultRow(EvalContext c, int[] assigned) {
        Object[] row = new Object[types.length];
        for (int i = 0; i < row.length; i++) {
            if (defaults[i] != null && !contains(assigned, i + 1)) {
                row[i] = defaults[i].eval(c);
            }
        }
        return row;
    }

    private static boolean contains(int[] xs, int x) {
        for (int v : xs) {
            if (v == x) {
                return true;
            }
        }
        return false;
    }

    /**
     * ExecConstraints: NOT NULL of each column in attnum order (23502), then each CHECK
     * constraint in name order (23514; a null result passes). {@code c.row} is restored.
     */
    public void checkConstraints(Object[] row, EvalContext c, SessionContext session) {
        for (RelationDescriptor.Column col : rel.columns()) {
            if (col.notNull() && !col.dropped() && row[col.attnum() - 1] == null) {
                throw new PgException(SqlState.NOT_NULL_VIOLATION, "null value in column \"" + col.name()
                        + "\" of relation \"" + rel.name() + "\" violates not-null constraint",
                        failingRow(row, session), null, 0, null, null);
            }
        }
        if (checks.isEmpty()) {
            return;
        }
        Object[] saved = c.row;
        c.row = row;
        try {
            for (Check k : checks) {
                if (Boolean.FALSE.equals(k.eval.eval(c))) {
                    throw new PgException(SqlState.CHECK_VIOLATION, "new row for relation \"" + rel.name()
                            + "\" violates check constraint \"" + k.name + "\"", failingRow(row, session), null, 0, null, null);
                }
            }
        } finally {
            c.row = saved;
        }
    }

    /** DETAIL of a constraint violation: "Failing row contains (1, null, abc)." */
    private String failingRow(Object[] row, SessionContext session) {
        StringBuilder b = new StringBuilder("Failing row contains (");
        boolean first = true;
        for (RelationDescriptor.Column col : rel.columns()) {
            if (col.dropped()) {
                continue;
            }
            b.append(first ? "" : ", ");
            first = false;
            Object v = row[col.attnum() - 1];
            b.append(v == null ? "null" : types[col.attnum() - 1].output(v, session));
        }
        return b.append(").").toString();
    }

    /** Executor values → the stored values of a heap tuple (StorageValues, dropped columns null). */
    public Object[] toStorage(Object[] row) {
        Object[] out = new Object[row.length];
        for (RelationDescriptor.Column col : rel.columns()) {
            int i = col.attnum() - 1;
            out[i] = col.dropped() ? null : StorageValues.toStorage(col.typeOid(), row[i]);
        }
        return out;
    }

    /** Stored values of a heap tuple → executor values. */
    public Object[] fromStorage(Object[] stored) {
        Object[] out = new Object[stored.length];
        for (RelationDescriptor.Column col : rel.columns()) {
            int i = col.attnum() - 1;
            out[i] = col.dropped() ? null : StorageValues.fromStorage(col.typeOid(), stored[i]);
        }
        return out;
    }
}
