package org.pgmini.executor.portal;

import org.pgmini.executor.exec.Cursor;
import org.pgmini.executor.exec.ScrollableCursor;

/**
 * A scrollable scan over a plan that cannot run backwards (PostgreSQL's Material node on top of a
 * SCROLL cursor's plan): rows are pulled from {@code source} only when a forward fetch passes the
 * last row read so far, and kept in a {@link TupleStore} so that backward fetches and rewinds read
 * them again. With a null source it scans a finished store (a WITH HOLD cursor after commit).
 *
 * <p>{@code eof}: the last {@link #next()} found no row (the store's pointer is then at its end and
 * the source is exhausted), so {@link #previous()} returns the last row instead of the one before.
 */
public final class StoreScan implements ScrollableCursor {
    private final TupleStore store;
    private Cursor source;
    private boolean eof;

    public StoreScan(TupleStore store, Cursor source) {
        this.store = store;
        this.source = source;
    }

    public TupleStore store() {
        return store;
    }

    @Override
    public Object[] next() {
        if (eof) {
            return null;
        }
        Object[] row = store.forward();
        if (row != null) {
            return row;
        }
        if (source != null) {
            row = source.next();
            if (row != null) {
                store.appendAndPass(row);
                return row;
            }
            closeSource();
        }
        eof = true;
        return null;
    }

    @Override
    public Object[] previous() {
        if (eof) {
            eof = false;
        } else if (!store.stepBack()) {
            return null;
        }
        return store.behind();
    }

    @Override
    public void rewind() {
        store.rewind();
        eof = false;
    }

    /**
     * Reads every row the source still has into the store, leaving the read pointer (and what
     * {@link #previous()} returns) as it was, and closes the source: the scan no longer needs the
     * plan, its snapshot or its transaction (WITH HOLD at commit).
     */
    public void drainSource() {
        if (source == null) {
            return;
        }
        for (Object[] r; (r = source.next()) != null; ) {
            store.append(r);
        }
        closeSource();
    }

    private void closeSource() {
        Cursor s = source;
        source = null;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public void close() {
        try {
            closeSource();
        } finally {
            store.close();
        }
    }
}
