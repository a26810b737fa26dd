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
        switch (typeOid) {
            case 16: case 18: return 1;
            case 21: return 2;
            case 23: case 26: case 700: case 1082: return 4;
            case 20: case 701: case 1114: case 1184: return 8;
            case 19: return 64;
            case 1186: return 16;
            default: return 32;
        }
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
    static void seqScan(PlanNode scan, DatabaseAccess db, RelationDescriptor rel, List<SqlNode> qualNodes, BitSet used) {
        int quals = qualNodes.size();
        int pages = db.heap().nblocks(rel.heapRelation());
        int width = 0;
        int outWidth = 0;
        for (RelationDescriptor.Column c : rel.columns()) {
            if (!c.dropped()) {
                width += typeWidth(c.typeOid());
                if (used.get(c.attnum() - 1)) {
                    outWidth += typeWidth(c.typeOid());
                }
            }
        }
        double tupleBytes = width + 24 + 4; // data width (not aligned, as plancat.c) + tuple header + line pointer
        double density = Math.floor((8192 - 24) / tupleBytes);
        double p = Math.max(pages, 10);
        double rows = p * density;
        double cost = p + rows * (0.01 + 0.0025 * quals);
        setEstimate(scan, 0, cost, rows * selectivity(qualNodes), outWidth);
    }

    static void functionScan(PlanNode scan, List<SqlNode> quals) {
        setEstimate(scan, 0, 10 + 1000 * 0.0025 * quals.size(), 1000 * selectivity(quals), 4);
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
