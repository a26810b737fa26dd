package org.pgmini.executor.exec;

import java.util.Arrays;
import java.util.List;
import org.pgmini.executor.sort.RowOrdering;

/**
 * Sorted aggregation (PostgreSQL's Agg with AGG_SORTED, and its Group node): the input arrives
 * sorted by the group keys, so a group is a run of rows whose keys compare equal under the
 * Sort's ordering; each run gives one output row as soon as the next run starts. Nothing but
 * the current group is held, so unlike HashAggregate it never needs memory for all groups.
 *
 * <p>What to compute comes from an {@link AggregateNode} (its keys, aggregates, HAVING and
 * mode) built over the sorted rows: {@link AggregateNode#overSortInput} for rows a Sort made of
 * {@link AggregateNode#sortInputTargets}, or {@link AggregateNode#finalizeOver} for the rows
 * of Partial nodes merged by a Gather Merge. Either way the keys are the leading slots of the
 * input row, which {@code groupOrder} (the Sort's keys) compares. EXPLAIN: {@code GroupAggregate}
 * ({@code Partial}/{@code Finalize}), or {@code Group} when there is no aggregate, then
 * {@code Group Key:} and HAVING's {@code Filter:}.
 */
public final class GroupAggregateNode extends PlanNode {
    private final AggregateNode spec;
    private final List<SortNode.Key> groupOrder;
    /** Built on first use (comparators are resolved where the node runs, also in a worker). */
    private transient RowOrdering ordering;

    /**
     * @param spec       the aggregation; its child is this node's input, sorted by {@code groupOrder}
     * @param groupOrder the input's sort keys: slot i holds group key i
     */
    public GroupAggregateNode(AggregateNode spec, List<SortNode.Key> groupOrder) {
        this.spec = spec;
        this.groupOrder = List.copyOf(groupOrder);
        computeEstimate();
    }

    /**
     * cost_agg with AGG_SORTED (output starts with the input's first row; the same CPU terms as
     * HashAggregate, so equal totals prefer this node) and cost_group for a Group node (one
     * comparison per key and input row, no per-group charge); HAVING as in AggregateNode.
     */
    private void computeEstimate() {
        PlanNode child = spec.child();
        double groups = spec.groups();
        double total;
        if (isGroupNode()) {
            total = child.totalCost + 0.0025 * child.rows * groupOrder.size();
        } else {
            total = child.totalCost + child.rows * spec.perInputRowCost() + groups * (spec.perGroupCost() + 0.01);
        }
        double having = spec.havingOperators() * 0.0025 * groups;
        estimate(this, child.startupCost, total + having, Math.max(1, Math.rint(groups)) * spec.havingSelectivity(),
                spec.width);
    }

    /** PostgreSQL plans GROUP BY without aggregates as Group nodes (also both steps of a parallel plan). */
    private boolean isGroupNode() {
        return spec.aggregateCount() == 0;
    }

    public AggregateNode spec() {
        return spec;
    }

    public PlanNode child() {
        return spec.child();
    }

    public List<SortNode.Key> groupOrder() {
        return groupOrder;
    }

    @Override
    public String explainName() {
        if (isGroupNode()) {
            return "Group";
        }
        return spec.mode().prefix + "GroupAggregate";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(spec.child());
    }

    @Override
    public void explainDetails(List<String> out, Instrumentation ins) {
        StringBuilder keys = new StringBuilder("Group Key: ");
        for (int i = 0; i < groupOrder.size(); i++) {
            keys.append(i == 0 ? "" : ", ").append(groupOrder.get(i).text());
        }
        out.add(keys.toString());
        Qual.explainFilter(out, ins, spec.qual());
    }

    private RowOrdering ordering() {
        if (ordering == null) {
            ordering = SortNode.orderingOf(groupOrder);
        }
        return ordering;
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        Cursor in = s.open(spec.child());
        Instrumentation ins = s.instrumentation(this);
        RowOrdering ord = ordering();
        int keyCount = groupOrder.size();
        Qual qual = spec.qual();
        return new Cursor() {
            /** The first row of the next group (read ahead), null at the end. */
            Object[] pending;
            boolean started;

            @Override
            public Object[] next() {
                if (!started) {
                    started = true;
                    pending = in.next();
                }
                while (pending != null) {
                    // the child may reuse its row array: keep the group's key slots
                    Object[] groupKeys = Arrays.copyOf(pending, keyCount);
                    Object[] keyValues = spec.keyValues(s, pending);
                    AggFunction.Accumulator[] acc = spec.fresh();
                    spec.accumulate(s, acc, pending);
                    Object[] r;
                    while ((r = in.next()) != null && ord.compare(r, groupKeys) == 0) {
                        spec.accumulate(s, acc, r);
                    }
                    pending = r;
                    Object[] out = spec.result(keyValues, acc);
                    if (filter(out, qual, s, ins)) {
                        return out;
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
