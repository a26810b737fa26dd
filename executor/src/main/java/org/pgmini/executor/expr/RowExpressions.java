package org.pgmini.executor.expr;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.executor.types.RecordType;
import org.pgmini.executor.types.RecordValue;

/**
 * Row constructors and what PostgreSQL does with them (jdbcmeta): {@code ROW(a, b)} / {@code (a, b)}
 * is a record whose columns are f1, f2, ... (an untyped literal column becomes text);
 * {@code (a, b) op (c, d)} between two constructors compares column by column as PostgreSQL's
 * make_row_comparison_op does ({@code =} is the AND of the pairs, {@code <>} their OR, the
 * orderings decide at the first pair that is not equal, NULL when that pair is unknown); and
 * {@code IS [NOT] NULL} of a record tests every column.
 */
final class RowExpressions {
    private RowExpressions() {}

    static boolean isRow(SqlNode n) {
        return n instanceof SqlCall c && c.getKind() == SqlKind.ROW;
    }

    static Typed constructor(ExpressionAnalyzer analyzer, SqlCall row) {
        List<String> names = new ArrayList<>();
        List<PgType> types = new ArrayList<>();
        List<Eval> evals = new ArrayList<>();
        boolean constant = true;
        for (SqlNode o : row.getOperandList()) {
            Typed t = analyzer.analyze(o);
            if (t.isUnknown()) {
                t = Casts.coerce(t, PgTypes.TEXT, -1, Casts.Context.IMPLICIT);
            }
            names.add("f" + (names.size() + 1));
            types.add(t.type);
            evals.add(t.eval);
            constant &= t.constant;
        }
        Eval[] fields = evals.toArray(new Eval[0]);
        return Casts.fold(new Typed(new RecordType(names, types), -1, c -> {
            Object[] v = new Object[fields.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = fields[i].eval(c);
            }
            return new RecordValue(v);
        }, constant));
    }

    /** {@code left op right} where both sides are row constructors. */
    static Typed compare(ExpressionAnalyzer analyzer, String op, SqlCall left, SqlCall right, int position) {
        List<SqlNode> l = left.getOperandList();
        List<SqlNode> r = right.getOperandList();
        if (l.size() != r.size()) {
            throw PgException.atPosition(SqlState.SYNTAX_ERROR, "unequal number of entries in row expressions", position);
        }
        if (l.isEmpty()) {
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "cannot compare rows of zero length", position);
        }
        int n = l.size();
        Eval[] eq = new Eval[n];
        Eval[] ordered = new Eval[n];
        for (int i = 0; i < n; i++) {
            Typed a = analyzer.analyze(l.get(i));
            Typed b = analyzer.analyze(r.get(i));
            eq[i] = Resolver.call(op.equals("<>") ? "<>" : "=", List.of(a, b), true, position).eval;
            String strict = switch (op) {
                case "<", "<=" -> "<";
                case ">", ">=" -> ">";
                default -> null;
            };
            // the last pair decides with the operator itself (<= includes equality)
            ordered[i] = strict == null ? null
                    : Resolver.call(i == n - 1 ? op : strict, List.of(a, b), true, position).eval;
        }
        Eval result;
        if (op.equals("=") || op.equals("<>")) {
            boolean and = op.equals("=");
            result = c -> {
                boolean unknown = false;
                for (Eval e : eq) {
                    Object v = e.eval(c);
                    if (v == null) {
                        unknown = true;
                    } else if ((Boolean) v != and) {
                        return !and;
                    }
                }
                return unknown ? null : and;
            };
        } else if (ordered[0] != null) {
            Eval[] equal = new Eval[n];
            for (int i = 0; i < n; i++) {
                equal[i] = Resolver.call("=", List.of(analyzer.analyze(l.get(i)), analyzer.analyze(r.get(i))), true,
                        position).eval;
            }
            result = c -> {
                for (int i = 0; i < n - 1; i++) {
                    Object same = equal[i].eval(c);
                    if (same == null) {
                        return null;
                    }
                    if (!(Boolean) same) {
                        return ordered[i].eval(c);
                    }
                }
                return ordered[n - 1].eval(c);
            };
        } else {
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "row comparison with " + op + " is not supported",
                    position);
        }
        return Casts.fold(new Typed(PgTypes.BOOL, -1, result, false));
    }

    /** IS NULL: every column NULL; IS NOT NULL: no column NULL (a NULL record is both "all NULL"). */
    static boolean isNull(Object value, boolean wantNull) {
        if (!(value instanceof RecordValue r)) {
            return (value == null) == wantNull;
        }
        for (Object f : r.fields()) {
            if ((f == null) != wantNull) {
                return false;
            }
        }
        return true;
    }
}
