package org.pgmini.executor.query;

import java.util.List;
import org.pgmini.executor.exec.Cursor;
import org.pgmini.executor.exec.ExecState;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.RowSink;
import org.pgmini.executor.expr.Eval;

/**
 * One operand of a set operation: the operand query's rows converted to the set operation's
 * column types (and, under INTERSECT/EXCEPT, followed by the side flag). EXPLAIN shows it as
 * {@code Subquery Scan on "*SELECT* n"} when it changes the rows, as PostgreSQL does; otherwise
 * the operand's own plan appears in its place.
 */
final class SetOperandNode extends PlanNode {
    private final PlanNode child;
    private final String name;
    /** Output columns computed from the operand's row; null when the rows pass unchanged. */
    private final Eval[] projection;

    SetOperandNode(PlanNode child, String name, Eval[] projection) {
        this.child = child;
        this.name = name;
        this.projection = projection;
        estimate(this, child.startupCost, child.totalCost + (projection == null ? 0 : child.rows * 0.01), child.rows,
                child.width);
    }

    @Override
    public String explainName() {
        return "Subquery Scan on \"" + name + "\"";
    }

    @Override
    public boolean visibleInExplain() {
        return projection != null;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }

    private Object[] project(ExecState s, Object[] in) {
        if (projection == null) {
            return in;
        }
        s.eval.row = in;
        Object[] out = new Object[projection.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = projection[i].eval(s.eval);
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
