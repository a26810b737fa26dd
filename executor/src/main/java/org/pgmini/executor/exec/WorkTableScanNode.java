package org.pgmini.executor.exec;

import java.util.List;

/** WorkTable Scan: the recursive term's reference to its own WITH query (the previous iteration's rows). */
public final class WorkTableScanNode extends FilteringLeafNode {
    private final WorkTable table;
    /** The reference's name in EXPLAIN (PostgreSQL makes it unique in the plan, e.g. {@code t t_1}). */
    private String refname;

    public WorkTableScanNode(WorkTable table, String refname, Qual qual, int width) {
        super(qual);
        this.table = table;
        this.refname = refname;
        estimate(this, 0, 0.1 * 10, qual == null ? 100 : 33, width);
    }

    /** Set while planning only (before the plan is shared). */
    public void renameForExplain(String name) {
        this.refname = name;
    }

    @Override
    public String explainName() {
        return "WorkTable Scan on " + table.cteName + (refname.equals(table.cteName) ? "" : " " + refname);
    }

    @Override
    public void explainDetails(List<String> out, Instrumentation ins) {
        // PostgreSQL prints the removed rows per loop (the scan runs once per iteration or reference)
        Qual.explainFilterPerLoop(out, ins, qual);
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        return filteredRows(table.rows(s), true, s);
    }
}
