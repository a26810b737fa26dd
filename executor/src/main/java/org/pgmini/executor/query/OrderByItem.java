package org.pgmini.executor.query;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/**
 * One ORDER BY item as written (in a query, a set operation, a window or an aggregate call):
 * the key expression with Calcite's DESC / NULLS FIRST / NULLS LAST wrappers peeled off.
 * PostgreSQL's default NULL placement follows the direction: NULLS LAST ascending, NULLS FIRST
 * descending.
 */
record OrderByItem(SqlNode expr, boolean descending, boolean nullsFirst) {
    static OrderByItem of(SqlNode written) {
        SqlNode o = written;
        boolean desc = false;
        Boolean nullsFirst = null;
        while (true) {
            SqlKind k = o.getKind();
            if (k == SqlKind.DESCENDING) {
                desc = true;
            } else if (k == SqlKind.NULLS_FIRST) {
                nullsFirst = true;
            } else if (k == SqlKind.NULLS_LAST) {
                nullsFirst = false;
            } else {
                break;
            }
            o = ((SqlCall) o).operand(0);
        }
        return new OrderByItem(o, desc, nullsFirst != null ? nullsFirst : desc);
    }
}
