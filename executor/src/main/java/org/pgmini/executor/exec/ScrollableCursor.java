package org.pgmini.executor.exec;

/**
 * A cursor that also runs backwards (PostgreSQL's backward scan direction), as a SCROLL cursor
 * needs. Semantics of {@link #previous()} as the executor's: after {@link #next()} returned null
 * (the end was reached) it returns the last row; otherwise the row before the one returned last;
 * null at the start (and a following {@link #next()} returns the first row again).
 */
public interface ScrollableCursor extends Cursor {
    Object[] previous();

    /** Back to before the first row (ExecutorRewind). */
    void rewind();
}
