package org.pgmini.executor.exec;

/**
 * Pull side of a plan node for one execution: {@link #next()} returns a fresh row array the
 * caller may keep, or null at the end. Closing releases what the node holds (temp files); it
 * must be idempotent. Owned by one session thread.
 */
public interface Cursor extends AutoCloseable {
    Object[] next();

    @Override
    default void close() {
    }
}
