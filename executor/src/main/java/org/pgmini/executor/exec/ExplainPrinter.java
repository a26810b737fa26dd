package org.pgmini.executor.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * EXPLAIN's text format as PostgreSQL prints it: a node's name at column c, its details at c+2,
 * each child as {@code ->  Name} with the arrow at c+2 and the name at c+6; costs as
 * {@code  (cost=S..T rows=N width=W)}, ANALYZE as {@code (actual time=S..T rows=N loops=L)} or
 * {@code (actual rows=N loops=L)} without timing, {@code (never executed)} for nodes that never
 * ran. Invisible nodes (projections) print their child in their place.
 */
public final class ExplainPrinter {
    private final boolean costs;
    private final ExecState analyzed;
    private final boolean timing;

    /** @param analyzed the execution's state after running the plan (ANALYZE), or null */
    public ExplainPrinter(boolean costs, ExecState analyzed, boolean timing) {
        this.costs = costs;
        this.analyzed = analyzed;
        this.timing = timing;
    }

    /**
     * A cost with two decimals as C's printf rounds it: the exact binary value, a tie (35.625 is
     * exact) to even, so that EXPLAIN's figures are PostgreSQL's (Java's %.2f rounds ties up).
     */
    static String cost(double v) {
        return new java.math.BigDecimal(v).setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    public List<String> print(PlanNode root) {
        List<String> out = new ArrayList<>();
        node(root, 0, false, out);
        return out;
    }

    private void node(PlanNode n, int column, boolean arrow, List<String> out) {
        List<java.util.Map.Entry<String, PlanNode>> labeled = new ArrayList<>();
        while (!n.visibleInExplain()) {
            labeled.addAll(n.labeledPlans());
            n = n.children().get(0);
        }
        labeled.addAll(n.labeledPlans());
        Instrumentation ins = analyzed == null ? null : analyzed.instrumentation(n);
        StringBuilder line = new StringBuilder();
        line.append(" ".repeat(arrow ? column - 4 : column));
        if (arrow) {
            line.append("->  ");
        }
        line.append(n.explainName());
        if (costs) {
            line.append("  (cost=").append(cost(n.startupCost)).append("..").append(cost(n.totalCost))
                    .append(String.format(Locale.ROOT, " rows=%.0f width=%d)", n.rows, n.width));
        }
        if (analyzed != null) {
            line.append(costs ? " " : " ");
            if (ins == null || ins.loops == 0) {
                line.append("(never executed)");
            } else {
                long rows = Math.round((double) ins.rows / ins.loops);
                if (timing) {
                    line.append(String.format(Locale.ROOT, "(actual time=%.3f..%.3f rows=%d loops=%d)",
                            ins.startupNanos / 1e6 / ins.loops, ins.totalNanos / 1e6 / ins.loops, rows, ins.loops));
                } else {
                    line.append("(actual rows=").append(rows).append(" loops=").append(ins.loops).append(')');
                }
            }
        }
        out.add(line.toString());
        List<String> details = new ArrayList<>();
        n.explainDetails(details, ins != null && ins.loops > 0 ? ins : null, costs);
        String pad = " ".repeat(column + 2);
        for (String d : details) {
            out.add(pad + d);
        }
        for (java.util.Map.Entry<String, PlanNode> e : labeled) {
            out.add(pad + e.getKey());
            node(e.getValue(), column + 8, true, out);
        }
        for (PlanNode c : n.children()) {
            node(c, column + 6, true, out);
        }
    }
}
