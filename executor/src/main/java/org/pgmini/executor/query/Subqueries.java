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
 * SubPlan). A subquery that refers to the outer query's columns (correlated) runs again for each
 * evaluation, with the outer values bound first ({@link Correlation}).
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
        return n instanceof SqlSelect || (n instanceof SqlOrderBy ob && ob.query instanceof SqlSelect)
                || CompositeQueries.isComposite(n);
    }

    /** How many correlated subqueries (SubPlans run per outer row) were made so far (callers compare before/after). */
    int correlatedCount;

    /** The analysis of {@code node} when it is a subquery form, else null. */
    Typed intercept(SqlNode node) {
        if (isQuery(node)) {
            Typed t = scalars.get(node);
            if (t == null) {
                t = scalar(node);
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
        if ((node.getKind() == SqlKind.SOME || node.getKind() == SqlKind.ALL) && isQuery(((SqlCall) node).operand(1))) {
            return quantified((SqlCall) node, node.getKind() == SqlKind.ALL);
        }
        if (node.getKind() == SqlKind.EXISTS) {
            Typed t = scalars.get(node);
            if (t == null) {
                t = exists(node, ((SqlCall) node).operand(0));
            }
            return t;
        }
        return null;
    }

    /** A planned subquery and the outer values it uses (empty: uncorrelated, run once as an InitPlan). */
    private record Sub(Planned planned, Correlation correlation) {
        boolean correlated() {
            return !correlation.isEmpty();
        }
    }

    private Sub plan(SqlNode query) {
        ExpressionAnalyzer analyzer = owner.analyzer();
        ExpressionAnalyzer.Hook outer = analyzer.hook();
        analyzer.setHook(null);
        try {
            SelectPlanner nested = owner.nested(outer);
            nested.correlation = new Correlation();
            Planned p = nested.plan(query);
            owner.addRelations(p.relationOids());
            return new Sub(p, nested.correlation);
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

    /**
     * A scalar subquery. Uncorrelated: an InitPlan (once per execution; cached by parse node,
     * since a WHERE condition is analyzed twice). Correlated: run for each evaluation after
     * binding the outer values; planned again at each analysis, because its outer references
     * are compiled against the row layout of the place being analyzed.
     */
    private Typed scalar(SqlNode query) {
        Sub sub = plan(query);
        Planned p = sub.planned();
        if (p.columns().size() != 1) {
            throw PgException.atPosition(SqlState.SYNTAX_ERROR, "subquery must return only one column", owner.subqueryPosition(query));
        }
        PgType t = p.columns().get(0).type();
        java.util.function.Function<EvalContext, Object> compute = c -> {
            List<Object[]> rows = run(p, c, 2);
            if (rows.size() > 1) {
                throw new PgException(SqlState.CARDINALITY_VIOLATION, "more than one row returned by a subquery used as an expression");
            }
            return rows.isEmpty() ? null : rows.get(0)[0];
        };
        if (sub.correlated()) {
            correlatedCount++;
            Correlation corr = sub.correlation();
            return new Typed(t, p.columns().get(0).typmod(), c -> {
                corr.bind(c);
                return compute.apply(c);
            }, false);
        }
        InitPlan init = owner.initPlan(compute);
        Typed result = new Typed(t, p.columns().get(0).typmod(), init::value, false);
        scalars.put(query, result);
        return result;
    }

    /** ARRAY(SELECT x ...): the column's values in the subquery's order, as an array of its type. */
    private Typed array(SqlNode query, SqlNode call) {
        Sub sub = plan(query);
        Planned p = sub.planned();
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
        java.util.function.Function<org.pgmini.executor.expr.EvalContext, Object> compute = c -> {
            List<Object[]> rows = run(p, c, Integer.MAX_VALUE);
            Object[] out = new Object[rows.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = rows.get(i)[0];
            }
            return out;
        };
        if (sub.correlated()) {
            correlatedCount++;
            Correlation corr = sub.correlation();
            return new Typed(type, p.columns().get(0).typmod(), c -> {
                corr.bind(c);
                return compute.apply(c);
            }, false);
        }
        InitPlan init = owner.initPlan(compute);
        return new Typed(type, p.columns().get(0).typmod(), init::value, false);
    }

    private Typed exists(SqlNode node, SqlNode query) {
        Sub sub = plan(query);
        Planned p = sub.planned();
        if (sub.correlated()) {
            correlatedCount++;
            Correlation corr = sub.correlation();
            return new Typed(PgTypes.BOOL, -1, c -> {
                corr.bind(c);
                return !run(p, c, 1).isEmpty();
            }, false);
        }
        InitPlan init = owner.initPlan(c -> !run(p, c, 1).isEmpty());
        Typed result = new Typed(PgTypes.BOOL, -1, init::value, false);
        scalars.put(node, result);
        return result;
    }

    /**
     * {@code x op ANY|SOME|ALL (subquery)}: the operator applied to x and each row's value, combined
     * with SQL's three-valued OR (ANY: false over no rows) or AND (ALL: true over no rows).
     */
    private Typed quantified(SqlCall call, boolean all) {
        SqlNode query = call.operand(1);
        Sub sub = plan(query);
        Planned p = sub.planned();
        String name = call.getOperator().getName();
        String op = name.substring(0, name.indexOf(' '));
        int at = owner.operatorPosition(call.operand(0), op, call);
        if (p.columns().size() != 1) {
            throw PgException.atPosition(SqlState.SYNTAX_ERROR, "subquery has too many columns", at);
        }
        if (op.equals("!=")) {
            op = "<>";
        }
        PgType innerType = p.columns().get(0).type();
        Typed left = owner.analyzer().analyze(call.operand(0));
        if (left.isUnknown()) {
            left = Casts.coerce(left, innerType, -1, Casts.Context.IMPLICIT);
        }
        Typed a = new Typed(left.type, left.typmod, c -> c.row[0], false);
        Typed b = new Typed(innerType, p.columns().get(0).typmod(), c -> c.row[1], false);
        var compare = org.pgmini.executor.expr.Resolver.call(op, List.of(a, b), true, at);
        var cmp = compare.eval;
        var l = left.eval;
        java.util.function.Function<EvalContext, Object> values = c -> {
            List<Object> out = new ArrayList<>();
            for (Object[] r : run(p, c, Integer.MAX_VALUE)) {
                out.add(r[0]);
            }
            return out;
        };
        java.util.function.Function<EvalContext, Object> valuesOf;
        if (sub.correlated()) {
            correlatedCount++;
            Correlation corr = sub.correlation();
            valuesOf = c -> {
                corr.bind(c);
                return values.apply(c);
            };
        } else {
            InitPlan init = owner.initPlan(values);
            valuesOf = init::value;
        }
        return new Typed(PgTypes.BOOL, -1, c -> {
            Object x = l.eval(c);
            @SuppressWarnings("unchecked")
            List<Object> vs = (List<Object>) valuesOf.apply(c);
            Object[] saved = c.row;
            boolean sawNull = false;
            try {
                for (Object v : vs) {
                    c.row = new Object[] {x, v};
                    Object r = x == null || v == null ? null : cmp.eval(c);
                    if (r == null) {
                        sawNull = true;
                    } else if ((Boolean) r != all) {
                        return !all;
                    }
                }
            } finally {
                c.row = saved;
            }
            return sawNull ? null : (Object) all;
        }, false);
    }

    /** The set of a subquery's (normalized) values and whether it had a NULL. */
    private record ValueSet(Set<Object> values, boolean hasNull) {}

    private Typed in(SqlCall call, boolean negated) {
        SqlNode query = call.operand(1);
        Object[] known = inSets.get(query);
        Sub sub = known == null ? plan(query) : null;
        Planned p = known == null ? sub.planned() : (Planned) known[0];
        if (p.columns().size() != 1) {
            throw PgException.atPosition(SqlState.SYNTAX_ERROR, "subquery has too many columns", owner.position(call));
        }
        PgType inner = p.columns().get(0).type();
        Typed left = owner.analyzer().analyze(call.operand(0));
        if (left.isUnknown()) {
            left = Casts.coerce(left, inner, -1, Casts.Context.IMPLICIT);
        }
        // the subquery's values as the type both sides are compared in (e.g. int4 IN (numeric ...) compares numerics)
        org.pgmini.executor.expr.Eval innerAs = null;
        if (!SelectPlanner.hashable(left.type, left.typmod, inner, p.columns().get(0).typmod())) {
            Typed innerValue = new Typed(inner, p.columns().get(0).typmod(), c -> c.row[0], false);
            PgType common = owner.analyzer().commonType(List.of(left, innerValue), "IN", call).type();
            if (!SelectPlanner.hashable(common, -1, common, -1)) {
                throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "IN with a subquery comparing "
                        + PgTypes.displayName(left.type) + " and " + PgTypes.displayName(inner) + " is not supported yet",
                        owner.position(call));
            }
            left = Casts.coerce(left, common, -1, Casts.Context.IMPLICIT);
            innerAs = Casts.coerce(innerValue, common, -1, Casts.Context.IMPLICIT).eval;
        }
        org.pgmini.executor.expr.Eval convert = innerAs;
        var l = left.eval;
        java.util.function.Function<EvalContext, Object> compute = c -> {
            Set<Object> values = new HashSet<>();
            boolean nulls = false;
            Object[] saved = c.row;
            try {
                for (Object[] r : run(p, c, Integer.MAX_VALUE)) {
                    Object v = r[0];
                    if (v != null && convert != null) {
                        c.row = r;
                        v = convert.eval(c);
                    }
                    if (v == null) {
                        nulls = true;
                    } else {
                        values.add(org.pgmini.executor.exec.HashJoinNode.normalizeKey(v));
                    }
                }
            } finally {
                c.row = saved;
            }
            return new ValueSet(values, nulls);
        };
        java.util.function.Function<EvalContext, Object> setOf;
        if (sub != null && sub.correlated()) {
            correlatedCount++;
            Correlation corr = sub.correlation();
            setOf = c -> {
                corr.bind(c);
                return compute.apply(c);
            };
        } else {
            InitPlan init = known != null ? (InitPlan) known[1] : owner.initPlan(compute);
            inSets.put(query, new Object[] {p, init});
            setOf = init::value;
        }
        return new Typed(PgTypes.BOOL, -1, c -> {
            Object x = l.eval(c);
            ValueSet set = (ValueSet) setOf.apply(c);
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
