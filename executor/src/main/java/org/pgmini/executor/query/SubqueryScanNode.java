package org.pgmini.executor.query;

import java.util.List;
import org.pgmini.executor.exec.Cursor;
import org.pgmini.executor.exec.ExecState;
import org.pgmini.executor.exec.Instrumentation;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.Qual;

/**
 * A subquery in FROM: its plan's rows, filtered by the conditions pushed onto it. Shown as
 * {@code Subquery Scan on s} only when it filters; otherwise EXPLAIN shows the subquery's plan in
 * its place, as PostgreSQL does after pulling a simple subquery up.
 */
final class SubqueryScanNode extends PlanNode {
    private final PlanNode child;
    private final String refname;
    private final Qual qual;

    SubqueryScanNode(PlanNode child, String refname, Qual qual) {
        this.child = child;
        this.refname = refname;
        this.qual = qual;
        estimate(this, child.startupCost, child.totalCost, child.rows * (qual == null ? 1 : 0.3333), child.width);
    }

    @Override
    public String explainName() {
        return "Subquery Scan on " + refname;
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

    @Override
    protected Cursor openCursor(ExecState s) {
        Cursor in = s.open(child);
        Instrumentation ins = s.instrumentation(this);
        return new Cursor() {
            @Override
            public Object[] next() {
                for (Object[] r; (r = in.next()) != null; ) {
                    s.eval.row = r;
                    if (qual == null || Boolean.TRUE.equals(qual.eval().eval(s.eval))) {
                        return r;
                    }
                    if (ins != null) {
                        ins.removedByFilter++;
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
