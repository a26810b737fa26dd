package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.pgmini.error.PgException;
import org.pgmini.executor.exec.ProjectSetNode;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.expr.Typed;

/**
 * The set-returning calls of a select list, wherever they stand in an expression
 * ({@code generate_series(1,3) + 1}, {@code (information_schema._pg_expandarray(k)).n}). Each
 * call becomes one slot of the ProjectSet below the projection; the ProjectSet appends its slots
 * after the input row, in the order the calls were found, so call {@code i} of {@code count} is
 * read at {@code row.length - (count - i)}. While the targets are analyzed, {@link #hook} stands
 * in front of the select list's own hook and answers each call with its slot; everything else goes
 * to the wrapped hook. A set-returning call inside another's arguments is 0A000 (PostgreSQL nests
 * ProjectSets for that).
 */
final class TargetSrfs {
    /** Resolves one call: its result type, coerced arguments and series maker. */
    interface Resolver {
        ProjectSetNode.Srf resolve(SqlCall call);
    }

    private final List<SqlCall> calls = new ArrayList<>();
    private final Map<SqlCall, Integer> slot = new IdentityHashMap<>();
    private ProjectSetNode.Srf[] srfs;

    /** Finds the calls in {@code targets}; {@code position} maps a node to its error position. */
    TargetSrfs(List<SqlNode> targets, java.util.function.ToIntFunction<SqlNode> position) {
        for (SqlNode t : targets) {
            collect(t, position);
        }
        srfs = new ProjectSetNode.Srf[calls.size()];
    }

    private void collect(SqlNode n, java.util.function.ToIntFunction<SqlNode> position) {
        if (n == null || Subqueries.isQuery(n)) {
            return; // a subquery's set-returning calls belong to it
        }
        if (n instanceof SqlNodeList list) {
            for (SqlNode o : list) {
                collect(o, position);
            }
            return;
        }
        if (!(n instanceof SqlCall call)) {
            return;
        }
        if (SelectPlanner.isSrf(call)) {
            for (SqlNode o : call.getOperandList()) {
                SqlCall nested = o == null ? null : SelectPlanner.findSrf(o);
                if (nested != null) {
                    throw PgException.atPosition(org.pgmini.error.SqlState.FEATURE_NOT_SUPPORTED,
                            "set-returning functions must appear at top level of FROM", position.applyAsInt(o));
                }
            }
            if (!slot.containsKey(call)) {
                slot.put(call, calls.size());
                calls.add(call);
            }
            return;
        }
        for (SqlNode o : call.getOperandList()) {
            collect(o, position);
        }
    }

    boolean isEmpty() {
        return calls.isEmpty();
    }

    /** A hook that answers the set-returning calls with their ProjectSet slots and defers the rest to {@code inner}. */
    ExpressionAnalyzer.Hook hook(ExpressionAnalyzer.Hook inner, Resolver resolver) {
        int count = calls.size();
        return new ExpressionAnalyzer.Hook() {
            @Override
            public Typed intercept(SqlNode node) {
                Integer i = node instanceof SqlCall c ? slot.get(c) : null;
                if (i == null) {
                    return inner.intercept(node);
                }
                ProjectSetNode.Srf srf = resolver.resolve((SqlCall) node);
                srfs[i] = srf;
                int fromEnd = count - i;
                return new Typed(srf.type(), -1, c -> c.row[c.row.length - fromEnd], false);
            }

            @Override
            public Typed column(SqlIdentifier id) {
                return inner.column(id);
            }

            @Override
            public PgException columnNotFound(SqlIdentifier id) {
                return inner.columnNotFound(id);
            }
        };
    }

    /**
     * The ProjectSet's functions in slot order, once every target has been analyzed. A call that
     * was never analyzed (not possible for a select list, checked anyway) would leave a hole.
     */
    List<ProjectSetNode.Srf> srfs() {
        List<ProjectSetNode.Srf> out = new ArrayList<>();
        for (ProjectSetNode.Srf s : srfs) {
            if (s == null) {
                throw new IllegalStateException("a set-returning call of the select list was not analyzed");
            }
            out.add(s);
        }
        return out;
    }
}
