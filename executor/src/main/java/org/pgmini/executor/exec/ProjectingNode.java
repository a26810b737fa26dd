package org.pgmini.executor.exec;

import java.util.List;
import org.pgmini.executor.expr.Eval;

/**
 * A node whose rows are its one child's rows, each computed into a new row by a target list
 * (or passed on unchanged when there is none), pulled or pushed as the consumer asks. The
 * subclasses differ only in how EXPLAIN names and shows them. Not a {@link ProjectNode}: code
 * that asks {@code instanceof ProjectNode} relies on every row being freshly built.
 */
public abstract class ProjectingNode extends PlanNode {
    protected final PlanNode child;
    /** Output columns computed from the child's row; null when the rows pass unchanged. */
    private final Eval[] targets;

    protected ProjectingNode(PlanNode child, Eval[] targets) {
        this.child = child;
        this.targets = targets;
    }

    public PlanNode child() {
        return child;
    }

    /** Whether the rows are computed (not the child's own rows). */
    protected final boolean projects() {
        return targets != null;
    }

    @Override
    public final List<PlanNode> children() {
        return List.of(child);
    }

    private Object[] project(ExecState s, Object[] in) {
        if (targets == null) {
            return in;
        }
        s.eval.row = in;
        Object[] out = new Object[targets.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = targets[i].eval(s.eval);
        }
        return out;
    }

    @Override
    protected final Cursor openCursor(ExecState s) {
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
    protected final void pushRows(ExecState s, RowSink sink) {
        s.push(child, r -> sink.accept(project(s, r)));
    }
}
