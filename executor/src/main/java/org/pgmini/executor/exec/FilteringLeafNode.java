package org.pgmini.executor.exec;

import java.util.List;

/**
 * A scan with no plan below it (VALUES, a WITH query's rows, a function's rows, a system view)
 * whose rows go through its own filter: what all of them share is the EXPLAIN Filter lines and,
 * for those that read a list of rows, the filtering cursor over it.
 */
public abstract class FilteringLeafNode extends PlanNode {
    /** The scan's own condition; null: every row passes. */
    protected final Qual qual;

    protected FilteringLeafNode(Qual qual) {
        this.qual = qual;
    }

    @Override
    public final List<PlanNode> children() {
        return List.of();
    }

    /** The Filter lines, removed rows as a total (scans that rescan print them per loop instead). */
    @Override
    public void explainDetails(List<String> out, Instrumentation ins) {
        Qual.explainFilter(out, ins, qual);
    }

    /**
     * The rows of {@code rows} that pass {@link #qual}, in order; with {@code copy} each is a copy
     * (for rows that outlive this cursor and must not be changed by the consumer).
     */
    protected final Cursor filteredRows(List<Object[]> rows, boolean copy, ExecState s) {
        Instrumentation ins = s.instrumentation(this);
        return new Cursor() {
            int i;

            @Override
            public Object[] next() {
                while (i < rows.size()) {
                    Object[] r = copy ? rows.get(i++).clone() : rows.get(i++);
                    if (filter(r, qual, s, ins)) {
                        return r;
                    }
                }
                return null;
            }
        };
    }
}
