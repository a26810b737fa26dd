package org.pgmini.executor.exec;

import org.pgmini.executor.expr.Eval;

/**
 * Computes the output row from the input row (a target list). Not shown by EXPLAIN: PostgreSQL
 * folds projection into the node below. Its rows are always new arrays.
 */
public final class ProjectNode extends ProjectingNode {
    public ProjectNode(PlanNode child, Eval[] targets) {
        super(child, targets);
        estimate(this, child.startupCost, child.totalCost, child.rows, child.width);
    }

    @Override
    public String explainName() {
        return "Result";
    }

    @Override
    public boolean visibleInExplain() {
        return false;
    }
}
