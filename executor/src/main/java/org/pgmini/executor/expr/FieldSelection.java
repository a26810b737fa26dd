package org.pgmini.executor.expr;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.executor.types.RecordType;
import org.pgmini.executor.types.RecordValue;

/**
 * Field selection {@code (expr).field} (Calcite's DOT call): the column of a record value whose
 * columns the analyzer knows (a function with OUT parameters, or a subquery column holding one).
 * A NULL record gives NULL. PostgreSQL's errors: 42809 when the value is not composite, 42703 when
 * the record has no such column; both point at the expression. {@code (expr).*} is 0A000.
 */
final class FieldSelection {
    private FieldSelection() {}

    static Typed analyze(ExpressionAnalyzer analyzer, SqlCall call) {
        SqlNode base = call.operand(0);
        SqlNode field = call.operand(1);
        if (!(field instanceof SqlIdentifier id) || id.isStar() || !id.isSimple()) {
            throw analyzer.unsupported("field selection " + field, call);
        }
        String name = id.getSimple();
        Typed value = analyzer.analyze(base);
        int position = innerPosition(analyzer, base);
        if (!(value.type instanceof RecordType record)) {
            throw PgException.atPosition(SqlState.WRONG_OBJECT_TYPE, "column notation ." + name + " applied to type "
                    + PgTypes.displayName(value.type) + ", which is not a composite type", position);
        }
        int index = record.indexOf(name);
        if (index < 0) {
            throw PgException.atPosition(SqlState.UNDEFINED_COLUMN, "could not identify column \"" + name
                    + "\" in record data type", position);
        }
        PgType type = record.types().get(index);
        Eval e = value.eval;
        return Casts.fold(new Typed(type, -1, c -> {
            Object v = e.eval(c);
            return v == null ? null : ((RecordValue) v).fields()[index];
        }, value.constant));
    }

    /**
     * PostgreSQL points at the parenthesized expression itself, after its opening parentheses;
     * Calcite's span of the operand starts at the first parenthesis.
     */
    private static int innerPosition(ExpressionAnalyzer analyzer, SqlNode base) {
        int p = analyzer.pos(base);
        String src = analyzer.source();
        while (p > 0 && p <= src.length() && (src.charAt(p - 1) == '(' || Character.isWhitespace(src.charAt(p - 1)))) {
            p++;
        }
        return p;
    }
}
