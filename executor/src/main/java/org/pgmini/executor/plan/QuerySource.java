package org.pgmini.executor.plan;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.type.SqlTypeName;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.expr.ParamSlot;
import org.pgmini.executor.expr.Typed;
import org.pgmini.executor.types.PgTypes;

/**
 * The query of INSERT ... SELECT and CREATE TABLE AS, planned by the read path ({@link Planner}
 * with the statement's parameter slots), and its output columns as expressions over the
 * query's rows. Like PostgreSQL, a select-list item that is an untyped literal ('x', NULL)
 * stays unknown for INSERT (its text is read as the target column's type), since the parser
 * does not resolve unknowns in the subquery of an INSERT.
 */
final class QuerySource {
    final PreparedQuery plan;
    final List<ColumnDescription> columns;
    /** The select-list items one per output column, when they map one to one (no *); else null. */
    private final List<SqlNode> items;
    private final SqlNode query;
    private final ExpressionAnalyzer.PositionMapper positions;

    private QuerySource(PreparedQuery plan, SqlNode query, ExpressionAnalyzer.PositionMapper positions) {
        this.plan = plan;
        this.columns = plan.columns();
        this.query = query;
        this.positions = positions;
        List<SqlNode> found = null;
        if (query instanceof SqlSelect) {
            found = new ArrayList<>();
            for (SqlNode item : ((SqlSelect) query).getSelectList()) {
                if (item instanceof SqlIdentifier && ((SqlIdentifier) item).isStar()) {
                    found = null;
                    break;
                }
                found.add(item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item);
            }
            if (found != null && found.size() != columns.size()) {
                found = null;
            }
        }
        this.items = found;
    }

    /**
     * Plans {@code query} with the statement's parameters: their types known so far are passed
     * as declared, and types the query decides are copied back into {@code slots}.
     */
    static QuerySource plan(SqlNode query, ExpressionAnalyzer.PositionMapper positions, List<ParamSlot> slots,
                            SessionContext session) {
        int[] declared = new int[slots.size()];
        for (int i = 0; i < declared.length; i++) {
            declared[i] = slots.get(i).type == null ? 0 : slots.get(i).type.oid();
        }
        PreparedQuery q = new Planner(positions, declared, session).plan(query);
        if (!q.returnsRows()) {
            throw org.pgmini.error.PgException.atPosition(org.pgmini.error.SqlState.FEATURE_NOT_SUPPORTED,
                    "this query is not supported as a row source", positions.position(query.getParserPosition()));
        }
        int[] decided = q.parameterTypeOids();
        for (int i = 0; i < decided.length; i++) {
            while (slots.size() <= i) {
                slots.add(new ParamSlot(slots.size(), null));
            }
            ParamSlot p = slots.get(i);
            if (p.type == null) {
                p.type = PgTypes.byOid(decided[i]);
            }
            p.referenced = true;
        }
        return new QuerySource(q, query, positions);
    }

    /** Output column {@code i} as an expression over the query's row ({@code c.row}). */
    Typed column(int i) {
        if (items != null) {
            SqlNode item = items.get(i);
            if (item instanceof SqlLiteral && ((SqlLiteral) item).getTypeName() == SqlTypeName.NULL) {
                return Typed.unknownLiteral(null);
            }
            if (item instanceof SqlLiteral && ((SqlLiteral) item).getTypeName() == SqlTypeName.CHAR) {
                return Typed.unknownLiteral(((SqlLiteral) item).getValueAs(String.class), position(i));
            }
        }
        ColumnDescription d = columns.get(i);
        return new Typed(d.type(), d.typmod(), c -> c.row[i], false);
    }

    /** Where output column {@code i} was written (its select item), for errors. */
    int position(int i) {
        return positions.position((items != null ? items.get(i) : query).getParserPosition());
    }
}
