package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.util.Litmus;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.exec.AggFunction;
import org.pgmini.executor.exec.MoreAggregates;
import org.pgmini.executor.expr.Casts;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.expr.Typed;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * Aggregate calls beyond {@code f([DISTINCT] x)} of the basic five: {@code FILTER (WHERE cond)},
 * {@code ORDER BY} inside the call, string_agg's two arguments, and the aggregates of
 * {@link MoreAggregates}. Builds the function and the argument expression the Aggregate node
 * feeds it (null when a row is not fed: a NULL value, or the FILTER is not true).
 */
final class AggregateCalls {
    private AggregateCalls() {}

    /**
     * Analyzes an aggregate's argument and rejects one that uses only the enclosing query's
     * columns: PostgreSQL evaluates such an aggregate in the outer query (e.g. {@code SELECT
     * (SELECT sum(t.x) FROM u) FROM t} sums t), which this planner does not do, so computing it
     * per subquery row would be a wrong answer.
     */
    static Typed argument(SelectPlanner planner, QueryScope rowScope, SqlNode arg) {
        Correlation corr = planner.correlation;
        int outerBefore = corr == null ? 0 : corr.size();
        java.util.BitSet saved = rowScope == null ? null : (java.util.BitSet) rowScope.refs.clone();
        if (rowScope != null) {
            rowScope.refs.clear();
        }
        Typed t;
        try {
            t = planner.analyzer().analyze(arg);
        } finally {
            boolean local = rowScope != null && !rowScope.refs.isEmpty();
            if (rowScope != null) {
                rowScope.refs.or(saved);
            }
            if (corr != null && corr.size() > outerBefore && !local) {
                throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                        "aggregates over only the outer query's columns in a subquery are not supported", planner.position(arg));
            }
        }
        return t;
    }

    /** The parts of an aggregate for {@code AggregateNode.Agg}. */
    record Built(AggFunction function, Eval arg, boolean distinct) {}

    /** Whether {@code node} needs these rules (else the basic path of {@link Aggregation} analyzes it). */
    static boolean extended(SqlNode node) {
        if (node.getKind() == SqlKind.FILTER) {
            return node instanceof SqlCall f && f.operand(0) instanceof SqlCall inner && SelectPlanner.isAggCall(inner);
        }
        if (!(node instanceof SqlCall call) || !SelectPlanner.isAggCall(call)) {
            return false;
        }
        List<SqlNode> ops = call.getOperandList();
        return MoreAggregates.NAMES.contains(call.getOperator().getName().toLowerCase(Locale.ROOT))
                || (!ops.isEmpty() && ops.get(ops.size() - 1) instanceof SqlNodeList);
    }

    static Built build(SelectPlanner planner, ExpressionAnalyzer.Hook rowHook, SqlCall node) {
        ExpressionAnalyzer analyzer = planner.analyzer();
        SqlNode filter = null;
        SqlCall call = node;
        if (node.getKind() == SqlKind.FILTER) {
            call = (SqlCall) node.operand(0);
            filter = node.operand(1);
        }
        String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
        boolean distinct = call.getFunctionQuantifier() != null
                && "DISTINCT".equalsIgnoreCase(call.getFunctionQuantifier().toValue());
        List<SqlNode> ops = new ArrayList<>(call.getOperandList());
        SqlNodeList orderBy = null;
        if (!ops.isEmpty() && ops.get(ops.size() - 1) instanceof SqlNodeList list) {
            orderBy = list;
            ops.remove(ops.size() - 1);
        }
        for (SqlNode o : ops) {
            SqlCall nested = SelectPlanner.findAgg(o);
            if (nested != null) {
                throw PgException.atPosition(SqlState.GROUPING_ERROR, "aggregate function calls cannot be nested",
                        planner.position(nested));
            }
        }
        ExpressionAnalyzer.Hook saved = analyzer.hook();
        analyzer.setHook(rowHook);
        try {
            boolean star = ops.size() == 1 && ops.get(0) instanceof SqlIdentifier id && id.isStar();
            List<Typed> args = new ArrayList<>();
            if (!star) {
                for (SqlNode o : ops) {
                    args.add(argument(planner, rowHook instanceof QueryScope q ? q : null, o));
                }
            }
            AggFunction f;
            Eval arg;
            if (star) {
                if (!name.equals("count")) {
                    throw new PgException(SqlState.UNDEFINED_FUNCTION, "function " + name + "(*) does not exist", null, null,
                            planner.position(call), null, null);
                }
                f = AggFunction.countStar();
                arg = c -> Boolean.TRUE;
            } else if (name.equals("string_agg")) {
                Built b = stringAgg(args, planner, call);
                f = b.function();
                arg = b.arg();
            } else {
                if (args.size() != 1) {
                    throw undefined(name, args, planner, call);
                }
                Typed a = args.get(0);
                if (a.isUnknown()) {
                    a = Casts.coerce(a, PgTypes.TEXT, -1, Casts.Context.IMPLICIT);
                }
                f = AggFunction.resolve(name, a.type, a.typmod, planner.position(call));
                arg = a.eval;
            }
            boolean nodeDistinct = false;
            if (orderBy != null && !orderBy.isEmpty()) {
                if (distinct) {
                    for (SqlNode k : orderBy) {
                        SqlNode key = stripDirection(k);
                        if (ops.stream().noneMatch(o -> o.equalsDeep(key, Litmus.IGNORE))) {
                            throw PgException.atPosition(SqlState.INVALID_COLUMN_REFERENCE,
                                    "in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list",
                                    planner.position(key));
                        }
                    }
                }
                SortKeyList sortKeys = SortKeyList.of(orderBy, analyzer::analyze);
                int n = sortKeys.size();
                Eval[] keys = sortKeys.evals();
                boolean seesNulls = f.wantsNulls();
                f = MoreAggregates.ordered(f, sortKeys.types(), sortKeys.descending(), sortKeys.nullsFirst(), distinct);
                Eval value = arg;
                arg = c -> {
                    Object v = value.eval(c);
                    if (v == null && !seesNulls) {
                        return null;
                    }
                    Object[] r = new Object[n + 1];
                    r[0] = v;
                    for (int i = 0; i < n; i++) {
                        r[i + 1] = keys[i].eval(c);
                    }
                    return r;
                };
            } else if (distinct) {
                if (name.equals("string_agg")) {
                    f = MoreAggregates.distinct(f);
                } else {
                    nodeDistinct = true;
                }
            }
            if (filter != null) {
                Eval test = filterTest(analyzer.analyze(filter), planner.position(filter));
                Eval value = arg;
                arg = c -> Boolean.TRUE.equals(test.eval(c)) ? value.eval(c) : AggFunction.SKIP;
            }
            return new Built(f, arg, nodeDistinct);
        } finally {
            analyzer.setHook(saved);
        }
    }

    private static SqlNode stripDirection(SqlNode k) {
        return OrderByItem.of(k).expr();
    }

    /** string_agg(text, text) or string_agg(bytea, bytea): each fed value is {value, delimiter}. */
    static Built stringAgg(List<Typed> args, SelectPlanner planner, SqlCall call) {
        if (args.size() != 2) {
            throw undefined("string_agg", args, planner, call);
        }
        Typed v = args.get(0);
        Typed d = args.get(1);
        PgType type;
        if (v.type == PgTypes.BYTEA || (v.isUnknown() && d.type == PgTypes.BYTEA)) {
            type = PgTypes.BYTEA;
        } else if (v.isUnknown() || Casts.implicitlyCoercible(v.type, PgTypes.TEXT) || v.type == PgTypes.TEXT) {
            type = PgTypes.TEXT;
        } else {
            throw undefined("string_agg", args, planner, call);
        }
        if (!d.isUnknown() && d.type != type && !Casts.implicitlyCoercible(d.type, type)) {
            throw undefined("string_agg", args, planner, call);
        }
        Eval value = Casts.coerce(v, type, -1, Casts.Context.IMPLICIT).eval;
        Eval delimiter = Casts.coerce(d, type, -1, Casts.Context.IMPLICIT).eval;
        Eval pair = c -> {
            Object x = value.eval(c);
            return x == null ? null : new Object[] {x, delimiter.eval(c)};
        };
        return new Built(MoreAggregates.stringAgg(type), pair, false);
    }

    /**
     * An aggregate's FILTER condition as a test: boolean, or an unknown literal read as one;
     * another type is 42804 at {@code position}.
     */
    static Eval filterTest(Typed cond, int position) {
        if (cond.isUnknown()) {
            cond = Casts.coerce(cond, PgTypes.BOOL, -1, Casts.Context.IMPLICIT);
        } else if (cond.type != PgTypes.BOOL) {
            throw PgException.atPosition(SqlState.DATATYPE_MISMATCH, "argument of FILTER must be type boolean, not type "
                    + PgTypes.displayName(cond.type), position);
        }
        return cond.eval;
    }

    private static PgException undefined(String name, List<Typed> args, SelectPlanner planner, SqlCall call) {
        return SelectPlanner.undefinedFunction(name, args, planner.position(call));
    }
}
