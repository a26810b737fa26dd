package org.pgmini.executor.exec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pgmini.executor.expr.Catalog;
import org.pgmini.executor.types.PgType;

/**
 * array_agg(x): the input values in input order, NULLs included (array_agg is not strict); NULL
 * over no rows. With DISTINCT, PostgreSQL sorts the input, so the distinct values come out in
 * the element type's order (a NULL last).
 */
final class ArrayAgg implements AggFunction.Accumulator {
    private final List<Object> values = new ArrayList<>();
    private final Catalog.Comparer distinctOrder;
    private final Set<Object> seen;
    private boolean any;

    ArrayAgg() {
        this(null);
    }

    /** {@code distinctOrder}: non-null for array_agg(DISTINCT x), the element type's ordering. */
    ArrayAgg(Catalog.Comparer distinctOrder) {
        this.distinctOrder = distinctOrder;
        this.seen = distinctOrder == null ? null : new HashSet<>();
    }

    static AggFunction.Factory distinct(PgType element) {
        Catalog.Comparer cmp = Catalog.INSTANCE.comparerFor(element);
        return () -> new ArrayAgg(cmp);
    }

    @Override
    public boolean wantsNulls() {
        return true;
    }

    @Override
    public void add(Object v) {
        any = true;
        if (seen != null && !seen.add(v == null ? null : HashJoinNode.normalize(v))) {
            return;
        }
        values.add(v);
    }

    @Override
    public Object result() {
        if (!any) {
            return null;
        }
        if (distinctOrder != null) {
            values.sort((a, b) -> a == null ? (b == null ? 0 : 1) : b == null ? -1 : distinctOrder.compare(a, b));
        }
        return values.toArray();
    }
}
