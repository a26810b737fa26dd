package org.pgmini.executor.sort;

import org.slf4j.Logger;

/**
 * What both datum sorts ({@link LongKeySort}, {@link ByteStringSort}) do alike: the life cycle
 * (load, {@code performSort}, read, close), NULLs counted while loading and handed out first or
 * last around the values, the interrupt check every 4096 rows, and the runs' bookkeeping
 * ({@link DatumRuns}). A subclass holds the values: how they are stored, sorted, written and
 * merged, and what the current one is.
 *
 * <p>Not thread-safe. {@link #close} removes the temp file, also after an error.
 */
public abstract class DatumSort implements AutoCloseable {
    /** LOADING → SORTED_IN_MEM or FINAL_MERGE (performSort) → CLOSED. */
    protected enum State { LOADING, SORTED_IN_MEM, FINAL_MERGE, CLOSED }

    protected final SortOptions options;
    protected final boolean descending;
    private final boolean nullsFirst;
    protected final long allowedMem;
    protected final DatumRuns runs;

    protected State state = State.LOADING;
    protected SortMethod method = SortMethod.STILL_IN_PROGRESS;
    /** Rows put so far (values and NULLs). */
    protected long put;
    /** Peak bytes held in memory, for EXPLAIN when the sort stays in memory. */
    protected long peakBytes;
    private long nulls;

    // reading
    private long nullsLeft;
    private boolean valuesDone;
    private boolean isNull;

    protected DatumSort(SortOptions options, boolean descending, boolean nullsFirst, Logger log) {
        if (options.randomAccess()) throw new IllegalArgumentException("a datum sort has no random access");
        this.options = options;
        this.descending = descending;
        this.nullsFirst = nullsFirst;
        this.allowedMem = options.workMemKB() * 1024L;
        this.runs = new DatumRuns(options, log);
    }

    /** Checks the state and counts a row put (checking for interrupts now and then). */
    protected final void countPut() {
        if (state != State.LOADING) throw new IllegalStateException("cannot add to a sort in state " + state);
        if ((++put & 4095) == 0) options.interruptCheck().run();
    }

    public final void putNull() {
        countPut();
        nulls++;
    }

    /** All rows are in: sort in memory or finish the runs and open the final merge. */
    public final void performSort() {
        if (state != State.LOADING) throw new IllegalStateException("performSort in state " + state);
        runs.trace("performsort of {} tuples starting: {}", put, runs.elapsed());
        if (!runs.external()) {
            sortInMemory();
            state = State.SORTED_IN_MEM;
            method = SortMethod.QUICKSORT;
        } else {
            finishRuns();
            state = State.FINAL_MERGE;
            method = SortMethod.EXTERNAL_MERGE;
        }
        nullsLeft = nulls;
        valuesDone = false;
        runs.trace("performsort done ({}): {}", method.label(), runs.elapsed());
    }

    /** Sorts what is held, to be read in order by {@link #nextValue}. */
    protected abstract void sortInMemory();

    /** Writes the last run, merges down to the final merge's inputs and opens it. */
    protected abstract void finishRuns();

    /** Moves to the next value (not NULL) in order; false when there are no more. */
    protected abstract boolean nextValue();

    /** Drops what the subclass holds (memory, the merge's inputs). */
    protected abstract void release();

    /** Advances to the next row: true with {@link #isNull()} and the subclass's current value describing it, false at the end. */
    public final boolean next() {
        if (nullsFirst && nullsLeft > 0) {
            nullsLeft--;
            isNull = true;
            return true;
        }
        if (!valuesDone) {
            if (state != State.SORTED_IN_MEM && state != State.FINAL_MERGE) {
                throw new IllegalStateException("sort is not ready to be read (state " + state + ")");
            }
            if (nextValue()) {
                isNull = false;
                return true;
            }
            valuesDone = true;
        }
        if (nullsLeft > 0) {
            nullsLeft--;
            isNull = true;
            return true;
        }
        return false;
    }

    public final boolean isNull() { return isNull; }

    /** Method and space for EXPLAIN ANALYZE (peak memory, or the temp file's size). */
    public final SortStats stats() {
        return runs.stats(method, peakBytes);
    }

    /** Runs written to tapes (for tests and logs). */
    public final int runsWritten() { return runs.runsWritten(); }

    public final int mergeSteps() { return runs.mergeSteps(); }

    @Override
    public final void close() {
        if (state == State.CLOSED) return;
        state = State.CLOSED;
        release();
        runs.close(peakBytes);
    }
}
