package org.pgmini.executor.exec;

import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.executor.expr.Eval;

/**
 * Limit: skips OFFSET rows, then returns at most LIMIT rows (both int8 expressions evaluated at
 * start, null meaning none / ALL). A Sort right below is told the bound (OFFSET + LIMIT) so it can
 * keep only the top N in memory.
 */
public final class LimitNode extends PlanNode {
    private final PlanNode child;
    private final Eval offset;
    private final Eval count;

    public LimitNode(PlanNode child, Eval offset, Eval count, double estimatedRows) {
        this.child = child;
        this.offset = offset;
        this.count = count;
        estimate(this, child.startupCost, child.totalCost, estimatedRows, child.width);
    }

    @Override
    public String explainName() {
        return "Limit";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        Object o = offset == null ? null : offset.eval(s.eval);
        Object n = count == null ? null : count.eval(s.eval);
        long skip = o == null ? 0 : ((Number) o).longValue();
        long limit = n == null ? -1 : ((Number) n).longValue();
        if (skip < 0) {
            throw new PgException("2201X", "OFFSET must not be negative");
        }
        if (n != null && limit < 0) {
            throw new PgException("2201W", "LIMIT must not be negative");
        }
        if (limit == 0) {
            return () -> null;
        }
        if (child instanceof SortNode && limit > 0 && skip + limit > 0) {
            s.offerSortBound(child, skip + limit);
        }
        Cursor in = s.open(child);
        return new Cursor() {
            long skipped;
            long returned;

            @Override
            public Object[] next() {
                if (skipped < skip) {
                    // [sortperf] one call, so that a sort below can pass over rows without building them
                    skipped += in.skip(skip - skipped);
                    if (skipped < skip) {
                        return null;
                    }
                }
                if (limit >= 0 && returned >= limit) {
                    return null;
                }
                Object[] r = in.next();
                if (r != null) {
                    returned++;
                }
                return r;
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }
}
