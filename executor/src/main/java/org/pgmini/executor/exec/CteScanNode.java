package org.pgmini.executor.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * CTE Scan: one reference to a materialized WITH query. All references of an execution share one
 * buffer of the query's rows, filled on demand from the query's plan (so a LIMIT over an unbounded
 * WITH RECURSIVE still ends); each reference reads it from the start, with its own filter. The
 * WITH query's plan is printed once, as {@code CTE name}, under the node of the query that
 * defines it.
 */
public final class CteScanNode extends FilteringLeafNode {
    private final String cteName;
    private final String refname;
    private final PlanNode source;
    /**
     * For a WITH query inside a correlated subquery: changes whenever the subquery runs for a new
     * outer row, and then the rows are computed again (null: computed once per execution).
     */
    private final java.util.function.ToLongFunction<ExecState> epoch;

    public CteScanNode(String cteName, String refname, PlanNode source, Qual qual) {
        this(cteName, refname, source, qual, null);
    }

    public CteScanNode(String cteName, String refname, PlanNode source, Qual qual, java.util.function.ToLongFunction<ExecState> epoch) {
        super(qual);
        this.epoch = epoch;
        this.cteName = cteName;
        this.refname = refname;
        this.source = source;
        estimate(this, 0, source.rows * 0.02, qual == null ? source.rows : Math.max(1, source.rows / 3), source.width);
    }

    @Override
    public String explainName() {
        return "CTE Scan on " + cteName + (refname.equals(cteName) ? "" : " " + refname);
    }

    @Override
    public void explainDetails(List<String> out, Instrumentation ins) {
        // PostgreSQL prints the removed rows per loop (the scan runs once per iteration or reference)
        Qual.explainFilterPerLoop(out, ins, qual);
    }

    /** The rows read so far from the WITH query, shared by every reference in one execution (and epoch). */
    private static final class Buffer {
        final List<Object[]> rows = new ArrayList<>();
        Cursor source;
        boolean done;
        long epoch;
    }

    /** The execution's current buffer of this WITH query (replaced when the epoch moves). */
    private static final class Holder {
        Buffer current;
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        Holder h = (Holder) s.initPlan(source, Holder::new);
        long e = epoch == null ? 0 : epoch.applyAsLong(s);
        if (h.current == null || h.current.epoch != e) {
            if (h.current != null && h.current.source != null) {
                h.current.source.close();
            }
            h.current = new Buffer();
            h.current.epoch = e;
        }
        Buffer b = h.current;
        Instrumentation ins = s.instrumentation(this);
        return new Cursor() {
            int i;

            @Override
            public Object[] next() {
                while (true) {
                    if (i >= b.rows.size()) {
                        if (b.done) {
                            return null;
                        }
                        if (b.source == null) {
                            b.source = s.open(source);
                        }
                        Object[] r = b.source.next();
                        if (r == null) {
                            b.done = true;
                            b.source.close();
                            return null;
                        }
                        b.rows.add(r);
                    }
                    Object[] r = b.rows.get(i++).clone();
                    if (filter(r, qual, s, ins)) {
                        return r;
                    }
                }
            }
        };
    }
}
