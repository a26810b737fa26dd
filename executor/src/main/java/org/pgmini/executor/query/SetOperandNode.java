package org.pgmini.executor.query;

import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.ProjectingNode;
import org.pgmini.executor.expr.Eval;

/**
 * One operand of a set operation: the operand query's rows converted to the set operation's
 * column types (and, under INTERSECT/EXCEPT, followed by the side flag). EXPLAIN shows it as
 * {@code Subquery Scan on "*SELECT* n"} when it changes the rows, as PostgreSQL does; otherwise
 * the operand's own plan appears in its place.
 */
final class SetOperandNode extends ProjectingNode {
    private final String name;

    /** {@code projection} null: the operand's rows pass unchanged. */
    SetOperandNode(PlanNode child, String name, Eval[] projection) {
        super(child, projection);
        this.name = name;
        estimate(this, child.startupCost, child.totalCost + (projection == null ? 0 : child.rows * 0.01), child.rows,
                child.width);
    }

    @Override
    public String explainName() {
        return "Subquery Scan on \"" + name + "\"";
    }

    @Override
    public boolean visibleInExplain() {
        return projects();
    }
}
