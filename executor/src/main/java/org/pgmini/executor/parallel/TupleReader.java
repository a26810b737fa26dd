package org.pgmini.executor.parallel;

/**
 * The rows of one participant of a parallel execution (a worker's tuple queue, or the leader
 * running the fragment itself). Gather reads its readers round-robin; Gather Merge keeps one
 * current row per reader in a heap. Session thread only.
 */
public interface TupleReader {
    /**
     * The next row (a fresh array the caller may keep), or null: with {@code wait}, null means the
     * participant has no more rows; without, null may also mean "none ready yet" — then
     * {@link #finished()} tells which. A worker's error is raised here (with its SQLSTATE) as soon
     * as its queue ends; cancel and statement_timeout are checked while waiting.
     */
    Object[] next(boolean wait);

    /** True once every row of this participant was returned. */
    boolean finished();
}
