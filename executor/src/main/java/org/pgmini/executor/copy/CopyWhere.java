package org.pgmini.executor.copy;

import java.util.ArrayList;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.exec.AggFunction;
import org.pgmini.executor.exec.modify.TargetTable;
import org.pgmini.executor.expr.Casts;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.expr.EvalContext;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.expr.Typed;
import org.pgmini.executor.types.PgTypes;

/**
 * COPY FROM's WHERE condition: analysed over the table's columns (every column, as the row is
 * after defaults), evaluated per row; rows for which it is not true are skipped (not inserted,
 * not counted, not constraint-checked). PostgreSQL's restrictions and messages: no subqueries
 * (0A000), no aggregate functions (42803), no set-returning functions (0A000), and the result
 * must be boolean (42804). Immutable once compiled; evaluation uses the caller's EvalContext.
 */
final class CopyWhere {
    private final Eval eval;

    private CopyWhere(Eval eval) {
        this.eval = eval;
    }

    static CopyWhere compile(SqlNode condition, TargetTable table, ExpressionAnalyzer.PositionMapper positions) {
        reject(condition, positions);
        ExpressionAnalyzer a = new ExpressionAnalyzer(positions, new ArrayList<>());
        a.setScope(table.scope);
        Typed t = a.analyze(condition);
        if (t.isUnknown()) {
            t = Casts.coerce(t, PgTypes.BOOL, -1, Casts.Context.IMPLICIT);
        }
        if (t.type != PgTypes.BOOL) {
            throw PgException.atPosition(SqlState.DATATYPE_MISMATCH, "argument of WHERE must be type boolean, not type "
                    + PgTypes.displayName(t.type), positions.position(condition.getParserPosition()));
        }
        return new CopyWhere(t.eval);
    }

    /** True when {@code row} (one slot per attnum) passes the condition; {@code c.row} is restored. */
    boolean test(Object[] row, EvalContext c) {
        Object[] saved = c.row;
        c.row = row;
        try {
            return Boolean.TRUE.equals(eval.eval(c));
        } finally {
            c.row = saved;
        }
    }

    private static boolean isQuery(SqlNode n) {
        return n instanceof SqlSelect || n instanceof SqlOrderBy || n.getKind() == SqlKind.UNION
                || n.getKind() == SqlKind.INTERSECT || n.getKind() == SqlKind.EXCEPT || n.getKind() == SqlKind.VALUES;
    }

    /** The first subquery, aggregate or set-returning call in the condition raises PostgreSQL's error. */
    private static void reject(SqlNode n, ExpressionAnalyzer.PositionMapper positions) {
        if (n == null) {
            return;
        }
        if (isQuery(n)) {
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "cannot use subquery in COPY FROM WHERE condition",
                    positions.position(n.getParserPosition()));
        }
        if (n instanceof SqlNodeList list) {
            for (SqlNode o : list) {
                reject(o, positions);
            }
            return;
        }
        if (!(n instanceof SqlCall call)) {
            return;
        }
        if (call.getOperator() instanceof SqlFunction) {
            String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
            if (AggFunction.NAMES.contains(name)) {
                throw PgException.atPosition(SqlState.GROUPING_ERROR,
                        "aggregate functions are not allowed in COPY FROM WHERE conditions", positions.position(call.getParserPosition()));
            }
            if (name.equals("generate_series") || name.equals("unnest")) {
                throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                        "set-returning functions are not allowed in COPY FROM WHERE conditions",
                        positions.position(call.getParserPosition()));
            }
        }
        for (SqlNode o : call.getOperandList()) {
            reject(o, positions);
        }
    }
}
