package org.pgmini.executor.query;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlWith;

/**
 * The query forms that are not a plain SELECT: set operations (UNION / INTERSECT / EXCEPT) and
 * WITH. {@link SelectPlanner#plan} hands them here first, so they work wherever a query may
 * appear (top level, FROM, subqueries in expressions, INSERT ... SELECT, operands of each other).
 */
final class CompositeQueries {
    private CompositeQueries() {}

    /** True for a set operation or WITH, possibly under ORDER BY / LIMIT. */
    static boolean isComposite(SqlNode n) {
        if (n instanceof SqlOrderBy ob) {
            n = ob.query;
        }
        return n instanceof SqlWith || SetOperationPlanner.isSetOperation(n);
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
        return null;
    }
}
