package org.pgmini.executor.query;

import java.util.List;
import org.pgmini.executor.exec.Cursor;
import org.pgmini.executor.exec.ExecState;
import org.pgmini.executor.exec.Instrumentation;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.Qual;

/** Scan of a {@link SystemViews} view: its rows for this execution, filtered. Shown as PostgreSQL shows a function-backed view: Function Scan. */
final class ViewScanNode extends PlanNode {
    private final SystemViews.View view;
    private final String refname;
    private final Qual qual;

    ViewScanNode(SystemViews.View view, String refname, Qual qual) {
        this.view = view;
        this.refname = refname;
        this.qual = qual;
        estimate(this, 0, 10, 1000, 32 * view.columns().size());
    }

    @Override
    public String explainName() {
        return "Function Scan on " + view.name() + (refname.equals(view.name()) ? "" : " " + refname);
    }

    @Override
    public List<PlanNode> children() {
        return List.of();
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
        List<Object[]> rows = view.rows().apply(s.session);
        Instrumentation ins = s.instrumentation(this);
        return new Cursor() {
            int i;

            @Override
            public Object[] next() {
                while (i < rows.size()) {
                    Object[] r = rows.get(i++);
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
        };
    }
}
