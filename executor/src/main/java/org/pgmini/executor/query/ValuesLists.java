package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.expr.Casts;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.expr.Typed;

/**
 * A VALUES list analyzed as PostgreSQL does (transformValuesClause): every row's expressions
 * first, all rows of one length, then per column the common type (select_common_type) to which
 * every cell is coerced. Used wherever a VALUES list is planned (in FROM, or as a whole query).
 *
 * @param cells       the coerced cells, row by row
 * @param columnTypes each column's common type and typmod
 */
public record ValuesLists(Eval[][] cells, List<ExpressionAnalyzer.TypeRef> columnTypes) {

    /** {@code pos} gives a node's cursor position for the error of a row of another length. */
    public static ValuesLists analyze(ExpressionAnalyzer analyzer, SqlCall values, ToIntFunction<SqlNode> pos) {
        List<List<Typed>> rows = new ArrayList<>();
        for (SqlNode row : values.getOperandList()) {
            List<Typed> r = new ArrayList<>();
            for (SqlNode v : ((SqlCall) row).getOperandList()) {
                r.add(analyzer.analyze(v));
            }
            if (!rows.isEmpty() && r.size() != rows.get(0).size()) {
                throw PgException.atPosition(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length", pos.applyAsInt(row));
            }
            rows.add(r);
        }
        int width = rows.get(0).size();
        Eval[][] cells = new Eval[rows.size()][width];
        List<ExpressionAnalyzer.TypeRef> types = new ArrayList<>();
        for (int col = 0; col < width; col++) {
            List<Typed> column = new ArrayList<>();
            for (List<Typed> r : rows) {
                column.add(r.get(col));
            }
            ExpressionAnalyzer.TypeRef t = analyzer.commonType(column, "VALUES", values);
            for (int r = 0; r < rows.size(); r++) {
                cells[r][col] = Casts.coerce(rows.get(r).get(col), t.type(), -1, Casts.Context.IMPLICIT).eval;
            }
            types.add(t);
        }
        return new ValuesLists(cells, types);
    }

    public int width() {
        return columnTypes.size();
    }
}
