package org.pgmini.executor.portal;

import java.util.ArrayList;
import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.exec.Cursor;
import org.pgmini.executor.exec.ScrollableCursor;
import org.pgmini.executor.parser.ast.PgCursorStatements.Direction;
import org.pgmini.executor.parser.ast.PgCursorStatements.Fetch;

/**
 * One open SQL cursor (PostgreSQL's portal for DECLARE): its rows come from {@code rows}, a
 * forward-only {@link Cursor} over the running plan (NO SCROLL: FETCH n pulls n rows from the
 * plan, so an error in a later row shows at that FETCH) or a {@link ScrollableCursor} (a
 * random-access sort, or a {@link StoreScan}). FETCH and MOVE follow PostgreSQL's
 * DoPortalRunFetch / PortalRunSelect: the position is {@code atStart}, {@code atEnd} and
 * {@code portalPos} (rows read so far, counting from 1), every direction reduced to forward or
 * backward runs of the executor.
 *
 * <p>{@link #persist} (WITH HOLD at commit, PostgreSQL's PersistHoldablePortal): the rest of the
 * result is read into a {@link TupleStore} (all of it, repositioned, for a scrollable cursor; only
 * the unread rows otherwise) and the plan is closed, so the cursor outlives its transaction.
 *
 * <p>Session thread only; {@link #close()} is idempotent and releases the plan's resources and
 * temp files.
 */
public final class Portal implements AutoCloseable {
    /** What one FETCH or MOVE produced: the rows (FETCH only) and the count of its command tag. */
    public record Result(List<Object[]> rows, long count) {}

    private final String name;
    private final List<ColumnDescription> columns;
    private final boolean scroll;
    private final boolean hold;
    /** The transaction that declared it (a cursor without HOLD dies with it); null once persisted. */
    private Object transaction;
    private Cursor rows;
    /** The plan's execution when closing {@code rows} does not end it (a random-access sort at the top); else null. */
    private AutoCloseable execution;
    private boolean atStart = true;
    private boolean atEnd;
    private long portalPos;
    private boolean failed;
    private boolean persisted;
    private boolean closed;

    public Portal(String name, List<ColumnDescription> columns, boolean scroll, boolean hold, Object transaction, Cursor rows,
                  AutoCloseable execution) {
        if (scroll && !(rows instanceof ScrollableCursor)) {
            throw new IllegalArgumentException("a SCROLL cursor needs rows that run backwards");
        }
        this.name = name;
        this.columns = List.copyOf(columns);
        this.scroll = scroll;
        this.hold = hold;
        this.transaction = transaction;
        this.rows = rows;
        this.execution = execution;
    }

    public String name() {
        return name;
    }

    public List<ColumnDescription> columns() {
        return columns;
    }

    public boolean scroll() {
        return scroll;
    }

    public boolean hold() {
        return hold;
    }

    public Object transaction() {
        return transaction;
    }

    public boolean persisted() {
        return persisted;
    }

