package org.pgmini.executor.plan;

import java.util.Iterator;
import java.util.List;
import org.pgmini.executor.api.ResultCursor;

/** A cursor over rows computed eagerly or lazily by an iterator, with a fixed command tag. */
final class Rows implements ResultCursor {
    private final Iterator<Object[]> rows;
    private final String tagPrefix;
    private final boolean countRows;
    private long count;

    Rows(Iterator<Object[]> rows, String tagPrefix, boolean countRows) {
        this.rows = rows;
        this.tagPrefix = tagPrefix;
        this.countRows = countRows;
    }

    static Rows of(List<Object[]> rows, String tagPrefix) {
        return new Rows(rows.iterator(), tagPrefix, true);
    }

    static Rows command(String tag) {
        return new Rows(java.util.Collections.emptyIterator(), tag, false);
    }

    @Override
    public Object[] next() {
        if (!rows.hasNext()) {
            return null;
        }
        count++;
        return rows.next();
    }

    @Override
    public String commandTag() {
        return countRows ? tagPrefix + " " + count : tagPrefix;
    }

    @Override
    public void close() {
    }
}
