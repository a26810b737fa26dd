package org.pgmini.executor.exec;

import java.util.Arrays;
import java.util.List;
import org.pgmini.executor.sort.RowOrdering;

/**
 * Unique (nodeUnique.c) for SELECT DISTINCT over sorted input: passes the first row of each run
 * of rows whose distinct columns compare equal under the Sort's ordering (NULLs equal, numerics
 * by value, as sorting places them together). Cost as create_upper_unique_path: one comparison
 * per distinct column and input row, output starts with the input.
 */
public final class UniqueNode extends PlanNode {
    private final PlanNode child;
    private final List<SortNode.Key> order;
    private transient RowOrdering ordering;

    /**
     * @param child  rows sorted by {@code order}
     * @param order  the sort keys over the distinct columns (every one of them, in sort order)
     * @param groups estimated distinct rows
     */
    public UniqueNode(PlanNode child, List<SortNode.Key> order, double groups) {
        this.child = child;
        this.order = List.copyOf(order);
        estimate(this, child.startupCost, child.totalCost + 0.0025 * child.rows * order.size(), groups, child.width);
    }

    public PlanNode child() {
        return child;
    }

    @Override
    public String explainName() {
        return "Unique";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        Cursor in = s.open(child);
        if (ordering == null) {
            ordering = SortNode.orderingOf(order);
        }
        RowOrdering ord = ordering;
        return new Cursor() {
            Object[] last;

            @Override
            public Object[] next() {
                for (Object[] r; (r = in.next()) != null; ) {
                    if (last == null || ord.compare(r, last) != 0) {
                        last = Arrays.copyOf(r, r.length);
                        return r;
                    }
                }
                return null;
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }
}
