package org.pgmini.executor.query;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlWith;

/**
 * The query forms that are not a plain SELECT: set operations (UNION / INTERSECT / EXCEPT) and
 * WITH. {@link SelectPlanner#plan} hands them here first, so they work wherever a query may
 * appear (top level, FROM, subqueries in expressions, INSERT ... SELECT, operands of each other).
 */
final class CompositeQueries {
    private CompositeQueries() {}

    /** True for a set operation, WITH or VALUES, possibly under ORDER BY / LIMIT. */
    static boolean isComposite(SqlNode n) {
        if (n instanceof SqlOrderBy ob) {
            n = ob.query;
        }
        return n instanceof SqlWith || SetOperationPlanner.isSetOperation(n) || n.getKind() == SqlKind.VALUES;
    }

    /** The plan of {@code node} when it is a composite query, else null (a plain SELECT). */
    static Planned plan(SelectPlanner owner, SqlNode node) {
        SqlNode q = node instanceof SqlOrderBy ob ? ob.query : node;
        if (q instanceof SqlWith) {
            return new WithPlanner(owner).plan(node);
        }
        if (SetOperationPlanner.isSetOperation(q)) {
            return new SetOperationPlanner(owner).plan(node);
        }
        if (q.getKind() == SqlKind.VALUES) {
            // VALUES ... as a query of its own: SELECT * FROM (VALUES ...) AS "*VALUES*", as PostgreSQL plans it
            SqlParserPos pos = q.getParserPosition();
            SqlNode from = SqlStdOperatorTable.AS.createCall(pos, q, new SqlIdentifier("*VALUES*", pos));
            SqlSelect select = new SqlSelect(pos, SqlNodeList.EMPTY, SqlNodeList.of(SqlIdentifier.star(pos)), from, null, null,
                    null, null, null, null, null, null, SqlNodeList.EMPTY);
            SqlNode query = node instanceof SqlOrderBy ob ? new SqlOrderBy(ob.getParserPosition(), select, ob.orderList, ob.offset,
                    ob.fetch) : select;
            return owner.plan(query);
        }
        return null;
    }
}
