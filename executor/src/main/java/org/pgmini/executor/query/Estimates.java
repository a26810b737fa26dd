package org.pgmini.executor.query;

import org.pgmini.executor.api.DatabaseAccess;
import org.pgmini.executor.exec.JoinType;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.storage.catalog.RelationDescriptor;
import java.util.BitSet;
import java.util.List;
import org.apache.calcite.sql.SqlNode;

/**
 * Size and cost estimates for EXPLAIN, after PostgreSQL's model without statistics: a table's
 * pages are its current size (at least 10 when it never had statistics, as plancat.c assumes),
 * rows = pages x tuples per page from the column widths; cost = pages x seq_page_cost(1) +
 * rows x (cpu_tuple_cost 0.01 + quals x cpu_operator_cost 0.0025); an equality keeps 0.5% of
 * the rows, other conditions a third. Only EXPLAIN prints them; plan shapes do not depend on them yet.
 */
final class Estimates {
    private Estimates() {}

    static int typeWidth(int typeOid) {
        return org.pgmini.executor.exec.TypeWidths.of(typeOid);
    }

    /** PostgreSQL's default selectivities without statistics: 0.005 for =, a third for <, <=, >, >=, 0.5 otherwise. */
    static double selectivity(List<SqlNode> quals) {
        double s = 1;
        for (SqlNode q : quals) {
            switch (q.getKind()) {
                case EQUALS: case LIKE: s *= 0.005; break;
                case LESS_THAN: case LESS_THAN_OR_EQUAL: case GREATER_THAN: case GREATER_THAN_OR_EQUAL: s *= 0.3333333333333333; break;
                case BETWEEN: s *= 0.005; break;
                default: s *= 0.5; break;
            }
        }
        return s;
    }

    /**
     * @param used the columns the query reads (their widths make the output width, as PostgreSQL
     *             counts only the needed columns)
     */
    /**
     * The table's size in pages as the planner assumes it (PostgreSQL's estimate_rel_size
     * without statistics): its current block count, but at least 10.
     */
    static double pages(DatabaseAccess db, RelationDescriptor rel) {
        return Math.max(db.heap().nblocks(rel.heapRelation()), 10);
    }

    /**
     * How many operator or function calls evaluating the conditions costs (PostgreSQL's
     * cost_qual_eval charges cpu_operator_cost for each; AND/OR/NOT and IS [NOT] NULL are free,
     * BETWEEN is two comparisons, an IN list half its comparisons on average).
     */
    static double operators(List<SqlNode> quals) {
        double n = 0;
        for (SqlNode q : quals) {
            n += operators(q);
        }
        return n;
    }

    private static double operators(SqlNode node) {
        if (!(node instanceof org.apache.calcite.sql.SqlCall call)) {
            return 0;
        }
        double own;
        switch (call.getKind()) {
            case AND: case OR: case NOT: case IS_NULL: case IS_NOT_NULL: case AS: own = 0; break;
            case BETWEEN: own = 2; break;
            case IN: case NOT_IN: {
                SqlNode list = call.operandCount() > 1 ? call.operand(1) : null;
                own = list instanceof org.apache.calcite.sql.SqlNodeList l ? l.size() * 0.5 : 1;
                break;
            }
            default: own = 1; break;
        }
        for (SqlNode o : call.getOperandList()) {
            if (o instanceof org.apache.calcite.sql.SqlNodeList l) {
                for (SqlNode x : l) {
                    own += operators(x);
                }
            } else if (o != null) {
                own += operators(o);
            }
        }
        return own;
    }

    static void seqScan(PlanNode scan, DatabaseAccess db, RelationDescriptor rel, List<SqlNode> qualNodes, BitSet used) {
        double quals = operators(qualNodes);
        double rows = tuples(db, rel);
        double cost = pages(db, rel) + rows * (0.01 + 0.0025 * quals);
        setEstimate(scan, 0, cost, rows * selectivity(qualNodes), width(rel, used));
    }

    /** The table's tuples as the planner assumes them: pages x tuples per page from the column widths. */
    static double tuples(DatabaseAccess db, RelationDescriptor rel) {
        int width = 0;
        for (RelationDescriptor.Column c : rel.columns()) {
            if (!c.dropped()) {
                width += typeWidth(c.typeOid());
            }
        }
        double tupleBytes = width + 24 + 4; // data width (not aligned, as plancat.c) + tuple header + line pointer
        double density = Math.floor((8192 - 24) / tupleBytes);
        return pages(db, rel) * density;
    }

    /** The output width of a scan: the widths of the columns the query reads. */
    static int width(RelationDescriptor rel, BitSet used) {
        int outWidth = 0;
        for (RelationDescriptor.Column c : rel.columns()) {
            if (!c.dropped() && used.get(c.attnum() - 1)) {
                outWidth += typeWidth(c.typeOid());
            }
        }
        return outWidth;
    }

    static void functionScan(PlanNode scan, List<SqlNode> quals) {
        setEstimate(scan, 0, 10 + 1000 * 0.0025 * operators(quals), 1000 * selectivity(quals), 4);
    }

    static double joinRows(PlanNode left, PlanNode right, boolean equi, JoinType type) {
        double rows = left.rows * right.rows * (equi ? 0.005 : 1.0);
        if (type.keepsOuter()) {
            rows = Math.max(rows, left.rows);
        }
        if (type.keepsInner()) {
            rows = Math.max(rows, right.rows);
        }
        return rows;
    }

    private static void setEstimate(PlanNode n, double startup, double total, double rows, int width) {
        n.startupCost = startup;
        n.totalCost = total;
        n.rows = Math.max(1, Math.rint(rows));
        n.width = width;
    }
}
