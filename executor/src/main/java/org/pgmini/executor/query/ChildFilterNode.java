package org.pgmini.executor.query;

import java.util.List;
import org.pgmini.executor.exec.Cursor;
import org.pgmini.executor.exec.ExecState;
import org.pgmini.executor.exec.Instrumentation;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.Qual;

/**
 * A node that passes on its one child's rows that satisfy a condition, pulling them one by one;
 * without a condition EXPLAIN does not show it (the child stands in its place). What the
 * subclasses add is only how EXPLAIN names the node and its row estimate.
 */
abstract class ChildFilterNode extends PlanNode {
    protected final PlanNode child;
    /** Null: every row passes. */
    protected final Qual qual;

    ChildFilterNode(PlanNode child, Qual qual) {
        this.child = child;
        this.qual = qual;
    }

    @Override
    public final boolean visibleInExplain() {
        return qual != null;
    }

    @Override
    public final List<PlanNode> children() {
        return List.of(child);
    }

    @Override
    public final void explainDetails(List<String> out, Instrumentation ins) {
        Qual.explainFilter(out, ins, qual);
    }

    // no pushRows override: PlanNode's default pulls through openCursor
    @Override
    protected final Cursor openCursor(ExecState s) {
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
