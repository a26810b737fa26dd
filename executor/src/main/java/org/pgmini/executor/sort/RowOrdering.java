package org.pgmini.executor.sort;

import java.util.List;

/**
 * The order of {@code Object[]} rows by a list of {@link SortColumn}s. The prefix is the first
 * column's normalized key: inverted ({@code ~p}, which reverses signed order without overflow)
 * for DESC, and {@code Long.MIN_VALUE}/{@code MAX_VALUE} for NULL as NULLS FIRST/LAST place it.
 * It decides alone only for a single key whose type's prefix is exact and where a NULL cannot
 * collide with a value's prefix.
 */
public final class RowOrdering implements SortOrdering<Object[]> {
    private final SortColumn[] columns;
    private final SortColumn first;
    private final boolean decides;

    public RowOrdering(List<SortColumn> columns) {
        if (columns.isEmpty()) throw new IllegalArgumentException("no sort keys");
        this.columns = columns.toArray(new SortColumn[0]);
        this.first = this.columns[0];
        this.decides = this.columns.length == 1 && first.type().prefixExact()
                && (first.notNull() || !first.type().prefixSpansAllLongs());
    }

    @Override
    public int compare(Object[] a, Object[] b) {
        for (SortColumn c : columns) {
            Object x = a[c.index()], y = b[c.index()];
            int r;
            if (x == null || y == null) {
                if (x == y) continue;
                r = (x == null) == c.nullsFirst() ? -1 : 1;
                return r;
            }
            r = c.type().compare(x, y);
            if (r != 0) return c.descending() ? -Integer.signum(r) : r;
        }
        return 0;
    }

    @Override
    public long prefix(Object[] row) {
        Object v = row[first.index()];
        if (v == null) return first.nullsFirst() ? Long.MIN_VALUE : Long.MAX_VALUE;
        long p = first.type().prefix(v);
        return first.descending() ? ~p : p;
    }

    @Override
    public boolean prefixDecides() { return decides; }

    @Override
    public int keyCount() { return columns.length; }
}
