package org.pgmini.executor.exec;

/**
 * A cursor that can return to a saved position (PostgreSQL's ExecMarkPos / ExecRestrPos): a
 * Merge Join marks the first inner row of a group of equal keys and restores to it for each
 * outer row with that key. A random-access {@link SortNode} opens one (tuplesort mark/restore,
 * in memory or on its result tape).
 */
public interface MarkableCursor extends Cursor {
    /** The position of the row the next {@link #next()} returns. */
    Object mark();

    /** Makes {@link #next()} return the row it returned after {@code mark} was taken. */
    void restore(Object mark);
}
