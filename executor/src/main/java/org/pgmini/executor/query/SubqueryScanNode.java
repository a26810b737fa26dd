package org.pgmini.executor.query;

import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.Qual;

/**
 * A subquery in FROM: its plan's rows, filtered by the conditions pushed onto it. Shown as
 * {@code Subquery Scan on s} only when it filters; otherwise EXPLAIN shows the subquery's plan in
 * its place, as PostgreSQL does after pulling a simple subquery up.
 */
final class SubqueryScanNode extends ChildFilterNode {
    private final String refname;

    SubqueryScanNode(PlanNode child, String refname, Qual qual) {
        super(child, qual);
        this.refname = refname;
        estimate(this, child.startupCost, child.totalCost, child.rows * (qual == null ? 1 : 0.3333), child.width);
    }

    @Override
    public String explainName() {
        return "Subquery Scan on " + refname;
    }
}