    /** FETCH ({@code move} false) or MOVE in a direction; rows are collected only for FETCH. */
    public Result fetch(Direction direction, long count, boolean move) {
        if (closed || failed) {
            throw new PgException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "portal \"" + name + "\" cannot be run");
        }
        List<Object[]> out = move ? null : new ArrayList<>();
        try {
            long n = runFetch(direction, count, out);
            return new Result(out == null ? List.of() : out, n);
        } catch (RuntimeException e) {
            // MarkPortalFailed: any error in a FETCH (even "can only scan forward") leaves the
            // cursor unusable until CLOSE; a held cursor survives its failed transaction that way
            failed = true;
            throw e;
        }
    }

    /** DoPortalRunFetch: every direction as forward/backward runs of the plan. */
    private long runFetch(Direction direction, long count, List<Object[]> out) {
        boolean forward;
        switch (direction) {
            case FORWARD -> forward = true;
            case BACKWARD -> forward = false;
            case ABSOLUTE -> {
                if (count > 0) {
                    // from the start, or from here when the target is nearer
                    if (portalPos == Long.MAX_VALUE || count - 1 <= portalPos / 2) {
                        rewind();
                        if (count > 1) {
                            runSelect(true, count - 1, null);
                        }
                    } else {
                        long pos = portalPos;
                        if (atEnd) {
                            pos++;
                        }
                        if (count <= pos) {
                            runSelect(false, pos - count + 1, null);
                        } else if (count > pos + 1) {
                            runSelect(true, count - pos - 1, null);
                        }
                    }
                    return runSelect(true, 1, out);
                }
                if (count < 0) {
                    // to the end, back up |count| - 1 rows, return the one before
                    runSelect(true, Fetch.ALL, null);
                    if (count < -1) {
                        runSelect(false, -count - 1, null);
                    }
                    return runSelect(false, 1, out);
                }
                rewind();
                return runSelect(true, 0, out);
            }
            case RELATIVE -> {
                if (count > 0) {
                    if (count > 1) {
                        runSelect(true, count - 1, null);
                    }
                    return runSelect(true, 1, out);
                }
                if (count < 0) {
                    if (count < -1) {
                        runSelect(false, -count - 1, null);
                    }
                    return runSelect(false, 1, out);
                }
                forward = true;
            }
            default -> throw new IllegalStateException("direction " + direction);
        }
        if (count == 0) {
            // re-fetch the current row, if the cursor sits on one
            boolean onRow = !atStart && !atEnd;
            if (out == null) {
                return onRow ? 1 : 0; // MOVE 0
            }
            if (onRow) {
                runSelect(false, 1, null);
                count = 1;
                forward = true;
            }
        }
        if (!forward && count == Fetch.ALL && out == null) {
            // MOVE BACKWARD ALL is a rewind
            long result = portalPos;
            if (result > 0 && !atEnd) {
                result--;
            }
            rewind();
            return result;
        }
        return runSelect(forward, count, out);
    }

    /**
     * PortalRunSelect: up to {@code count} rows (all for {@link Fetch#ALL}, none for 0) in one
     * direction, into {@code out} when not null; updates the position. Returns the rows passed.
     */
    private long runSelect(boolean forward, long count, List<Object[]> out) {
        long done = 0;
        if (forward) {
            if (atEnd || count <= 0) {
                return 0;
            }
            while (done < count) {
                Object[] r = rows.next();
                if (r == null) {
                    break;
                }
                if (out != null) {
                    out.add(r);
                }
                done++;
            }
            if (done > 0) {
                atStart = false;
            }
            if (done < count) {
                atEnd = true;
            }
            portalPos += done;
            return done;
        }
        if (!scroll) {
            throw new PgException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cursor can only scan forward", null,
                    "Declare it with SCROLL option to enable backward scan.", 0, null, null);
        }
        if (atStart || count <= 0) {
            return 0;
        }
        ScrollableCursor back = (ScrollableCursor) rows;
        while (done < count) {
            Object[] r = back.previous();
            if (r == null) {
                break;
            }
            if (out != null) {
                out.add(r);
            }
            done++;
        }
        if (done > 0 && atEnd) {
            atEnd = false;
            portalPos++;
        }
        if (done < count) {
            atStart = true;
            portalPos = 0;
        } else {
            portalPos -= done;
        }
        return done;
    }

    /** DoPortalRewind: a no-op before anything was read; else it needs a cursor that scrolls. */
    private void rewind() {
        if (atStart && !atEnd) {
            return;
        }
        if (!scroll) {
            throw new PgException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cursor can only scan forward", null,
                    "Declare it with SCROLL option to enable backward scan.", 0, null, null);
        }
        ((ScrollableCursor) rows).rewind();
        atStart = true;
        atEnd = false;
        portalPos = 0;
    }

    /**
     * WITH HOLD at commit: reads what is left of the result into a tuple store, closes the plan
     * (which needs its transaction) and keeps the position. A failure leaves the portal failed;
     * the caller then aborts the transaction, which closes it.
     */
    public void persist(long workMemKB, java.nio.file.Path dataDir) {
        if (persisted || closed) {
            return;
        }
        try {
            if (rows instanceof StoreScan s) {
                s.drainSource(); // the store already holds the rows read so far, pointer in place
            } else if (scroll) {
                ScrollableCursor old = (ScrollableCursor) rows;
                StoreScan store = new StoreScan(new TupleStore(workMemKB, dataDir), null);
                try {
                    old.rewind();
                    for (Object[] r; (r = old.next()) != null; ) {
                        store.store().append(r);
                    }
                    reposition(store);
                } catch (RuntimeException e) {
                    store.close();
                    throw e;
                }
                rows = store;
                old.close();
                endExecution();
            } else {
                Cursor old = rows;
                TupleStore store = new TupleStore(workMemKB, dataDir);
                try {
                    if (!atEnd) {
                        for (Object[] r; (r = old.next()) != null; ) {
                            store.append(r);
                        }
                    }
                } catch (RuntimeException e) {
                    store.close();
                    throw e;
                }
                rows = new StoreScan(store, null);
                old.close();
                endExecution();
            }
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
        persisted = true;
        transaction = null;
    }

    /** Puts a scrollable cursor's new store where the plan was: after row portalPos, or at the end. */
    private void reposition(StoreScan store) {
        if (atEnd) {
            store.store().toEnd();
            store.next(); // finds no row: a backward fetch now returns the last one
        } else if (store.store().skip(portalPos) != portalPos) {
            throw new PgException(SqlState.INTERNAL_ERROR, "unexpected end of tuple stream");
        }
    }

    /** Releases the plan (its sorts' temp files, workers) or the store. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Cursor r = rows;
        rows = null;
        try {
            if (r != null) {
                r.close();
            }
        } finally {
            endExecution();
        }
    }

    private void endExecution() {
        AutoCloseable e = execution;
        execution = null;
        if (e != null) {
            try {
                e.close();
            } catch (Exception ignored) {
                // an execution's close reports nothing (ExecState.close swallows its parts' errors)
            }
        }
    }
}
