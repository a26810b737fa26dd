package org.pgmini.executor.exec;

import java.util.List;
import org.pgmini.executor.expr.Eval;

/**
 * Computes the output row from the input row (a target list), optionally filtering first. Not
 * shown by EXPLAIN: PostgreSQL folds projection into the node below.
 */
public final class ProjectNode extends PlanNode {
    private final PlanNode child;
    private final Eval[] targets;

    public ProjectNode(PlanNode child, Eval[] targets) {
        this.child = child;
        this.targets = targets;
        estimate(this, child.startupCost, child.totalCost, child.rows, child.width);
    }

    public PlanNode child() {
        return child;
    }

    @Override
    public String explainName() {
        return "Result";
    }

    @Override
    public boolean visibleInExplain() {
        return false;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }

    private Object[] project(ExecState s, Object[] in) {
        s.eval.row = in;
        Object[] out = new Object[targets.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = targets[i].eval(s.eval);
        }
        return out;
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        Cursor in = s.open(child);
        return new Cursor() {
            @Override
            public Object[] next() {
                Object[] r = in.next();
                return r == null ? null : project(s, r);
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }

    @Override
    protected void pushRows(ExecState s, RowSink sink) {
        s.push(child, r -> sink.accept(project(s, r)));
    }
}
