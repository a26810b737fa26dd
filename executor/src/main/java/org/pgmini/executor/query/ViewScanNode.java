package org.pgmini.executor.query;

import org.pgmini.executor.exec.Cursor;
import org.pgmini.executor.exec.ExecState;
import org.pgmini.executor.exec.FilteringLeafNode;
import org.pgmini.executor.exec.Qual;

/** Scan of a {@link SystemViews} view: its rows for this execution, filtered. Shown as PostgreSQL shows a function-backed view: Function Scan. */
final class ViewScanNode extends FilteringLeafNode {
    private final SystemViews.View view;
    private final String refname;

    ViewScanNode(SystemViews.View view, String refname, Qual qual) {
        super(qual);
        this.view = view;
        this.refname = refname;
        estimate(this, 0, 10, 1000, 32 * view.columns().size());
    }

    @Override
    public String explainName() {
        return "Function Scan on " + view.name() + (refname.equals(view.name()) ? "" : " " + refname);
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        return filteredRows(view.rows().apply(s.session), false, s);
    }
}
