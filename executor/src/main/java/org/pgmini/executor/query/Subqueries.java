package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.exec.Cursor;
import org.pgmini.executor.exec.ExecState;
import org.pgmini.executor.expr.Casts;
import org.pgmini.executor.expr.EvalContext;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.expr.Typed;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * Uncorrelated subqueries in expressions: scalar {@code (SELECT ...)}, {@code x [NOT] IN (SELECT
 * ...)} and {@code EXISTS (SELECT ...)}. Each is planned as its own query and run at most once per
 * execution, at its first use (PostgreSQL's InitPlan; IN builds a hash set like a hashed
 * SubPlan). A subquery that refers to the outer query's columns (correlated) is 0A000.
 */
final class Subqueries {
    private final SelectPlanner owner;
    /**
     * Subqueries already planned, by parse node: a WHERE condition is analyzed once over the whole
     * FROM and again where it is placed, and must not plan (and run) its subquery twice.
     */
    private final java.util.Map<SqlNode, Typed> scalars = new java.util.IdentityHashMap<>();
    private final java.util.Map<SqlNode, Object[]> inSets = new java.util.IdentityHashMap<>();

    Subqueries(SelectPlanner owner) {
        this.owner = owner;
    }

    static boolean isQuery(SqlNode n) {
        return n instanceof SqlSelect || (n instanceof SqlOrderBy ob && ob.query instanceof SqlSelect);
    }

    /** The analysis of {@code node} when it is a subquery form, else null. */
    Typed intercept(SqlNode node) {
        if (isQuery(node)) {
            Typed t = scalars.get(node);
            if (t == null) {
                t = scalar(node);
                scalars.put(node, t);
            }
            return t;
        }
        if ((node.getKind() == SqlKind.IN || node.getKind() == SqlKind.NOT_IN) && isQuery(((SqlCall) node).operand(1))) {
            return in((SqlCall) node, node.getKind() == SqlKind.NOT_IN);
        }
        if (node.getKind() == SqlKind.ARRAY_QUERY_CONSTRUCTOR) {
            Typed t = scalars.get(node);
            if (t == null) {
                t = array(((SqlCall) node).operand(0), node);
                scalars.put(node, t);
            }
            return t;
        }
        if (node.getKind() == SqlKind.EXISTS) {
            Typed t = scalars.get(node);
            if (t == null) {
                t = exists(((SqlCall) node).operand(0));
                scalars.put(node, t);
            }
            return t;
        }
        return null;
    }

    private Planned plan(SqlNode query) {
        ExpressionAnalyzer analyzer = owner.analyzer();
        ExpressionAnalyzer.Hook outer = analyzer.hook();
        analyzer.setHook(null);
        try {
            Planned p = owner.nested(outer).plan(query);
            owner.addRelations(p.relationOids());
            return p;
        } finally {
            analyzer.setHook(outer);
        }
    }

    /** Runs a subplan to the end (or {@code limit} rows) inside the current execution, keeping the outer row. */
    private static List<Object[]> run(Planned p, EvalContext c, int limit) {
        ExecState s = (ExecState) c.executor;
        if (s == null) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "subqueries are not supported here");
        }
        Object[] saved = c.row;
        List<Object[]> out = new ArrayList<>();
        InitPlan.runAll(p.initPlans(), c);
        try (Cursor cur = s.open(p.root())) {
            for (Object[] r; out.size() < limit && (r = cur.next()) != null; ) {
                out.add(r);
            }
        } finally {
            c.row = saved;
        }
        return out;
    }

    private Typed scalar(SqlNode query) {
        Planned p = plan(query);
        if (p.columns().size() != 1) {
            throw PgException.atPosition(SqlState.SYNTAX_ERROR, "subquery must return only one column", owner.subqueryPosition(query));
        }
        PgType t = p.columns().get(0).type();
        InitPlan init = owner.initPlan(c -> {
            List<Object[]> rows = run(p, c, 2);
            if (rows.size() > 1) {
                throw new PgException(SqlState.CARDINALITY_VIOLATION, "more than one row returned by a subquery used as an expression");
            }
            return rows.isEmpty() ? null : rows.get(0)[0];
        });
        return new Typed(t, p.columns().get(0).typmod(), init::value, false);
    }

    /** ARRAY(SELECT x ...): the column's values in the subquery's order, as an array of its type. */
    private Typed array(SqlNode query, SqlNode call) {
        Planned p = plan(query);
        if (p.columns().size() != 1) {
            throw PgException.atPosition(SqlState.SYNTAX_ERROR, "subquery must return only one column", owner.subqueryPosition(query));
        }
        PgType elem = p.columns().get(0).type();
        if (elem instanceof org.pgmini.executor.types.ArrayType) {
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "multidimensional arrays are not supported",
                    owner.position(call));
        }
        PgType type = PgTypes.arrayOf(elem);
        if (type == null) {
            throw PgException.atPosition(SqlState.UNDEFINED_OBJECT, "could not find array type for data type "
                    + PgTypes.displayName(elem), owner.position(call));
        }
        InitPlan init = owner.initPlan(c -> {
            List<Object[]> rows = run(p, c, Integer.MAX_VALUE);
            Object[] out = new Object[rows.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = rows.get(i)[0];
            }
            return out;
        });
        return new Typed(type, p.columns().get(0).typmod(), init::value, false);
    }

    private Typed exists(SqlNode query) {
        Planned p = plan(query);
        InitPlan init = owner.initPlan(c -> !run(p, c, 1).isEmpty());
        return new Typed(PgTypes.BOOL, -1, init::value, false);
    }

    /** The set of a subquery's (normalized) values and whether it had a NULL. */
    private record ValueSet(Set<Object> values, boolean hasNull) {}

    private Typed in(SqlCall call, boolean negated) {
        SqlNode query = call.operand(1);
        Object[] known = inSets.get(query);
        Planned p = known == null ? plan(query) : (Planned) known[0];
        if (p.columns().size() != 1) {
            throw PgException.atPosition(SqlState.SYNTAX_ERROR, "subquery has too many columns", owner.position(call));
        }
        PgType inner = p.columns().get(0).type();
        Typed left = owner.analyzer().analyze(call.operand(0));
        if (left.isUnknown()) {
            left = Casts.coerce(left, inner, -1, Casts.Context.IMPLICIT);
        }
        if (!SelectPlanner.hashable(left.type, left.typmod, inner, p.columns().get(0).typmod())) {
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "IN with a subquery comparing "
                    + PgTypes.displayName(left.type) + " and " + PgTypes.displayName(inner) + " is not supported yet",
                    owner.position(call));
        }
        var l = left.eval;
        InitPlan init = known != null ? (InitPlan) known[1] : owner.initPlan(c -> {
            Set<Object> values = new HashSet<>();
            boolean nulls = false;
            for (Object[] r : run(p, c, Integer.MAX_VALUE)) {
                if (r[0] == null) {
                    nulls = true;
                } else {
                    values.add(org.pgmini.executor.exec.HashJoinNode.normalizeKey(r[0]));
                }
            }
            return new ValueSet(values, nulls);
        });
        inSets.put(query, new Object[] {p, init});
        return new Typed(PgTypes.BOOL, -1, c -> {
            Object x = l.eval(c);
            ValueSet set = (ValueSet) init.value(c);
            if (x == null) {
                return set.values.isEmpty() && !set.hasNull ? (Object) negated : null;
            }
            if (set.values.contains(org.pgmini.executor.exec.HashJoinNode.normalizeKey(x))) {
                return !negated;
            }
            return set.hasNull ? null : (Object) negated;
        }, false);
    }
}
