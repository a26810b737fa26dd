package org.pgmini.executor.query;

import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.Qual;

/**
 * Where expressions with correlated subqueries run: above the FROM tree, always pulling from it.
 * A scan evaluates pushed-down filters (and push-mode consumers their expressions) inside its
 * page visitor, under the buffer's content lock, where no other plan may run; a correlated
 * subquery runs a plan per row, so its conditions are kept here (shown as {@code Result} with a
 * Filter), and a query whose select list, HAVING or ORDER BY has one reads its FROM rows through
 * this node without a condition (invisible), which turns a push from above into pulls (the
 * base class never pushes).
 */
final class SubPlanFilterNode extends ChildFilterNode {
    SubPlanFilterNode(PlanNode child, Qual qual) {
        super(child, qual);
        estimate(this, child.startupCost, child.totalCost, qual == null ? child.rows : Math.max(1, child.rows / 2), child.width);
    }

    @Override
    public String explainName() {
        return "Result";
    }
}
