package org.pgmini.executor.exec;

import java.util.List;

/** WorkTable Scan: the recursive term's reference to its own WITH query (the previous iteration's rows). */
public final class WorkTableScanNode extends PlanNode {
    private final WorkTable table;
    private final Qual qual;
    /** The reference's name in EXPLAIN (PostgreSQL makes it unique in the plan, e.g. {@code t t_1}). */
    private String refname;

    public WorkTableScanNode(WorkTable table, String refname, Qual qual, int width) {
        this.table = table;
        this.refname = refname;
        this.qual = qual;
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
    public List<PlanNode> children() {
        return List.of();
    }

    @Override
    public void explainDetails(List<String> out, Instrumentation ins) {
        if (qual != null) {
            out.add("Filter: " + qual.text());
            if (ins != null && ins.removedByFilter > 0) {
                // PostgreSQL prints the average per loop (the scan runs once per iteration or reference)
                out.add("Rows Removed by Filter: " + (long) Math.rint((double) ins.removedByFilter / Math.max(1, ins.loops)));
            }
        }
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        List<Object[]> rows = table.rows(s);
        Instrumentation ins = s.instrumentation(this);
        return new Cursor() {
            int i;

            @Override
            public Object[] next() {
                while (i < rows.size()) {
                    Object[] r = rows.get(i++).clone();
                    if (filter(r, qual, s, ins)) {
                        return r;
                    }
                }
                return null;
            }
        };
    }
}
