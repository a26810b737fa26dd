package org.pgmini.executor.api;

/**
 * Rows of one execution, pulled one at a time. Not thread-safe: owned by one session.
 * After {@link #next()} returned null (or for a statement that returns no rows, immediately),
 * {@link #commandTag()} gives the CommandComplete tag, e.g. {@code SELECT 3} or {@code SET}.
 */
public interface ResultCursor extends AutoCloseable {
    /** The next row, one value per column, or null when there are no more. */
    Object[] next();

    /** The command tag; valid once the rows are exhausted. */
    String commandTag();

    /** Releases what the execution holds; idempotent. */
    @Override
    void close();
}
