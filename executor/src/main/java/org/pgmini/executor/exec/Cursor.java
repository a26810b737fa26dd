package org.pgmini.executor.exec;

/**
 * Pull side of a plan node for one execution: {@link #next()} returns a fresh row array the
 * caller may keep, or null at the end. Closing releases what the node holds (temp files); it
 * must be idempotent. Owned by one session thread.
 */
public interface Cursor extends AutoCloseable {
    Object[] next();

    /**
     * Passes over up to {@code n} rows without handing them out (OFFSET); returns how many there
     * were (fewer only at the end). A cursor that builds its rows on the way out (a datum sort)
     * overrides it to skip that work. [sortperf: added for LimitNode's OFFSET]
     */
    default long skip(long n) {
        long done = 0;
        while (done < n && next() != null) {
            done++;
        }
        return done;
    }

    @Override
    default void close() {
    }
}
