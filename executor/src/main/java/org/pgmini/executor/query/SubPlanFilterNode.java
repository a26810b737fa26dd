package org.pgmini.executor.query;

import java.util.List;
import org.pgmini.executor.exec.Cursor;
import org.pgmini.executor.exec.ExecState;
import org.pgmini.executor.exec.Instrumentation;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.Qual;

/**
 * Where expressions with correlated subqueries run: above the FROM tree, always pulling from it.
 * A scan evaluates pushed-down filters (and push-mode consumers their expressions) inside its
 * page visitor, under the buffer's content lock, where no other plan may run; a correlated
 * subquery runs a plan per row, so its conditions are kept here (shown as {@code Result} with a
 * Filter), and a query whose select list, HAVING or ORDER BY has one reads its FROM rows through
 * this node without a condition (invisible), which turns a push from above into pulls.
 */
final class SubPlanFilterNode extends PlanNode {
    private final PlanNode child;
    private final Qual qual;

    SubPlanFilterNode(PlanNode child, Qual qual) {
        this.child = child;
        this.qual = qual;
        estimate(this, child.startupCost, child.totalCost, qual == null ? child.rows : Math.max(1, child.rows / 2), child.width);
    }

    @Override
    public String explainName() {
        return "Result";
    }

    @Override
    public boolean visibleInExplain() {
        return qual != null;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }

    @Override
    public void explainDetails(List<String> out, Instrumentation ins) {
        if (qual != null) {
            out.add("Filter: " + qual.text());
            if (ins != null && ins.removedByFilter > 0) {
                out.add("Rows Removed by Filter: " + ins.removedByFilter);
            }
        }
    }

    // no pushRows override: PlanNode's default pulls through openCursor, which is the point
    @Override
    protected Cursor openCursor(ExecState s) {
        Cursor in = s.open(child);
        Instrumentation ins = s.instrumentation(this);
        return new Cursor() {
            @Override
            public Object[] next() {
                for (Object[] r; (r = in.next()) != null; ) {
                    if (filter(r, qual, s, ins)) {
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
